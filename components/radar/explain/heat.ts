/**
 * Diverging colours for token contributions: blue pulls the score down, orange pushes it up, white is nothing.
 * The scale is symmetric around 0 and set by the largest magnitude in view, so both texts read on one scale. Pure.
 */

/** The largest |contribution| among all tokens shown (at least a tiny positive number). */
export function heatScale(values: readonly (number | null)[]): number {
  return Math.max(1e-6, ...values.map((v) => Math.abs(v ?? 0)));
}

/** A background colour for a contribution in [-scale, scale]: interpolated from white to orange or to blue. */
export function heatColor(value: number | null, scale: number): string {
  if (value === null) return "transparent";
  const t = Math.max(-1, Math.min(1, value / scale));
  // orange-600 (234, 88, 12) and blue-600 (37, 99, 235), mixed with white by |t|.
  const [r, g, b] = t >= 0 ? [234, 88, 12] : [37, 99, 235];
  const a = Math.abs(t);
  const mix = (c: number) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

/** Dark text on pale cells, white on strong ones (contrast). */
export function heatTextClass(value: number | null, scale: number): string {
  return value !== null && Math.abs(value / scale) > 0.55 ? "text-white" : "text-slate-900";
}
