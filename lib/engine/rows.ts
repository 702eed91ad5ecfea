/**
 * Rows between texts and batches, both ways. Going in: texts' token ids packed into three flat arrays (the form
 * they cross between threads in, transferred, not copied) and the rows of one batch picked out of them. Coming
 * back: each batch's pooled rows scattered to their texts' places, and a coalesced job's rows sliced back into
 * each caller's share. Pure: no model, no thread.
 */
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import type { EncodedText } from "./tokenize";
import type { TokenRow, Truncation } from "./types";

/**
 * Per row key, a row-major matrix: [rows, dims] vectors, or [rows] norms (dims 1). A key is a pooling name
 * (one layer's rows), or "<layer>/<pooling>" when a call asked for several layers (layerRowKey).
 */
export type PooledRows = Partial<Record<string, Float32Array>>;

/** The row key of one pooling of one layer in a several-layer call. */
export function layerRowKey(layer: string, pooling: Pooling): string {
  return `${layer}/${pooling}`;
}

/** Texts as tokens, flat: ids and specials concatenated, lengths[i] tokens for text i. */
export interface PackedTokens {
  ids: Int32Array;
  specials: Uint8Array;
  lengths: Int32Array;
}

/** A job's rows for its texts, in the order given. */
export interface JobRows {
  /** Per pooling, L2-normalized [texts, dims]. */
  pooled: PooledRows;
  /** Per pooling, each row's length before normalization: [texts]. */
  norms: PooledRows;
  /** Tokens of each text after truncation. */
  tokenCounts: number[];
  /** The texts that were cut, by their index in the job. */
  truncated: Truncation[];
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

/** Packed sets one after another, as one (chunks tokenized in turn). */
export function joinTokens(parts: readonly PackedTokens[]): PackedTokens {
  return {
    ids: concat(parts.map((p) => p.ids), (n) => new Int32Array(n)),
    specials: concat(parts.map((p) => p.specials), (n) => new Uint8Array(n)),
    lengths: concat(parts.map((p) => p.lengths), (n) => new Int32Array(n)),
  };
}

function concat<A extends Int32Array | Uint8Array>(arrays: readonly A[], make: (length: number) => A): A {
  const out = make(arrays.reduce((sum, a) => sum + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** A token row as the batcher takes it; refuses a row with no token. */
export function encodedRow(row: TokenRow, index: number): EncodedText {
  if (row.ids.length === 0 || row.ids.length !== row.specials.length) {
    throw new AppError("invalid_input", `token row ${index}: expected as many special flags as ids (at least one), got ${row.specials.length} and ${row.ids.length}`);
  }
  return { ids: row.ids, specials: Uint8Array.from(row.specials, (s) => (s ? 1 : 0)) };
}

/** Per row key, an empty [count, dims] matrix and [count] norms to scatter batches into. */
export function allocateRows(keys: readonly string[], count: number, dims: number): { pooled: PooledRows; norms: PooledRows } {
  const pooled: PooledRows = {};
  const norms: PooledRows = {};
  for (const p of keys) {
    pooled[p] = new Float32Array(count * dims);
    norms[p] = new Float32Array(count);
  }
  return { pooled, norms };
}

/** Copies row r of each batch matrix to row indices[r] of the matching full matrix (dims 1: a vector of norms). */
export function scatterRows(batch: PooledRows, into: PooledRows, indices: readonly number[], dims: number): void {
  for (const [p, rows] of Object.entries(batch) as [string, Float32Array][]) {
    const target = into[p];
    if (!target) continue;
    indices.forEach((input, row) => target.set(rows.subarray(row * dims, (row + 1) * dims), input * dims));
  }
}

/** Rows [from, from + count) of a job, with truncation indices re-based to that share's own texts. */
export function sliceRows<T extends JobRows>(job: T, from: number, count: number): T {
  const pooled: PooledRows = {};
  const norms: PooledRows = {};
  for (const [p, rows] of Object.entries(job.pooled) as [string, Float32Array][]) {
    const dims = rows.length / job.tokenCounts.length;
    pooled[p] = rows.slice(from * dims, (from + count) * dims);
    norms[p] = job.norms[p]?.slice(from, from + count) ?? new Float32Array(count);
  }
  return {
    ...job,
    pooled,
    norms,
    tokenCounts: job.tokenCounts.slice(from, from + count),
    truncated: job.truncated.filter((t) => t.index >= from && t.index < from + count).map((t) => ({ ...t, index: t.index - from })),
  };
}

/** Truncations of a chunk that starts at text `from`, indexed in the whole call. */
export function shiftTruncations(truncated: readonly Truncation[], from: number): Truncation[] {
  return truncated.map((t) => ({ ...t, index: t.index + from }));
}

/** The buffers to transfer with a packed set (the sender gives them up). */
export function tokenBuffers(packed: PackedTokens): ArrayBuffer[] {
  return [packed.ids.buffer as ArrayBuffer, packed.specials.buffer as ArrayBuffer, packed.lengths.buffer as ArrayBuffer];
}

/** The buffers to transfer with sets of pooled rows. */
export function rowBuffers(...sets: PooledRows[]): ArrayBuffer[] {
  return sets.flatMap((set) => Object.values(set).map((rows) => rows!.buffer as ArrayBuffer));
}
