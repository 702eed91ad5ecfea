// Correctness against something no one here wrote: the published MTEB STSBenchmark scores of the models.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../engine/index";
import { evaluateSts, loadStsDataset, parseStsLines } from "./sts";

// MTEB leaderboard, STSBenchmark (test), cosine Spearman x100, with each model's trained pooling.
const PUBLISHED = { "all-MiniLM-L6-v2": { pooling: "mean", score: 82.03 }, "bge-small-en-v1.5": { pooling: "cls", score: 85.86 } } as const;

describe("STS data", () => {
  it("loads the full STS Benchmark test split and the Chinese one", () => {
    expect(loadStsDataset("stsb-en")).toHaveLength(1379);
    expect(loadStsDataset("stsb-zh")).toHaveLength(1361);
    expect(loadStsDataset("stsb-en")[0]).toEqual({ sentence1: "A girl is styling her hair.", sentence2: "A girl is brushing her hair.", score: 2.5 });
  });

  it("names the line and the expected shape of a malformed pair", () => {
    expect(() => parseStsLines("a\tb\t1\nonly one field\n")).toThrow(/line 2: expected sentence1<TAB>sentence2<TAB>score, got "only one field"/);
  });
});

describe.each(Object.entries(PUBLISHED))("STS Benchmark reproduction: %s", (model, published) => {
  it(`reproduces the published ${published.score} within 1.0 with ${published.pooling} pooling (fp32)`, async () => {
    const engine = await loadEngine(model, { device: "cpu", graph: "fp32" });
    const result = await evaluateSts(engine, loadStsDataset("stsb-en"));
    console.info(`${model} STS-B Spearman x100: ${JSON.stringify(result.spearman)}`);
    expect(Math.abs(result.spearman[published.pooling] - published.score)).toBeLessThan(1.0);
  });
});

describe("eval CLI", () => {
  const run = (args: string[]) =>
    execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/eval.ts", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SEMANTIC_RADAR_DEVICE: "cpu" } });

  it("prints one JSON object for a --file of pairs", () => {
    const file = join(mkdtempSync(join(tmpdir(), "radar-sts-")), "pairs.tsv");
    writeFileSync(file, "A man is eating.\tA man eats food.\t4.8\nA man is eating.\tThe sky is blue.\t0.1\nA dog runs.\tA puppy is running.\t4.2\n");
    const output = JSON.parse(run(["sts", "--file", file, "--json"]));
    expect(output).toMatchObject({ model: "all-MiniLM-L6-v2", dataset: file, pairs: 3, native: "mean" });
    expect(Object.keys(output.spearman)).toEqual(["cls", "mean", "mean_content", "last_token", "max"]);
  });

  it("explains a wrong task or option without a stack trace", () => {
    expect(() => run(["sst"])).toThrow(/expected the task "sts", got "sst"/);
    expect(() => run(["sts", "--graph", "int4"])).toThrow(/--graph must be one of fp32, fp16, int8; got "int4"/);
  });
});
