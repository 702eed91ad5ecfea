/** The corrections' names, apart from their math (corrections.ts), so the browser can list them without ml-matrix. Pure. */
export const CORRECTIONS = ["none", "whitening", "all_but_the_top"] as const;
export type Correction = (typeof CORRECTIONS)[number];

export const CORRECTION_LABELS: Record<Correction, string> = {
  none: "none",
  whitening: "whitening",
  all_but_the_top: "all-but-the-top",
};

export function isCorrection(value: unknown): value is Correction {
  return typeof value === "string" && (CORRECTIONS as readonly string[]).includes(value);
}
