import { describe, expect, it } from "vitest";
import { estimateTokens, Scheduler, type ShortJobResult } from "./scheduler";

const DIMS = 2;
const Q = { kind: "query", truncation: "right" } as const;
const D = { kind: "document", truncation: "right" } as const;

/** A fake worker: records each job, answers rows [i, i] for text i of the job after `release()` is called. */
function fakeWorker() {
  const jobs: string[][] = [];
  const pending: (() => void)[] = [];
  const run = (texts: string[]): Promise<ShortJobResult> => {
    jobs.push(texts);
    return new Promise((resolve) =>
      pending.push(() =>
        resolve({
          pooled: { mean: Float32Array.from(texts.flatMap((_, i) => [i, i])) },
          norms: { mean: Float32Array.from(texts.map((_, i) => i + 1)) },
          tokenCounts: texts.map((t) => t.length + 2),
          truncated: texts.flatMap((t, i) => (t.startsWith("long") ? [{ index: i, tokens: 600, kept: 512, dropped: 88 }] : [])),
          tokenizeMs: 1,
          inferenceMs: 2,
          poolMs: 0,
        }),
      ),
    );
  };
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { jobs, run, finishNext, get waiting() { return pending.length; } };
}

const limits = { maxBatchTexts: 4, tokenBudget: 100, maxTokens: 50 };

