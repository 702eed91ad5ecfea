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
  // orange-600 (234, 88, 12) and blue-500 (59, 130, 246), mixed with white by |t|: both ends stay light enough
  // (relative luminance >= 0.23) for dark text at 4.5:1, so every cell reads with one text colour.
  const [r, g, b] = t >= 0 ? [234, 88, 12] : [59, 130, 246];
  const a = Math.abs(t);
  const mix = (c: number) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

/**
 * The cells' text colour (slate-900), at least 4.5:1 on every shade above. A literal colour, not a Tailwind class:
 * the cells' backgrounds are literal too, and the dark theme mirrors the palette's classes (globals.css).
 */
export const HEAT_TEXT_COLOR = "#0f172a";

/** WCAG contrast ratio of two sRGB colours given as [r, g, b] in 0-255. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const luminance = (rgb: readonly number[]) => {
    const [r, g, bl] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}
