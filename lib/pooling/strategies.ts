/** The closed list of pooling strategies. Order is the order the UI and the tables show them. */
export const POOLINGS = ["cls", "mean", "mean_content", "last_token", "max"] as const;
export type Pooling = (typeof POOLINGS)[number];

export const POOLING_LABELS: Record<Pooling, string> = {
  cls: "CLS / first token",
  mean: "Mean",
  mean_content: "Mean (content tokens only)",
  last_token: "Last token",
  max: "Max",
};

export function isPooling(value: unknown): value is Pooling {
  return typeof value === "string" && (POOLINGS as readonly string[]).includes(value);
}
