/** The STS datasets shipped in lib/eval/data. Pure (no file access), so the wire contract can name them. */
export const STS_DATASETS = ["stsb-en", "stsb-zh"] as const;
export type StsDataset = (typeof STS_DATASETS)[number];

/**
 * The one rule for which language's data suits a model: Chinese for a model that reads Chinese and not English,
 * English otherwise. The lab's scenarios, the radar's examples, STS and calibration all follow it.
 */
export function dataLanguageFor(languages: readonly string[]): "zh" | "en" {
  return languages.includes("zh") && !languages.includes("en") ? "zh" : "en";
}

/** The STS Benchmark split in the model's data language. */
export function stsDatasetFor(languages: readonly string[]): StsDataset {
  return dataLanguageFor(languages) === "zh" ? "stsb-zh" : "stsb-en";
}
