import { describe, expect, it } from "vitest";
import { SharedRuns, type ProgressListener } from "./shared-runs";

/** Work that reports progress and finishes only when told, and records the signal it was given. */
function controllable() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const seen: { signal?: AbortSignal; report?: ProgressListener; starts: number } = { starts: 0 };
  const work = (signal: AbortSignal, report: ProgressListener) => {
    seen.starts++;
    seen.signal = signal;
    seen.report = report;
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
      signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
  };
  return { work, seen, finish: (v: string) => finish(v), fail: (e: Error) => fail(e) };
}

describe("SharedRuns", () => {
  it("runs the work once and serves the cached result afterwards", async () => {
    const runs = new SharedRuns<string>();
    const job = controllable();
    const first = runs.join("k", job.work);
    job.finish("result");
    expect(await first).toBe("result");
    expect(await runs.join("k", job.work)).toBe("result");
    expect(runs.cached("k")).toBe("result");
    expect(job.seen.starts).toBe(1);
  });

  it("shares a run between concurrent callers, each with its own progress, a late one told where it is", async () => {
    const runs = new SharedRuns<string>();
    const job = controllable();
    const early: number[] = [];
    const late: number[] = [];
    const a = runs.join("k", job.work, { onProgress: (done) => early.push(done) });
    job.seen.report!(1, 4);
    const b = runs.join("k", job.work, { onProgress: (done) => late.push(done) });
    job.seen.report!(2, 4);
    job.finish("shared");
    expect(await Promise.all([a, b])).toEqual(["shared", "shared"]);
    expect(early).toEqual([1, 2]);
    expect(late).toEqual([1, 2]);
    expect(job.seen.starts).toBe(1);
  });

  it("keeps the run going while someone waits, stops it when everyone has left", async () => {
    const runs = new SharedRuns<string>();
    const job = controllable();
    const leaveA = new AbortController();
    const leaveB = new AbortController();
    const a = runs.join("k", job.work, { signal: leaveA.signal });
    const b = runs.join("k", job.work, { signal: leaveB.signal });
    leaveA.abort();
    await expect(a).rejects.toMatchObject({ code: "cancelled" });
    expect(job.seen.signal!.aborted).toBe(false);
    leaveB.abort();
    await expect(b).rejects.toMatchObject({ code: "cancelled" });
    expect(job.seen.signal!.aborted).toBe(true);
  });

  it("forgets a failed or cancelled run so the next caller starts afresh", async () => {
    const runs = new SharedRuns<string>();
    const job = controllable();
    const failing = runs.join("k", job.work);
    job.fail(new Error("model broke"));
    await expect(failing).rejects.toThrow("model broke");
    expect(runs.cached("k")).toBeUndefined();

    const leave = new AbortController();
    const cancelled = runs.join("k", job.work, { signal: leave.signal });
    leave.abort();
    await expect(cancelled).rejects.toMatchObject({ code: "cancelled" });

    const retry = runs.join("k", job.work);
    job.finish("second time");
    expect(await retry).toBe("second time");
    expect(job.seen.starts).toBe(3);
  });

  it("keeps keys apart", async () => {
    const runs = new SharedRuns<string>();
    const one = controllable();
    const two = controllable();
    const a = runs.join("a", one.work);
    const b = runs.join("b", two.work);
    one.finish("A");
    two.finish("B");
    expect([await a, await b]).toEqual(["A", "B"]);
  });
});
