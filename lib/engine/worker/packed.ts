/**
 * Tokenized texts as three flat arrays, the form they cross between threads in (transferred, not copied):
 * ids and specials concatenated, lengths[i] tokens for text i. Pure.
 */
import type { EncodedText } from "../tokenize";

export interface PackedTokens {
  ids: Int32Array;
  specials: Uint8Array;
  lengths: Int32Array;
}

export function packTokens(texts: readonly EncodedText[]): PackedTokens {
  const total = texts.reduce((sum, text) => sum + text.ids.length, 0);
  const packed: PackedTokens = { ids: new Int32Array(total), specials: new Uint8Array(total), lengths: new Int32Array(texts.length) };
  let offset = 0;
  texts.forEach((text, i) => {
    packed.ids.set(text.ids, offset);
    packed.specials.set(text.specials, offset);
    packed.lengths[i] = text.ids.length;
    offset += text.ids.length;
  });
  return packed;
}

export function unpackTokens(packed: PackedTokens): EncodedText[] {
  const texts: EncodedText[] = [];
  let offset = 0;
  for (const length of packed.lengths) {
    texts.push({ ids: Array.from(packed.ids.subarray(offset, offset + length)), specials: packed.specials.slice(offset, offset + length) });
    offset += length;
  }
  return texts;
}

/** Where each text starts in ids/specials. */
export function tokenOffsets(lengths: Int32Array): Int32Array {
  const offsets = new Int32Array(lengths.length);
  for (let i = 1; i < lengths.length; i++) offsets[i] = offsets[i - 1] + lengths[i - 1];
  return offsets;
}

/** The texts at `indices` of a packed set, packed again in that order (one forward batch). */
export function selectTokens(packed: PackedTokens, offsets: Int32Array, indices: readonly number[]): PackedTokens {
  const total = indices.reduce((sum, i) => sum + packed.lengths[i], 0);
  const out: PackedTokens = { ids: new Int32Array(total), specials: new Uint8Array(total), lengths: new Int32Array(indices.length) };
  let at = 0;
  indices.forEach((i, row) => {
    const from = offsets[i];
    const length = packed.lengths[i];
    out.ids.set(packed.ids.subarray(from, from + length), at);
    out.specials.set(packed.specials.subarray(from, from + length), at);
    out.lengths[row] = length;
    at += length;
  });
  return out;
}

export function transferablesOf(packed: PackedTokens): ArrayBuffer[] {
  return [packed.ids.buffer as ArrayBuffer, packed.specials.buffer as ArrayBuffer, packed.lengths.buffer as ArrayBuffer];
}
