/**
 * A parsed document to the entries a knowledge base embeds: the chunks' spans (with their PDF page), their
 * texts, each one's length in the model's tokens, and the report. Pure: the tokens of each distinct piece come
 * from the model's tokenizer beforehand (see pieces.ts for why that is enough).
 */
import { AppError } from "../../errors";
import { cutToChars as cutKeepingPairs } from "../clean";
import { MAX_ENTRY_CHARS } from "../limits";
import { CHUNK_DEFAULTS } from "../document/limits";
import type { ChunkingSpec, ChunkReport, ChunkSpan, ParsedDocument } from "../document/types";
import { chunkDocument, type ResolvedChunking } from "./chunkers";
import { CountedPieces, piecesOf } from "./pieces";
import { chunkReport } from "./report";

/** A chunk may be this short at the least (tokens, recursive). */
export const MIN_CHUNK_TOKENS = 16;

/** What the model adds to every text and how much it reads. */
export interface TokenBudget {
  /** Tokens the model reads of one text, special tokens and prompt included. */
  window: number;
  /** Special tokens plus the document prompt's tokens, added to every chunk. */
  overhead: number;
}

export interface ChunkedDocument {
  chunks: ChunkSpan[];
  /** The chunks' texts (cut to MAX_ENTRY_CHARS, as any entry is). */
  entries: string[];
  /** Each chunk's tokens, overhead included. */
  tokens: number[];
  report: ChunkReport;
  /** Chunks cut to MAX_ENTRY_CHARS (index, characters before). */
  cutToChars: { index: number; chars: number }[];
}

/** The size and overlap a spec means, checked against the model's window. */
export function resolveChunking(spec: ChunkingSpec, budget: TokenBudget, modelId: string): ResolvedChunking {
  const defaults: { size?: number; overlap?: number } = CHUNK_DEFAULTS[spec.method];
  const room = budget.window - budget.overhead;
  const size = spec.size ?? Math.min(defaults.size ?? room, room);
  const overlap = spec.overlap ?? defaults.overlap ?? 0;
  if (spec.method === "tokens" || spec.method === "recursive") {
    if (size < MIN_CHUNK_TOKENS || size > room) {
      throw new AppError("invalid_input", `\`chunking.size\`: expected ${MIN_CHUNK_TOKENS} to ${room} tokens for ${modelId} (its window of ${budget.window} less ${budget.overhead} special and prompt tokens), got ${size}.`);
    }
    if (overlap < 0 || overlap >= size) {
      throw new AppError("invalid_input", `\`chunking.overlap\`: expected 0 to ${size - 1} tokens (less than the size), got ${overlap}.`);
    }
  }
  return { method: spec.method, size, overlap };
}

/** `tokensOf`: content tokens of each distinct piece key (piecesOf). */
export function chunkParsed(doc: ParsedDocument, spec: ChunkingSpec, tokensOf: ReadonlyMap<string, number>, budget: TokenBudget, modelId: string): ChunkedDocument {
  const chunking = resolveChunking(spec, budget, modelId);
  const pieces = CountedPieces.from(piecesOf(doc.text), tokensOf);
  const { spans, dropped } = chunkDocument(doc, chunking, pieces);
  if (spans.length === 0) throw new AppError("empty_input", "The document has no chunk with a letter or digit in it: expected some words to search.");
  const pages = doc.pages ?? [];
  const chunks: ChunkSpan[] = spans.map(({ start, end }, index) => {
    const page = pageAt(pages, start);
    return page === undefined ? { index, start, end } : { index, start, end, page };
  });
  const tokens = spans.map(({ start, end }) => pieces.tokensIn(start, end) + budget.overhead);
  const cutToChars: ChunkedDocument["cutToChars"] = [];
  const entries = spans.map(({ start, end }, index) => {
    if (end - start > MAX_ENTRY_CHARS) cutToChars.push({ index, chars: end - start });
    return cutKeepingPairs(doc.text.slice(start, end), MAX_ENTRY_CHARS);
  });
  const shown = spec.method === "tokens" || spec.method === "recursive" ? { ...spec, size: chunking.size, overlap: chunking.overlap } : { method: spec.method };
  return { chunks, entries, tokens, cutToChars, report: chunkReport(shown, tokens, budget.window, dropped) };
}

function pageAt(pages: readonly { number: number; start: number; end: number }[], offset: number): number | undefined {
  let found: number | undefined;
  for (const page of pages) {
    if (page.start > offset) break;
    found = page.number;
  }
  return found;
}
