/**
 * The worker engine on the real default model: the same vectors as the in-thread engine, queries served between
 * a knowledge base's batches, and what happens when a worker dies. No mocks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { POOLINGS } from "../pooling/strategies";
import { loadInThreadEngine } from "./in-thread-engine";
import { getModelInfo, loadEngine } from "./index";
import type { EmbeddingEngine } from "./types";
import { projectRoot } from "./worker/bundle";
import { WorkerThread } from "./worker/thread";

const MODEL = "all-MiniLM-L6-v2";

describe("the worker engine", () => {
  let engine: EmbeddingEngine;
  beforeAll(async () => {
    engine = await loadEngine(MODEL, { device: "cpu", graph: "fp32" });
  });

  it("gives the same vectors as the in-thread engine, short (coalesced) and long (batched) calls alike", async () => {
    const direct = await loadInThreadEngine(getModelInfo(MODEL), "cpu", "fp32");
    const texts = Array.from({ length: 150 }, (_, i) => `Sentence ${i}: ${"a short one".repeat(1 + (i % 5))}.`);
    for (const slice of [texts.slice(0, 3), texts]) {
      const [ours, theirs] = [await engine.embed(slice), await direct.embed(slice)];
      for (const p of POOLINGS) {
        for (let i = 0; i < slice.length; i++) {
          const at = (r: typeof ours) => r.embeddings[p]!.subarray(i * r.dims, (i + 1) * r.dims);
          expect(cosine(at(ours), at(theirs))).toBeGreaterThan(0.9999);
        }
        expect(ours.norms[p]![0]).toBeCloseTo(theirs.norms[p]![0], 3);
      }
    }
    await direct.dispose();
  });

  it("answers a query while a long knowledge-base job is still embedding (between its batches)", async () => {
    const entries = Array.from({ length: 1500 }, (_, i) => `Entry number ${i} describes a topic of its own, ${i * 13}.`);
    let kbDone = false;
    let started: () => void = () => {};
    const firstBatch = new Promise<void>((resolve) => (started = resolve));
    const kb = engine
      .embed(entries, { onProgress: (event) => event.type === "batch" && started() })
      .then(() => {
        kbDone = true;
      });
    await firstBatch;
    const query = await engine.embed(["what is entry forty about?"], { kind: "query", poolings: ["mean"] });
    expect(kbDone).toBe(false);
    expect(query.count).toBe(1);
    await kb;
  });

  it("cancels a long job between batches when its signal aborts", async () => {
    const controller = new AbortController();
    const entries = Array.from({ length: 2000 }, (_, i) => `Another entry ${i} with words enough to batch.`);
    const job = engine.embed(entries, { signal: controller.signal, onProgress: (event) => event.type === "batch" && controller.abort() });
    await expect(job).rejects.toMatchObject({ code: "cancelled" });
  });
});

describe("a worker that dies", () => {
  const dir = join(projectRoot(), "node_modules", ".cache", "semantic-radar", "test-workers");
  const entry = join("node_modules", ".cache", "semantic-radar", "test-workers", "dies.ts");
  let thread: WorkerThread;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    // Answers "ping", and exits the whole thread on "die", as a native crash would end it.
    writeFileSync(
      join(projectRoot(), entry),
      `import { parentPort } from "node:worker_threads";
parentPort!.on("message", (m: { id: number; type: string }) => {
  if (m.type === "die") process.exit(7);
  parentPort!.postMessage({ id: m.id, ok: true, result: "pong" });
});
`,
    );
    thread = await WorkerThread.start(entry, "test");
  });
  afterAll(() => thread.terminate());

  it("rejects what it was asked and everything after, saying why, and tells its owner once", async () => {
    const stops: string[] = [];
    thread.onStop((reason) => stops.push(reason));
    expect(await thread.request({ type: "ping" })).toBe("pong");
    const pending = thread.request({ type: "die" });
    await expect(pending).rejects.toMatchObject({ code: "internal", message: expect.stringMatching(/the test worker stopped \(exit code 7\)/) });
    await expect(thread.request({ type: "ping" })).rejects.toThrow(/stopped \(exit code 7\)/);
    expect(stops).toEqual(["the test worker stopped (exit code 7)"]);
  });
});

describe("a failed load", () => {
  it("is remembered: the next call fails at once with the same error, a retry tries again", async () => {
    const first = await loadEngine(MODEL, { device: "cpu", graph: "fp16" }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/graph "fp16" is not in this model folder/) });
    const again = await loadEngine(MODEL, { device: "cpu", graph: "fp16" }).catch((e: unknown) => e);
    expect(again).toBe(first);
    const retried = await loadEngine(MODEL, { device: "cpu", graph: "fp16", retry: true }).catch((e: unknown) => e);
    expect(retried).not.toBe(first);
    expect(retried).toMatchObject({ code: "invalid_input" });
  });
});
