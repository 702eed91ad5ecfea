/**
 * Where each token of an encoding came from in the text: @huggingface/tokenizers gives ids and token strings but
 * no offsets, so they are recovered by matching each token against the text as the tokenizer's normalizer sees
 * it (lowercased, accents stripped), character by character. Offsets count UTF-16 code units, as String#slice
 * does. A token that cannot be placed (a byte-level piece, an unknown word the matcher cannot bound) gets null
 * offsets rather than a guess. Pure.
 */

/** One token as TEI's /tokenize answers it: `text` is the slice of the input it covers (the token itself if special). */
export interface TokenSpan {
  id: number;
  text: string;
  special: boolean;
  /** UTF-16 offsets into the text that was tokenized (the prompt included); null for special tokens. */
  start: number | null;
  stop: number | null;
}

export interface RawToken {
  id: number;
  /** The vocabulary string, e.g. "##ing", "[CLS]", "Ġhello". */
  token: string;
  special: boolean;
  /** The token decoded on its own (e.g. " hello" for a byte-level BPE piece); tried when `token` does not match. */
  decoded?: string;
}

export interface SpanOptions {
  /** The tokenizer's normalizer applied to one character ("É" -> "e"); identity when it has none. */
  normalizeChar: (char: string) => string;
  /** WordPiece's prefix for a word's later pieces. @default "##" */
  continuingPrefix?: string;
  unkToken?: string;
}

/** A UTF-16 unit of the normalized text and the span of the original character it came from. */
interface NormChar {
  char: string;
  start: number;
  stop: number;
  /** First character of a word: after whitespace, or a punctuation/CJK character (which BERT splits alone). */
  wordStart: boolean;
}

const SPACE = /\s/u;
// BERT's pre-tokenizer splits Unicode punctuation, ASCII symbols and CJK ideographs into words of their own.
const STANDALONE = /[\p{P}!-/:-@[-`{-~\p{Script=Han}]/u;
// How far ahead a token may be found when it does not start exactly where the previous one ended.
const LOOKAHEAD = 64;

export function tokenSpans(input: string, tokens: readonly RawToken[], options: SpanOptions): TokenSpan[] {
  const norm = normalizedChars(input, options.normalizeChar);
  const stream = norm.map((n) => n.char).join("");
  const prefix = options.continuingPrefix ?? "##";
  let cursor = 0; // index into `stream`
  return tokens.map(({ id, token, special, decoded }) => {
    if (special) return { id, text: token, special, start: null, stop: null };
    let length = 0;
    let at = -1;
    if (token === options.unkToken) {
      at = cursor < norm.length ? cursor : -1;
      length = at < 0 ? 0 : unknownWordLength(norm, at);
    } else {
      for (const candidate of candidates(token, decoded, prefix, options.normalizeChar)) {
        at = stream.slice(cursor, cursor + LOOKAHEAD + candidate.length).indexOf(candidate);
        if (at >= 0) {
          at += cursor;
          length = candidate.length;
          break;
        }
      }
    }
    if (at < 0 || length === 0) return { id, text: token, special, start: null, stop: null };
    cursor = at + length;
    const start = norm[at].start;
    const stop = norm[at + length - 1].stop;
    return { id, text: input.slice(start, stop), special, start, stop };
  });
}

function candidates(token: string, decoded: string | undefined, prefix: string, normalizeChar: (c: string) => string): string[] {
  const plain = prefix && token.startsWith(prefix) && token.length > prefix.length ? token.slice(prefix.length) : token;
  const list = [withoutSpaces(plain)];
  if (decoded !== undefined) list.push(withoutSpaces([...decoded].map(normalizeChar).join("")));
  return [...new Set(list.filter(Boolean))];
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/gu, "");
}

/** The input's characters after normalization, whitespace dropped (tokens never contain it). */
function normalizedChars(input: string, normalizeChar: (c: string) => string): NormChar[] {
  const out: NormChar[] = [];
  let offset = 0;
  let afterSpace = true;
  for (const char of input) {
    const start = offset;
    offset += char.length;
    if (SPACE.test(char)) {
      afterSpace = true;
      continue;
    }
    const standalone = STANDALONE.test(char);
    const normalized = withoutSpaces(normalizeChar(char));
    // One entry per UTF-16 unit, so an index into the joined string is an index into this list.
    for (let i = 0; i < normalized.length; i++) out.push({ char: normalized[i], start, stop: offset, wordStart: i === 0 && (afterSpace || standalone) });
    afterSpace = standalone;
  }
  return out;
}

/** An unknown token stands for one whole pre-tokenized word: up to the next word start. */
function unknownWordLength(norm: readonly NormChar[], at: number): number {
  let end = at + 1;
  while (end < norm.length && !norm[end].wordStart) end++;
  return end - at;
}
