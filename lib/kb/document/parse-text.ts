/**
 * Plain text as a document: the text as given (line ends made \n, a byte-order mark dropped), one block per
 * paragraph (paragraphs end at a blank line; a text with no blank line at all has one paragraph per line). Pure.
 */
import type { Block, ParsedDocument } from "./types";

export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function parseText(raw: string, name?: string): ParsedDocument {
  const text = normalizeText(raw);
  const separator = /\n[ \t]*\n/.test(text) ? /\n[ \t]*(?:\n[ \t]*)+/g : /\n/g;
  const blocks: Block[] = [];
  let from = 0;
  const addBlock = (start: number, end: number) => {
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trail = slice.length - slice.trimEnd().length;
    if (start + lead < end - trail) blocks.push({ kind: "paragraph", start: start + lead, end: end - trail });
  };
  for (const match of text.matchAll(separator)) {
    addBlock(from, match.index);
    from = match.index + match[0].length;
  }
  addBlock(from, text.length);
  return { ...(name ? { name } : {}), format: "text", text, blocks };
}
