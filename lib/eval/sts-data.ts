import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors";

export interface StsPair {
  sentence1: string;
  sentence2: string;
  /** Gold similarity, 0 to 5. */
  score: number;
}

import { STS_DATASETS, type StsDataset } from "./sts-datasets";

export { STS_DATASETS, type StsDataset };

const DATA_DIR = join(process.cwd(), "lib", "eval", "data");

/** Where each dataset lives and which tab-separated columns hold sentence1, sentence2 and the score. */
const SOURCES: Record<StsDataset, { file: string; columns: [number, number, number] }> = {
  // genre, file, years, id, score, sentence1, sentence2 (+ two attribution columns on 284 lines)
  "stsb-en": { file: join("stsbenchmark", "sts-test.csv"), columns: [5, 6, 4] },
  // sentence1, sentence2, score (text2vec's Chinese STS-B test split)
  "stsb-zh": { file: join("sts-b-zh", "STS-B.test.data"), columns: [0, 1, 2] },
};

/** Parses tab-separated pairs; every malformed line is reported with its number, not skipped silently. */
export function parseStsLines(text: string, columns: [number, number, number] = [0, 1, 2], source = "input"): StsPair[] {
  const [c1, c2, cs] = columns;
  const pairs: StsPair[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const fields = line.split("\t");
    const score = Number(fields[cs]);
    if (fields.length <= Math.max(c1, c2, cs) || !fields[c1]?.trim() || !fields[c2]?.trim() || !Number.isFinite(score)) {
      throw new AppError("invalid_input", `${source} line ${index + 1}: expected sentence1<TAB>sentence2<TAB>score, got "${line.slice(0, 80)}"`);
    }
    pairs.push({ sentence1: fields[c1], sentence2: fields[c2], score });
  });
  if (pairs.length < 2) throw new AppError("empty_input", `${source}: expected at least 2 scored pairs, got ${pairs.length}`);
  return pairs;
}

export function loadStsDataset(name: StsDataset): StsPair[] {
  const source = SOURCES[name];
  return parseStsLines(readFileSync(join(DATA_DIR, source.file), "utf8"), source.columns, name);
}

export function loadStsFile(path: string): StsPair[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new AppError("invalid_input", `cannot read ${path}: ${(error as Error).message}`);
  }
  return parseStsLines(text, [0, 1, 2], path);
}
