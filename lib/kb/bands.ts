/**
 * The article's similarity bands (section 5.3). They were measured on Qwen3-Embedding-4B; on other models they
 * are a starting point, which is why the radar shows the distribution beside them.
 */
export const BANDS = [
  { id: "high", label: "high", min: 0.65 },
  { id: "medium", label: "medium", min: 0.45 },
  { id: "weak", label: "weak", min: 0.35 },
  { id: "unrelated", label: "unrelated", min: -Infinity },
] as const;

export type Band = (typeof BANDS)[number]["id"];

/** >= 0.65 high, 0.45-0.65 medium, 0.35-0.45 weak, below 0.35 unrelated. */
export function bandOf(score: number): Band {
  return BANDS.find((band) => score >= band.min)?.id ?? "unrelated";
}

export function isAboveThreshold(score: number, threshold: number): boolean {
  return score >= threshold;
}
