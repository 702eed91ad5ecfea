/**
 * Markdown as a document, read by markdown-it (CommonMark and tables): headings keep their level, paragraphs,
 * list items, quotes, code blocks and table rows become blocks of plain text (the markup itself is dropped). Pure.
 */
import MarkdownIt from "markdown-it";
import { TextBuilder } from "./text-builder";
import type { ParsedDocument } from "./types";

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const markdown = new MarkdownIt({ html: false, linkify: false });

export function parseMarkdown(source: string, name?: string): ParsedDocument {
  const tokens = markdown.parse(source.replace(/^\uFEFF/, ""), {});
  const builder = new TextBuilder();
  let heading = 0;
  let row: string[] | null = null;
  for (const token of tokens) {
    if (token.type === "heading_open") heading = Number(token.tag.slice(1));
    else if (token.type === "heading_close") heading = 0;
    else if (token.type === "tr_open") row = [];
    else if (token.type === "tr_close" && row) {
      builder.add("paragraph", row.join(" | "));
      row = null;
    } else if (token.type === "inline") {
      const text = inlineText(token);
      if (row) row.push(text.trim());
      else builder.add(heading ? "heading" : "paragraph", text, heading ? { level: heading } : {});
    } else if (token.type === "fence" || token.type === "code_block") builder.add("paragraph", token.content);
  }
  return builder.build("markdown", name);
}

/** An inline token's text without its markup: emphasis and links read as their words, images as their alt text. */
function inlineText(token: Token): string {
  let text = "";
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak") text += "\n";
    else if (child.type === "hardbreak") text += "\n";
    else if (child.type === "image") text += child.content;
  }
  return text;
}
