/**
 * Cuts a parsed document into the chunks that are embedded, each with its place in the text:
 * - sentences: one chunk a sentence (Intl.Segmenter), never across a block;
 * - paragraphs: one chunk a block (heading, paragraph, list item, table row, record);
 * - tokens: windows of `size` tokens of the model's tokenizer, consecutive windows sharing `overlap` tokens,
 *   cut only between pieces (pieces.ts), across paragraphs but never across a table's records;
 * - recursive: a block that fits in `size` tokens is one chunk; a longer one is cut into sentences packed up to
 *   `size`, and a sentence longer than that into windows: no chunk is longer than `size`.
 * Pure and synchronous: the tokens of each piece are counted beforehand (CountedPieces).
 */
import { CountedPieces } from "./pieces";
import { sentenceSpans } from "./sentences";
import type { Block, ChunkMethod, ParsedDocument } from "../document/types";

export interface ResolvedChunking {
  method: ChunkMethod;
  /** Content tokens per chunk (tokens, recursive). */
  size: number;
  /** Content tokens shared by consecutive windows (tokens, recursive's windows). */
  overlap: number;
}

export interface Span {
  start: number;
  end: number;
}

// A piece of text worth embedding has a letter or a digit in some script.
const HAS_MEANING = /[\p{L}\p{N}]/u;

/** The chunks' spans in document order, and how many spans had nothing to embed (dropped). */
export function chunkDocument(doc: ParsedDocument, chunking: ResolvedChunking, pieces: CountedPieces): { spans: Span[]; dropped: number } {
  const raw = rawSpans(doc, chunking, pieces);
  const spans = raw.filter((span) => HAS_MEANING.test(doc.text.slice(span.start, span.end)));
  return { spans, dropped: raw.length - spans.length };
}

function rawSpans(doc: ParsedDocument, chunking: ResolvedChunking, pieces: CountedPieces): Span[] {
  const { text, blocks } = doc;
  switch (chunking.method) {
    case "paragraphs":
      return blocks.map(({ start, end }) => ({ start, end }));
    case "sentences":
      return blocks.flatMap((block) => sentenceSpans(text, block.start, block.end));
    case "tokens":
      return segmentsOf(doc).flatMap((segment) => tokenWindows(pieces, segment, chunking.size, chunking.overlap));
    case "recursive":
      return blocks.flatMap((block) => recursiveSpans(text, block, chunking, pieces));
  }
}

/** Token windows flow across prose, but a table's records are each their own (their metadata differs). */
function segmentsOf(doc: ParsedDocument): Span[] {
  if (doc.blocks.some((block) => block.kind === "record")) return doc.blocks.map(({ start, end }) => ({ start, end }));
  return [{ start: doc.blocks[0].start, end: doc.blocks[doc.blocks.length - 1].end }];
}

function recursiveSpans(text: string, block: Block, chunking: ResolvedChunking, pieces: CountedPieces): Span[] {
  const { size, overlap } = chunking;
  if (pieces.tokensIn(block.start, block.end) <= size) return [{ start: block.start, end: block.end }];
  const spans: Span[] = [];
  let packed: Span | null = null;
  let packedTokens = 0;
  const flush = () => {
    if (packed) spans.push(packed);
    packed = null;
    packedTokens = 0;
  };
  for (const sentence of sentenceSpans(text, block.start, block.end)) {
    const tokens = pieces.tokensIn(sentence.start, sentence.end);
    if (tokens > size) {
      flush();
      spans.push(...tokenWindows(pieces, sentence, size, overlap));
    } else if (packed && packedTokens + tokens <= size) {
      packed = { start: (packed as Span).start, end: sentence.end };
      packedTokens += tokens;
    } else {
      flush();
      packed = { ...sentence };
      packedTokens = tokens;
    }
  }
  flush();
  return spans;
}

/**
 * Windows of at most `size` tokens over the pieces in `range`; each next window starts as far back as keeps the
 * tokens shared with the previous one at most `overlap`, and always at least one piece further on.
 */
export function tokenWindows(pieces: CountedPieces, range: Span, size: number, overlap: number): Span[] {
  const { starts, ends } = pieces.table;
  const first = pieces.indexAt(range.start);
  const last = pieces.indexAt(range.end);
  const windows: Span[] = [];
  let i = first;
  while (i < last) {
    let j = i;
    let tokens = 0;
    while (j < last && tokens + pieces.counts[j] <= size) tokens += pieces.counts[j++];
    if (j === i) j = i + 1; // one piece over the size on its own (reported as over the window if it is)
    windows.push({ start: starts[i], end: ends[j - 1] });
    if (j >= last) break;
    let next = j;
    let shared = 0;
    while (next - 1 > i && shared + pieces.counts[next - 1] <= overlap) shared += pieces.counts[--next];
    i = next;
  }
  return windows;
}
