// The check's phases on the tiny encoder, CPU only: plan, embed, and the report's verdicts on real outputs.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOLINGS } from "../../lib/pooling";
import { readF32IfAny, workPaths, writeF32, writeJson } from "./check-io";
import { embedPhase, planPhase } from "./check-phases";
import { EXIT, reportPhase } from "./check-report";

const TINY = fileURLToPath(new URL("../../models/tiny/tiny-encoder", import.meta.url));
const TEXTS = ["hello world", "i am hungry", "my stomach is growling", "the sky is blue", "the cat sat on the mat", "what a cold day today", "rain and sun", "i want to eat food", "a dog", "how warm is it", "eat"];

describe("GPU check phases on the CPU", () => {
  let work: string;
  let results: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "gpu-check-work-"));
    results = join(work, "results");
    mkdirSync(results);
    cpSync(TINY, workPaths(work).model, { recursive: true });
    writeFileSync(join(work, "source.json"), JSON.stringify(TEXTS));
    planPhase(work, join(work, "source.json"), 10);
    expect(await embedPhase(work, "cpu")).toBe(true);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("plans every text once, with the engine's token ids", () => {
    const plan = JSON.parse(readFileSync(workPaths(work).plan, "utf8"));
    expect(plan.count).toBe(10);
    expect([...plan.batches.flat()].sort((a: number, b: number) => a - b)).toEqual([...Array(10).keys()]);
    expect(plan.ids).toHaveLength(10);
    expect(plan.tokens).toBe(plan.ids.flat().length);
  });

  it("leaves figures and one matrix per pooling from the cpu phase", () => {
    const figures = JSON.parse(readFileSync(workPaths(work).embed("cpu"), "utf8"));
    expect(figures).toMatchObject({ device: "cpu", status: "ok", count: 10 });
    expect(figures.warm.textsPerSecond).toBeGreaterThan(0);
    for (const p of POOLINGS) expect(figures.repeatAgreement[p], p).toBeGreaterThan(0.9999);
    for (const p of POOLINGS) expect(readF32IfAny(workPaths(work).vectors("cpu", p))).toHaveLength(10 * figures.dims);
  });

  function fakeWebgpu(transform: (m: Float32Array, dims: number) => Float32Array): void {
    const figures = JSON.parse(readFileSync(workPaths(work).embed("cpu"), "utf8"));
    writeJson(workPaths(work).embed("webgpu"), { ...figures, device: "webgpu" });
    for (const p of POOLINGS) writeF32(workPaths(work).vectors("webgpu", p), transform(readF32IfAny(workPaths(work).vectors("cpu", p))!, figures.dims));
  }

  it("passes when webgpu's vectors agree with the cpu's", () => {
    fakeWebgpu((m) => m);
    expect(reportPhase(work, results)).toBe(EXIT.pass);
    expect(JSON.parse(readFileSync(join(results, "results.json"), "utf8"))).toMatchObject({ verdict: "pass", texts: 10 });
  });

  it("fails when one text's vector differs on webgpu", () => {
    fakeWebgpu((m, dims) => {
      const changed = m.slice();
      changed.set(m.subarray(dims, 2 * dims), 0); // text 0 gets text 1's vector
      return changed;
    });
    expect(reportPhase(work, results)).toBe(EXIT.disagree);
    const report = JSON.parse(readFileSync(join(results, "results.json"), "utf8"));
    expect(report.agreement.webgpuVsCpu.mean).toMatchObject({ worst: 0 });
  });

  it("reports webgpu unavailable with its reason", () => {
    writeJson(workPaths(work).embed("webgpu"), { device: "webgpu", status: "unavailable", reason: "no WebGPU adapter" });
    expect(reportPhase(work, results)).toBe(EXIT.webgpuUnavailable);
    expect(existsSync(join(results, "results.json"))).toBe(true);
  });
});
