/**
 * The places a chunk may start or end, and what each costs in the model's own tokens. A piece is a run of
 * letters, digits or symbols between spaces (cut every MAX_RUN characters), or one character of a script written
 * without spaces (Chinese, Japanese, Thai...). Tokenizers split text at spaces before they cut words into tokens
 * (WordPiece puts each Chinese character apart as well), so a span's tokens are the sum of its pieces': exact for
 * WordPiece, and at most a few tokens over for byte-level BPE, which may join characters a piece keeps apart.
 * Each distinct piece is counted once by the model's tokenizer (EmbeddingEngine.countTokens). Pure.
 */

// Scripts written without spaces: each character is a piece of its own.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const RUN = /[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
/** A run longer than this (a URL, a hash) is cut, so a chunk can always end inside it. */
export const MAX_RUN = 24;

export interface PieceTable {
  /** UTF-16 offsets of each piece, in order; pieces never include spaces. */
  starts: Int32Array;
  ends: Int32Array;
  /** What is counted for each piece: its text, with one space before it when a space came before it. */
  keys: string[];
}

/** The pieces of text[from, to). */
export function piecesOf(text: string, from = 0, to = text.length): PieceTable {
  const starts: number[] = [];
  const ends: number[] = [];
  const keys: string[] = [];
  RUN.lastIndex = from;
  const slice = text.slice(0, to);
  for (let match = RUN.exec(slice); match; match = RUN.exec(slice)) {
    const start = match.index;
    const run = match[0];
    const spaced = start > 0 && /\s/.test(text[start - 1]);
    for (let offset = 0; offset < run.length; offset += MAX_RUN) {
      const piece = run.slice(offset, offset + MAX_RUN);
      starts.push(start + offset);
      ends.push(start + offset + piece.length);
      keys.push(spaced && offset === 0 ? ` ${piece}` : piece);
    }
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), keys };
}

/** Each distinct key once, for the tokenizer to count. */
export function distinctKeys(table: PieceTable): string[] {
  return [...new Set(table.keys)];
}

/** A piece table with each piece's tokens: prefix sums answer any span's tokens in O(log n). */
export class CountedPieces {
  /** prefix[i] = tokens of pieces [0, i). */
  private readonly prefix: Float64Array;

  constructor(
    readonly table: PieceTable,
    readonly counts: Int32Array,
  ) {
    this.prefix = new Float64Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) this.prefix[i + 1] = this.prefix[i] + counts[i];
  }

  /** Counts from the tokenizer's answer for each distinct key (content tokens, special tokens left out). */
  static from(table: PieceTable, tokensOf: ReadonlyMap<string, number>): CountedPieces {
    return new CountedPieces(table, Int32Array.from(table.keys, (key) => tokensOf.get(key) ?? key.length));
  }

  get length(): number {
    return this.counts.length;
  }

  /** The first piece starting at or after `offset`. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.table.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.table.starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Tokens of the pieces starting in [start, end). */
  tokensIn(start: number, end: number): number {
    return this.prefix[this.indexAt(end)] - this.prefix[this.indexAt(start)];
  }

  /** Tokens of pieces [from, to). */
  tokensOfPieces(from: number, to: number): number {
    return this.prefix[to] - this.prefix[from];
  }
}

export function isUnspaced(char: string): boolean {
  return UNSPACED.test(char);
}
