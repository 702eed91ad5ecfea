/**
 * Scores stored vectors against a query: [count, dims] x [dims] -> [count]. Rows and query are L2-normalized,
 * so each score is a cosine. Large matrices go to onnxruntime's MatMul (SIMD, several threads); small ones to a
 * blocked loop, which beats a session call's fixed cost below a few thousand rows. One of the two modules that
 * load onnxruntime (with session.ts); the rank worker (lib/kb/rank-worker.ts) runs it off the main thread.
 */
import * as ort from "onnxruntime-node";
import { AppError } from "../errors";
import { NO_SPINNING } from "./ort-options";
import { matMulGraph } from "./score-graph";

/** Below this many stored floats (about 5,000 rows of 384), the loop is faster than a MatMul call. */
export const SMALL_MATRIX_FLOATS = 2_000_000;

/** scores[i] = rows[i] . query, four rows at a time so each query value is loaded once per four products. */
export function scoreBlocked(rows: Float32Array, dims: number, query: Float32Array): Float32Array {
  const count = rows.length / dims;
  const scores = new Float32Array(count);
  let row = 0;
  for (; row + 4 <= count; row += 4) {
    const a = row * dims;
    const b = a + dims;
    const c = b + dims;
    const d = c + dims;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let sd = 0;
    for (let k = 0; k < dims; k++) {
      const q = query[k];
      sa += rows[a + k] * q;
      sb += rows[b + k] * q;
      sc += rows[c + k] * q;
      sd += rows[d + k] * q;
    }
    scores[row] = sa;
    scores[row + 1] = sb;
    scores[row + 2] = sc;
    scores[row + 3] = sd;
  }
  for (; row < count; row++) {
    let sum = 0;
    for (let k = 0; k < dims; k++) sum += rows[row * dims + k] * query[k];
    scores[row] = sum;
  }
  return scores;
}

export interface Scorer {
  /** scores[i] = rows[i] . query.  rows: [count, dims], query: [dims] -> [count] */
  score(rows: Float32Array, dims: number, query: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

/** @param threads intra-op threads of the MatMul. @default onnxruntime's choice (the physical cores) */
export async function createScorer(threads?: number): Promise<Scorer> {
  const session = await ort.InferenceSession.create(matMulGraph(), { ...(threads ? { intraOpNumThreads: threads } : {}), logSeverityLevel: 3, extra: NO_SPINNING });
  return {
    async score(rows, dims, query) {
      if (query.length !== dims || rows.length % dims !== 0) {
        throw new AppError("internal", `Vector shapes disagree: expected a query of ${dims} dims and rows a multiple of it, got ${query.length} and ${rows.length}.`);
      }
      const count = rows.length / dims;
      if (count === 0) return new Float32Array(0);
      if (rows.length < SMALL_MATRIX_FLOATS) return scoreBlocked(rows, dims, query);
      const outputs = await session.run({ m: new ort.Tensor("float32", rows, [count, dims]), q: new ort.Tensor("float32", query, [dims, 1]) });
      const scores = outputs.s.data as Float32Array; // [count, 1]
      return scores;
    },
    release: () => session.release(),
  };
}
