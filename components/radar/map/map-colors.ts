/** Point colours on the map: pale grey for the lowest score in view, deep green for the highest. Pure. */
const LOW = [203, 213, 225]; // slate-300
const HIGH = [4, 120, 87]; // emerald-700

export function scoreColor(score: number | undefined, low: number, high: number): string {
  if (score === undefined) return "#64748b"; // no query: one neutral colour
  const t = high > low ? Math.max(0, Math.min(1, (score - low) / (high - low))) : 1;
  const [r, g, b] = LOW.map((c, i) => Math.round(c + (HIGH[i] - c) * t));
  return `rgb(${r}, ${g}, ${b})`;
}
