import type { Pooling } from "./strategies";

/**
 * One forward pass's output, flat and row-major, as onnxruntime returns it.
 * hidden: [batch, seq, dim]; attentionMask, specialMask: [batch, seq] (1 = attended / special token).
 */
export interface HiddenStates {
  hidden: Float32Array;
  attentionMask: ArrayLike<number>;
  specialMask: ArrayLike<number>;
  batch: number;
  seq: number;
  dim: number;
}

// Guards a division by an empty mask, as sentence-transformers' Pooling does (clamp(min=1e-9)).
const MIN_COUNT = 1e-9;

function copyToken(states: HiddenStates, out: Float32Array, row: number, position: number): void {
  const { hidden, seq, dim } = states;
  const from = (row * seq + position) * dim;
  out.set(hidden.subarray(from, from + dim), row * dim);
}

function firstAttended(states: HiddenStates, row: number): number {
  for (let t = 0; t < states.seq; t++) if (states.attentionMask[row * states.seq + t]) return t;
  return -1;
}

function lastAttended(states: HiddenStates, row: number): number {
  for (let t = states.seq - 1; t >= 0; t--) if (states.attentionMask[row * states.seq + t]) return t;
  return -1;
}

/**
 * The first attended token: [CLS] on BERT-style encoders. NOTE: with left padding position 0 is padding,
 * so the index comes from the mask rather than being fixed at 0 (transformers.js takes 0 regardless).
 */
export function poolCls(states: HiddenStates): Float32Array {
  const out = new Float32Array(states.batch * states.dim); // [batch, dim]
  for (let row = 0; row < states.batch; row++) {
    const position = firstAttended(states, row);
    if (position >= 0) copyToken(states, out, row, position);
  }
  return out;
}

/**
 * The last attended token: the trained pooling of causal decoders (Qwen3-Embedding), where it is the only
 * token that has seen the whole text. NOTE: with right padding it sits before the padding, not at seq - 1.
 */
export function poolLastToken(states: HiddenStates): Float32Array {
  const out = new Float32Array(states.batch * states.dim); // [batch, dim]
  for (let row = 0; row < states.batch; row++) {
    const position = lastAttended(states, row);
    if (position >= 0) copyToken(states, out, row, position);
  }
  return out;
}

/** Mask-weighted mean; `weights` decides which tokens count (1) or not (0). */
function weightedMean(states: HiddenStates, weight: (index: number) => number): Float32Array {
  const { hidden, batch, seq, dim } = states;
  const out = new Float32Array(batch * dim); // [batch, dim]
  for (let row = 0; row < batch; row++) {
    let count = 0;
    for (let t = 0; t < seq; t++) {
      const w = weight(row * seq + t);
      if (w === 0) continue;
      count += w;
      const from = (row * seq + t) * dim;
      for (let d = 0; d < dim; d++) out[row * dim + d] += w * hidden[from + d];
    }
    const scale = 1 / Math.max(count, MIN_COUNT);
    for (let d = 0; d < dim; d++) out[row * dim + d] *= scale;
  }
  return out;
}

/** Mean over attended tokens, special tokens included: what sentence-transformers' mean pooling does. */
export function poolMean(states: HiddenStates): Float32Array {
  return weightedMean(states, (i) => (states.attentionMask[i] ? 1 : 0));
}

/** Mean over attended content tokens only ([CLS], [SEP], EOS excluded): what the article's text describes. */
export function poolMeanContent(states: HiddenStates): Float32Array {
  return weightedMean(states, (i) => (states.attentionMask[i] && !states.specialMask[i] ? 1 : 0));
}

/** Element-wise max over attended tokens; an empty mask gives zeros rather than -Infinity. */
export function poolMax(states: HiddenStates): Float32Array {
  const { hidden, attentionMask, batch, seq, dim } = states;
  const out = new Float32Array(batch * dim); // [batch, dim]
  for (let row = 0; row < batch; row++) {
    const best = new Float32Array(dim).fill(-Infinity);
    let any = false;
    for (let t = 0; t < seq; t++) {
      if (!attentionMask[row * seq + t]) continue;
      any = true;
      const from = (row * seq + t) * dim;
      for (let d = 0; d < dim; d++) if (hidden[from + d] > best[d]) best[d] = hidden[from + d];
    }
    if (any) out.set(best, row * dim);
  }
  return out;
}

const POOLERS: Record<Pooling, (states: HiddenStates) => Float32Array> = {
  cls: poolCls,
  mean: poolMean,
  mean_content: poolMeanContent,
  last_token: poolLastToken,
  max: poolMax,
};

/** Pools one forward pass with the given strategy. Returns [batch, dim], not normalized. */
export function pool(strategy: Pooling, states: HiddenStates): Float32Array {
  return POOLERS[strategy](states);
}
