/**
 * The corpus the GPU check embeds: STS Benchmark test sentences (both sides of each pair), in file order,
 * without repeats. The same texts feed our engine on every device and PyTorch, so figures are comparable.
 */

// sts-test.csv columns: genre, file, year, id, score, sentence1, sentence2[, source1, source2]
const SENTENCE_COLUMNS = [5, 6];

export function stsSentences(csv: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`expected a positive whole number of texts, got ${count}`);
  const seen = new Set<string>();
  for (const line of csv.split("\n")) {
    const fields = line.split("\t");
    for (const column of SENTENCE_COLUMNS) {
      const sentence = fields[column]?.trim();
      if (sentence) seen.add(sentence);
      if (seen.size === count) return [...seen];
    }
  }
  throw new RangeError(`expected at least ${count} distinct STS sentences, found ${seen.size}`);
}
