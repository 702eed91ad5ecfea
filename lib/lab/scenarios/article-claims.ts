import type { ScenarioClaim } from "./types";

/**
 * The article's claimed results (section 4.1), for Qwen3-Embedding-4B on the Chinese scenarios, in scenario
 * order. They are hypotheses to compare against, not reference values: the article never shows the model's
 * weak-candidate scores, and its own per-scenario deltas do not average to its stated Mean average.
 */
export const ARTICLE_CLAIMS: readonly ScenarioClaim[] = [
  { cls: { strong: 0.7214, unrelated: 0.3102, delta: 0.4112 }, mean: { strong: 0.7896, unrelated: 0.2845, delta: 0.5051 } },
  { cls: { strong: 0.6533, unrelated: 0.3421, delta: 0.3112 }, mean: { strong: 0.7108, unrelated: 0.2679, delta: 0.4429 } },
  { cls: { strong: 0.6847, unrelated: 0.3688, delta: 0.3159 }, mean: { strong: 0.7325, unrelated: 0.2912, delta: 0.4413 } },
  { cls: { strong: 0.5921, unrelated: 0.4127, delta: 0.1794 }, mean: { strong: 0.6783, unrelated: 0.3205, delta: 0.3578 } },
  { cls: { strong: 0.6105, unrelated: 0.3892, delta: 0.2213 }, mean: { strong: 0.6944, unrelated: 0.3021, delta: 0.3923 } },
  { cls: { strong: 0.6328, unrelated: 0.4215, delta: 0.2113 }, mean: { strong: 0.7012, unrelated: 0.2876, delta: 0.4136 } },
  { cls: { strong: 0.5789, unrelated: 0.4023, delta: 0.1766 }, mean: { strong: 0.6524, unrelated: 0.2987, delta: 0.3537 } },
  { cls: { strong: 0.6672, unrelated: 0.3745, delta: 0.2927 }, mean: { strong: 0.7288, unrelated: 0.2713, delta: 0.4575 } },
];

/** The article's 平均区分度 row, as printed. */
export const ARTICLE_CLAIMED_AVERAGE = { cls: 0.265, mean: 0.4016 } as const;

/** What the article says it measured, for captions beside the claimed numbers. */
export const ARTICLE_CLAIM_SOURCE = {
  model: "Qwen3-Embedding-4B",
  lang: "zh",
  /** The article's "[CLS]" on a causal decoder is position 0, the first token of the text. */
  note: "claimed for Qwen3-Embedding-4B on the Chinese texts (the article gives no weak-candidate scores); not measured here.",
} as const;
