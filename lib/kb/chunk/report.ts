/**
 * What the cleaning report says about chunks: how many, and how long in the model's tokens against its window,
 * so a chunk the model would read only part of is listed before anything is embedded. Pure.
 */
import { tokenBinWidth } from "../document/limits";
import type { ChunkReport, ChunkingSpec } from "../document/types";

export function chunkReport(spec: ChunkingSpec, tokens: readonly number[], window: number, dropped: number): ChunkReport {
  const width = tokenBinWidth(window);
  const bins = Math.ceil(window / width);
  const counts = new Array<number>(bins).fill(0);
  const overWindow: number[] = [];
  tokens.forEach((n, index) => {
    if (n > window) overWindow.push(index);
    else counts[Math.max(0, Math.floor((n - 1) / width))]++;
  });
  const sorted = [...tokens].sort((a, b) => a - b);
  return {
    method: spec.method,
    ...(spec.size !== undefined ? { size: spec.size } : {}),
    ...(spec.overlap !== undefined ? { overlap: spec.overlap } : {}),
    count: tokens.length,
    dropped,
    window,
    tokens: { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 },
    histogram: counts.map((count, i) => ({ start: i * width + 1, end: Math.min(window, (i + 1) * width), count })),
    overWindow,
  };
}
