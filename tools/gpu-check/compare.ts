/**
 * The figures of the GPU check: how closely two devices' vectors agree, and how fast each path was.
 * Pure, over flat row-major [count, dims] matrices as the engine returns them.
 */

export interface Agreement {
  /** Lowest cosine between a text's two vectors: the figure held to > 0.999. */
  min: number;
  mean: number;
  /** Input index of the lowest. */
  worst: number;
}

function cosineAt(a: Float32Array, b: Float32Array, dims: number, rowA: number, rowB: number): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let d = 0; d < dims; d++) {
    const x = a[rowA * dims + d];
    const y = b[rowB * dims + d];
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}

/** Row-by-row cosine of two [count, dims] matrices of the same texts. */
export function agreement(a: Float32Array, b: Float32Array, dims: number): Agreement {
  if (a.length !== b.length || a.length % dims !== 0 || a.length === 0) {
    throw new RangeError(`expected two non-empty [count, ${dims}] matrices of one size, got ${a.length} and ${b.length} values`);
  }
  let min = Infinity;
  let sum = 0;
  let worst = 0;
  const count = a.length / dims;
  for (let row = 0; row < count; row++) {
    const c = cosineAt(a, b, dims, row, row);
    sum += c;
    if (c < min) [min, worst] = [c, row];
  }
  return { min, mean: sum / count, worst };
}

/**
 * Mean cosine between neighbouring different texts of one matrix. Says how much "agreement > 0.999" means:
 * if unrelated texts already sat at 0.999, agreeing would prove nothing.
 */
export function neighbourBaseline(m: Float32Array, dims: number): number {
  const count = m.length / dims;
  if (count < 2) return NaN;
  let sum = 0;
  for (let row = 0; row + 1 < count; row++) sum += cosineAt(m, m, dims, row, row + 1);
  return sum / (count - 1);
}

export function textsPerSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : NaN;
}

/** a / b, or null when either side is missing (a path that did not run has no ratio). */
export function ratio(a: number | undefined, b: number | undefined): number | null {
  return a && b && Number.isFinite(a) && Number.isFinite(b) ? a / b : null;
}

export interface GpuSamples {
  samples: number;
  maxUtilizationPercent: number;
  memoryBeforeMiB: number;
  memoryPeakMiB: number;
}

/**
 * nvidia-smi samples taken while a phase ran (`--query-gpu=utilization.gpu,memory.used --format=csv,noheader,nounits`):
 * independent evidence that the work really ran on the GPU. null when nothing was sampled.
 */
export function parseGpuSamples(csv: string): GpuSamples | null {
  const rows = csv
    .split("\n")
    .map((line) => line.split(",").map((field) => Number(field.trim())))
    .filter((fields) => fields.length === 2 && fields.every(Number.isFinite));
  if (rows.length === 0) return null;
  return {
    samples: rows.length,
    maxUtilizationPercent: Math.max(...rows.map(([util]) => util)),
    memoryBeforeMiB: rows[0][1],
    memoryPeakMiB: Math.max(...rows.map(([, memory]) => memory)),
  };
}
