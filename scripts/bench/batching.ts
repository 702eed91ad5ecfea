// npm run bench -- batching [--model <id>] [--rounds 3] [--json]
//
// How texts are cut into forward passes, measured on the real model in one process: the length cuts the engine
// makes (planBatches: passes x runOverheadTokens + padded tokens, minimized) against the plan it made before
// (fill-to-budget, kept below as the baseline: sort by length, fill each batch up to the token budget). Two
// workloads: the queries a loaded server coalesces (jobs of 17 and of 64 mixed STS sentences, as 50 connections
// produce them) and a 2,000-sentence corpus. Rounds take turns between the plans; prints texts/s (median of
// rounds), passes and padded tokens. Figures, not assertions: these machines are shared and noisy.
import { BATCH_LIMITS, paddedTokens, planBatches, type BatchLimits } from "../../lib/engine/batch";
import { loadModelRunner, type ModelRunner } from "../../lib/engine/model-runner";
import { findModel, modelsDir, scanModels } from "../../lib/engine/registry";
import type { EncodedText } from "../../lib/engine/tokenize";
import { loadStsDataset } from "../../lib/eval/sts";
import { median, parseCli, positiveInt } from "../cli";

type Plan = (lengths: readonly number[], limits: BatchLimits) => number[][];

/** The plan before length cuts: longest first, each batch filled while rows x longest stays within budget. */
function fillToBudget(lengths: readonly number[], { tokenBudget, maxBatchSize }: BatchLimits): number[][] {
  const order = lengths.map((_, index) => index).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const index of order) {
    const fits = current.length < maxBatchSize && (current.length + 1) * longest <= tokenBudget;
    if (current.length > 0 && !fits) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = lengths[index];
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const PLANS: Record<string, Plan> = { "fill to budget (before)": fillToBudget, "length cuts (planBatches)": planBatches };

interface Workload {
  name: string;
  /** Each job is planned on its own, as the engine plans each coalesced job or knowledge base. */
  jobs: EncodedText[][];
}

/** Whole jobs of `size` items, as many as there are items for. */
function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.floor(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function runJobs(runner: ModelRunner, jobs: EncodedText[][], plan: Plan): Promise<void> {
  for (const job of jobs) {
    for (const indices of plan(job.map((t) => t.ids.length), BATCH_LIMITS.cpu)) await runner.forward(indices.map((i) => job[i]), ["mean"]);
  }
}

export async function benchBatching(args: string[]): Promise<void> {
  const { values } = parseCli({ model: { type: "string", default: "all-MiniLM-L6-v2" }, rounds: { type: "string", default: "3" }, json: { type: "boolean", default: false } }, args);
  const rounds = positiveInt("rounds", values.rounds);
  const runner = await loadModelRunner(findModel(scanModels(modelsDir()), values.model), "cpu");
  const sentences = [...new Set(loadStsDataset("stsb-en").flatMap((p) => [p.sentence1, p.sentence2]))];
  const queries = runner.tokenize(sentences.slice(2000), "query").encoded; // the STS test set's other sentences
  const corpus = runner.tokenize(sentences.slice(0, 2000), "document").encoded;
  const workloads: Workload[] = [
    { name: "queries, jobs of 17", jobs: chunks(queries, 17) },
    { name: "queries, jobs of 64", jobs: chunks(queries, 64) },
    { name: "corpus of 2,000", jobs: [corpus] },
  ];
  const results = [];
  for (const workload of workloads) {
    const texts = workload.jobs.reduce((n, job) => n + job.length, 0);
    const seconds: Record<string, number[]> = Object.fromEntries(Object.keys(PLANS).map((name) => [name, []]));
    await runJobs(runner, workload.jobs.slice(0, 2), planBatches); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const [name, plan] of Object.entries(PLANS)) {
        const started = performance.now();
        await runJobs(runner, workload.jobs, plan);
        seconds[name].push((performance.now() - started) / 1000);
      }
    }
    const plans = Object.entries(PLANS).map(([name, plan]) => {
      const planned = workload.jobs.map((job) => {
        const lengths = job.map((t) => t.ids.length);
        const batches = plan(lengths, BATCH_LIMITS.cpu);
        return { passes: batches.length, padded: paddedTokens(lengths, batches) };
      });
      return {
        plan: name,
        texts_per_s: Math.round(texts / median(seconds[name])),
        passes: planned.reduce((n, p) => n + p.passes, 0),
        padded_tokens: planned.reduce((n, p) => n + p.padded, 0),
      };
    });
    const tokens = workload.jobs.flat().reduce((n, t) => n + t.ids.length, 0);
    results.push({ workload: workload.name, texts, tokens, plans });
  }
  await runner.release();
  const figures = { model: values.model, rounds, runOverheadTokens: BATCH_LIMITS.cpu.runOverheadTokens, results };
  if (values.json) return void console.log(JSON.stringify(figures));
  console.log(`Batching: ${values.model} on the CPU, median of ${rounds} rounds taken in turns; each job planned on its own`);
  console.log("");
  console.log("| workload | texts (tokens) | plan | texts/s | passes | padded tokens |");
  console.log("| --- | ---: | --- | ---: | ---: | ---: |");
  for (const r of results) {
    for (const p of r.plans) console.log(`| ${r.workload} | ${r.texts} (${r.tokens}) | ${p.plan} | ${p.texts_per_s} | ${p.passes} | ${p.padded_tokens} |`);
  }
  for (const r of results) console.log(`${r.workload}: length cuts ${(r.plans[1].texts_per_s / r.plans[0].texts_per_s).toFixed(2)}x the texts/s of fill to budget`);
}