describe("Scheduler", () => {
  it("coalesces every short call waiting into one job and gives each call its own rows", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const first = scheduler.embedShort(["a"], Q, ["mean"]); // starts a job at once
    const second = scheduler.embedShort(["b"], Q, ["mean"]);
    const third = scheduler.embedShort(["c", "d"], Q, ["mean"]);
    expect(worker.jobs).toEqual([["a"]]);
    await worker.finishNext();
    expect(worker.jobs).toEqual([["a"], ["b", "c", "d"]]);
    await worker.finishNext();
    expect([...(await second).pooled.mean!]).toEqual([0, 0]);
    expect([...(await third).pooled.mean!]).toEqual([1, 1, 2, 2]);
    expect((await third).batchTexts).toBe(3);
    expect((await first).batchTexts).toBe(1);
  });

  it("never puts more texts or estimated tokens in a job than the limits allow", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const calls = ["x", "y", "z", "w", "v", "u"].map((t) => scheduler.embedShort([t], Q, ["mean"]));
    const long = scheduler.embedShort(["q".repeat(60)], Q, ["mean"]); // 50 tokens (capped): 2 rows max
    while (worker.waiting) await worker.finishNext();
    await Promise.all([...calls, long]);
    for (const job of worker.jobs) {
      expect(job.length).toBeLessThanOrEqual(4);
      expect(job.length * Math.max(...job.map((t) => estimateTokens(t, 50)))).toBeLessThanOrEqual(100);
    }
    expect(worker.jobs.flat().sort()).toEqual(["q".repeat(60), "u", "v", "w", "x", "y", "z"].sort());
  });

  it("keeps calls cut from different ends in separate jobs", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const left = { kind: "query", truncation: "left" } as const;
    const calls = [scheduler.embedShort(["a"], Q, ["mean"]), scheduler.embedShort(["b"], left, ["mean"]), scheduler.embedShort(["c"], Q, ["mean"])];
    while (worker.waiting) await worker.finishNext();
    await Promise.all(calls);
    expect(worker.jobs).toEqual([["a"], ["b"], ["c"]]);
  });

  it("keeps queries and documents in separate jobs (they get different prompts)", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const calls = [
      scheduler.embedShort(["a"], Q, ["mean"]),
      scheduler.embedShort(["b"], D, ["mean"]),
      scheduler.embedShort(["c"], Q, ["mean"]),
      scheduler.embedShort(["d"], D, ["mean"]),
    ];
    while (worker.waiting) await worker.finishNext();
    await Promise.all(calls);
    expect(worker.jobs).toEqual([["a"], ["b", "d"], ["c"]]);
  });

  it("runs waiting short calls before the next step of a long job: a query waits for one batch at most", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const order: string[] = [];
    let releaseStep: () => void = () => {};
    const step = (name: string) =>
      scheduler.runBulk(async () => {
        order.push(name);
        await new Promise<void>((resolve) => (releaseStep = resolve));
      });
    const batch1 = step("kb batch 1");
    const batch2 = step("kb batch 2");
    const query = scheduler.embedShort(["q"], Q, ["mean"]).then(() => order.push("query answered"));
    expect(order).toEqual(["kb batch 1"]);
    releaseStep();
    await batch1;
    await new Promise((r) => setTimeout(r, 0));
    expect(worker.jobs).toEqual([["q"]]); // the query's job ran before batch 2
    await worker.finishNext();
    await query;
    releaseStep();
    await batch2;
    expect(order).toEqual(["kb batch 1", "query answered", "kb batch 2"]);
  });

  it("runs a background step only when no short call and no long job's step waits", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const order: string[] = [];
    let release: () => void = () => {};
    const step = (name: string, background = false) =>
      (background ? scheduler.runBackground.bind(scheduler) : scheduler.runBulk.bind(scheduler))(async () => {
        order.push(name);
        await new Promise<void>((resolve) => (release = resolve));
      });
    const explain1 = step("explain 1", true);
    const explain2 = step("explain 2", true);
    const kb = step("kb batch");
    const query = scheduler.embedShort(["q"], Q, ["mean"]).then(() => order.push("query answered"));
    expect(order).toEqual(["explain 1"]); // it started while the scheduler was idle
    expect(scheduler.waiting).toBe(3);
    release();
    await explain1;
    await new Promise((r) => setTimeout(r, 0));
    expect(worker.jobs).toEqual([["q"]]); // the query first, then the long job, and only then the next explain step
    await worker.finishNext();
    await query;
    expect(order).toEqual(["explain 1", "query answered", "kb batch"]);
    release();
    await kb;
    await new Promise((r) => setTimeout(r, 0));
    expect(order.at(-1)).toBe("explain 2");
    release();
    await explain2;
  });

  it("interleaves two long jobs step by step", async () => {
    const scheduler = new Scheduler(fakeWorker().run, limits);
    const order: string[] = [];
    const job = async (name: string) => {
      for (let i = 1; i <= 3; i++) await scheduler.runBulk(async () => order.push(`${name}${i}`));
    };
    await Promise.all([job("A"), job("B")]);
    expect(order).toEqual(["A1", "B1", "A2", "B2", "A3", "B3"]);
  });

  it("drops a cancelled call before it costs a forward pass", async () => {
    const worker = fakeWorker();
    const scheduler = new Scheduler(worker.run, limits);
    const busy = scheduler.embedShort(["a"], Q, ["mean"]);
    const abort = new AbortController();
    const cancelled = scheduler.embedShort(["b"], Q, ["mean"], abort.signal).catch((error: unknown) => error);
    abort.abort();
    await worker.finishNext();
    await busy;
    expect(await cancelled).toMatchObject({ code: "cancelled" });
    expect(worker.jobs).toEqual([["a"]]);
  });

  it("rejects every call of a job that failed, and keeps serving", async () => {
    let fail = true;
    const scheduler = new Scheduler(async (texts) => {
      if (fail) throw new Error("worker gone");
      return { pooled: { mean: new Float32Array(texts.length * DIMS) }, norms: { mean: new Float32Array(texts.length) }, tokenCounts: texts.map(() => 3), truncated: [], tokenizeMs: 0, inferenceMs: 0, poolMs: 0 };
    }, limits);
    await expect(scheduler.embedShort(["a"], Q, ["mean"])).rejects.toThrow(/worker gone/);
    fail = false;
    await expect(scheduler.embedShort(["b"], Q, ["mean"])).resolves.toMatchObject({ tokenCounts: [3] });
  });

  it("tells short calls from long ones by count and estimated padded tokens", () => {
    const scheduler = new Scheduler(fakeWorker().run, limits);
    expect(scheduler.isShort(["a", "b"])).toBe(true);
    expect(scheduler.isShort(["a", "b", "c", "d", "e"])).toBe(false); // over 4 texts
    expect(scheduler.isShort(["q".repeat(60), "b", "c"])).toBe(false); // 3 x 50 > 100
  });
});
