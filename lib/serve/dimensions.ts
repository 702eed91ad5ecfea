/** Matryoshka truncation, the rule for which `dimensions` a model accepts, and the raw (unnormalized) vectors TEI's normalize: false asks for. Pure. */
import { AppError } from "../errors";
import { l2NormalizeRows } from "../pooling/normalize";

function checkKeep(dims: number, keep: number): void {
  if (!(Number.isInteger(keep) && keep >= 1 && keep <= dims)) {
    throw new RangeError(`Expected keep to be an integer from 1 to ${dims}, got ${keep} (${typeof keep})`);
  }
}

/** rows: [count, dims] -> [count, keep], each row's first `keep` components as they are (a new array unless keep = dims). */
export function keepDimensions(rows: Float32Array, dims: number, keep: number): Float32Array {
  checkKeep(dims, keep);
  if (keep === dims) return rows;
  const count = rows.length / dims;
  const out = new Float32Array(count * keep);
  for (let r = 0; r < count; r++) out.set(rows.subarray(r * dims, r * dims + keep), r * keep);
  return out;
}

/** rows: [count, dims] -> [count, keep], L2-normalized again (the input is returned as is when nothing is cut). */
export function truncateDimensions(rows: Float32Array, dims: number, keep: number): Float32Array {
  checkKeep(dims, keep);
  return keep === dims ? rows : l2NormalizeRows(keepDimensions(rows, dims, keep), keep);
}

/** Unit rows times their norms: the pooled vectors before normalization. rows: [count, dims], norms: [count]. */
export function scaleRows(rows: Float32Array, norms: Float32Array, dims: number): Float32Array {
  const out = new Float32Array(rows.length);
  for (let r = 0; r < norms.length; r++) for (let d = r * dims; d < (r + 1) * dims; d++) out[d] = rows[d] * norms[r];
  return out;
}

/**
 * What a route does with `dimensions` on a model whose card declares no Matryoshka training: OpenAI refuses it
 * ("This model does not support specifying dimensions", text-embedding-ada-002), TEI cuts any model.
 */
export type UndeclaredCut = "refuse" | "cut";

/** The model facts the check needs (ModelInfo has them). */
export interface CutTarget {
  id: string;
  hiddenSize: number;
  matryoshka?: { min: number };
}

/**
 * Refuses (invalid_input, a 4xx) a `dimensions` the model cannot give: above its hidden size; below the minimum
 * its card declares; or, under "refuse", any cut of a model that declares no Matryoshka training (its full size
 * is still accepted: a client that always sends `dimensions` keeps working).
 */
export function checkDimensions(model: CutTarget, dimensions: number, undeclared: UndeclaredCut): void {
  const full = model.hiddenSize;
  if (dimensions > full) throw invalidDimensions(`expected at most ${full} (the size of ${model.id}'s vectors), got ${dimensions}.`);
  if (dimensions === full) return;
  if (model.matryoshka) {
    const { min } = model.matryoshka;
    if (dimensions < min) throw invalidDimensions(`expected an integer from ${min} to ${full} (the Matryoshka cuts ${model.id}'s card declares), got ${dimensions}.`);
  } else if (undeclared === "refuse") {
    throw invalidDimensions(`${model.id} does not declare Matryoshka (MRL) training, so its vectors are not cut: leave \`dimensions\` out or send ${full}, got ${dimensions}.`);
  }
}

function invalidDimensions(message: string): AppError {
  return new AppError("invalid_input", `\`dimensions\`: ${message}`);
}
