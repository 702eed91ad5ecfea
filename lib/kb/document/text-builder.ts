/**
 * Builds a parsed document's text one block at a time: blocks are separated by a blank line, and each keeps its
 * offsets into the text. Pure.
 */
import type { Block, BlockKind, DocumentFormat, EntryMetadata, PageSpan, ParsedDocument } from "./types";

const BLOCK_SEPARATOR = "\n\n";

export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly blocks: Block[] = [];
  private readonly pages: PageSpan[] = [];
  private pageStart: { number: number; start: number } | undefined;

  /** Adds one block; text with nothing visible in it is skipped. */
  add(kind: BlockKind, text: string, extra: { level?: number; metadata?: EntryMetadata } = {}): void {
    const trimmed = text.trim();
    if (trimmed === "") return;
    if (this.length > 0) this.push(BLOCK_SEPARATOR);
    const start = this.length;
    this.push(trimmed);
    this.blocks.push({ kind, start, end: this.length, ...(extra.level ? { level: extra.level } : {}), ...(extra.metadata ? { metadata: extra.metadata } : {}) });
  }

  /** Starts a PDF page: the blocks added from here on are on it. */
  startPage(number: number): void {
    this.endPage();
    this.pageStart = { number, start: this.length === 0 ? 0 : this.length + BLOCK_SEPARATOR.length };
  }

  /** Characters so far: a bound checked while parsing, before the whole text is joined. */
  get size(): number {
    return this.length;
  }

  build(format: DocumentFormat, name?: string): ParsedDocument {
    this.endPage();
    const text = this.parts.join("");
    return { ...(name ? { name } : {}), format, text, blocks: this.blocks, ...(format === "pdf" ? { pages: this.pages } : {}) };
  }

  private endPage(): void {
    if (!this.pageStart) return;
    const { number, start } = this.pageStart;
    // A page with no text still gets its place, empty, so page numbers stay those of the PDF.
    this.pages.push({ number, start: Math.min(start, this.length), end: Math.max(this.length, Math.min(start, this.length)) });
    this.pageStart = undefined;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
}

/** Collapses runs of whitespace to one space, as a browser lays out HTML text. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ");
}
