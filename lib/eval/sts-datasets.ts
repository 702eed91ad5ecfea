/** The STS datasets shipped in lib/eval/data. Pure (no file access), so the wire contract can name them. */
export const STS_DATASETS = ["stsb-en", "stsb-zh"] as const;
export type StsDataset = (typeof STS_DATASETS)[number];
