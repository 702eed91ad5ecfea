/**
 * HTML as a document, read by htmlparser2 (forgiving, streaming): headings keep their level; paragraphs, list
 * items, quotes, preformatted text, table rows and other block elements become blocks; scripts, styles and the
 * head are skipped. Whitespace collapses as a browser lays it out, except in <pre>. Pure.
 */
import { Parser } from "htmlparser2";
import { collapseSpaces, TextBuilder } from "./text-builder";
import type { DocumentFormat, ParsedDocument } from "./types";

const SKIPPED = new Set(["script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object"]);
const BLOCKS = new Set([
  "p", "div", "li", "dt", "dd", "blockquote", "pre", "tr", "caption", "figcaption", "section", "article", "aside",
  "header", "footer", "main", "nav", "address", "ul", "ol", "dl", "table", "form", "fieldset", "details", "summary", "body",
]);
const CELLS = new Set(["td", "th"]);

export function parseHtml(html: string, name?: string, format: DocumentFormat = "html"): ParsedDocument {
  const builder = new TextBuilder();
  let buffer = "";
  let heading = 0;
  let skipping = 0;
  let pre = 0;
  const flush = () => {
    const text = pre > 0 ? buffer : collapseSpaces(buffer);
    builder.add(heading ? "heading" : "paragraph", text, heading ? { level: heading } : {});
    buffer = "";
  };
  const parser = new Parser(
    {
      onopentag(tag) {
        if (SKIPPED.has(tag)) skipping++;
        if (skipping) return;
        if (/^h[1-6]$/.test(tag)) {
          flush();
          heading = Number(tag[1]);
        } else if (BLOCKS.has(tag)) flush();
        else if (tag === "br") buffer += "\n";
        else if (CELLS.has(tag) && buffer.trim() !== "") buffer += " | ";
        if (tag === "pre") pre++;
      },
      ontext(text) {
        if (!skipping) buffer += text;
      },
      onclosetag(tag) {
        if (SKIPPED.has(tag)) {
          skipping = Math.max(0, skipping - 1);
          return;
        }
        if (skipping) return;
        if (/^h[1-6]$/.test(tag)) {
          flush();
          heading = 0;
        } else if (BLOCKS.has(tag)) flush();
        if (tag === "pre") pre = Math.max(0, pre - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return builder.build(format, name);
}
