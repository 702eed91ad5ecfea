/** Small display helpers shared by the lab's components. */
import type { Pooling } from "@/lib/pooling/strategies";

export const f4 = (value: number) => value.toFixed(4);

/** Okabe-Ito colours: tell apart for colour-blind readers and on a washed-out projector. */
export const POOLING_COLORS: Record<Pooling, string> = {
  cls: "#0072B2",
  mean: "#009E73",
  mean_content: "#56B4E9",
  last_token: "#E69F00",
  max: "#CC79A7",
};
