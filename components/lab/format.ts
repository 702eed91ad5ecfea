/** Small display helpers shared by the lab's components. */
import { POOLING_LABELS, type Pooling } from "@/lib/pooling/strategies";

export const f4 = (value: number) => value.toFixed(4);

/** Okabe-Ito colours: tell apart for colour-blind readers and on a washed-out projector. */
export const POOLING_COLORS: Record<Pooling, string> = {
  cls: "#0072B2",
  mean: "#009E73",
  mean_content: "#56B4E9",
  last_token: "#E69F00",
  max: "#CC79A7",
};

/** Column headers where five full labels do not fit. */
export const POOLING_SHORT_LABELS: Record<Pooling, string> = {
  cls: "CLS",
  mean: "Mean",
  mean_content: "Mean content",
  last_token: "Last",
  max: "Max",
};

/** "Mean (native)" where the pooling is the one the model was trained with. */
export function poolingName(pooling: Pooling, native: Pooling): string {
  return pooling === native ? `${POOLING_LABELS[pooling]} (native)` : POOLING_LABELS[pooling];
}

export const ARCHITECTURE_LABELS = {
  encoder: "Bidirectional encoder (BERT-style): every token attends to every token",
  "causal-decoder": "Causal decoder (LLM-style): each token attends only to the tokens before it",
} as const;
