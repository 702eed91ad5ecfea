import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { ExplainGate } from "./explain-gate";

/** Work that ends when its `finish` is called. */
function work(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { run: async () => (log.push(`${name} started`), await done, log.push(`${name} done`), name), finish: () => finish() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("ExplainGate", () => {
  it("runs at most `running` at once; the next wait in order and start as others end", async () => {
    const gate = new ExplainGate({ running: 2, waiting: 2 });
    const log: string[] = [];
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => work(log, name));
    const results = [a, b, c, d].map((w) => gate.run(w.run));
    await tick();
    expect(log).toEqual(["a started", "b started"]);
    expect(gate.counts).toEqual({ running: 2, waiting: 2 });
    b.finish();
    await tick();
    expect(log).toEqual(["a started", "b started", "b done", "c started"]);
    a.finish();
    c.finish();
    d.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect(gate.counts).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses one past the waiting room at once with 429 and Retry-After, saying searches are not affected", async () => {
    const gate = new ExplainGate({ running: 1, waiting: 1 });
    const log: string[] = [];
    const a = work(log, "a");
    const b = work(log, "b");
    const running = [gate.run(a.run), gate.run(b.run)];
    const refused = await gate.run(async () => "c").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "overloaded", details: { retryAfterSeconds: 5 } });
    expect((refused as AppError).message).toMatch(/^Too many explanations at once: 1 running and 1 waiting \(limits 1 and 1\)\. Try again in 5 s; searches are not affected\.$/);
    a.finish();
    b.finish();
    await Promise.all(running);
  });

  it("frees its place when the work fails", async () => {
    const gate = new ExplainGate({ running: 1, waiting: 0 });
    await expect(gate.run(async () => Promise.reject(new Error("model gone")))).rejects.toThrow("model gone");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("lets a cancelled request leave the line without running it", async () => {
    const gate = new ExplainGate({ running: 1, waiting: 2 });
    const log: string[] = [];
    const a = work(log, "a");
    const first = gate.run(a.run);
    const abort = new AbortController();
    const cancelled = gate.run(async () => log.push("cancelled one ran"), abort.signal).catch((error: AppError) => error.code);
    abort.abort();
    expect(await cancelled).toBe("cancelled");
    expect(gate.counts).toEqual({ running: 1, waiting: 0 });
    a.finish();
    await first;
    expect(log).not.toContain("cancelled one ran");
  });

  it("validates its limits eagerly", () => {
    expect(() => new ExplainGate({ running: 0 })).toThrow(/Expected `running` to be an integer from 1, got 0 \(number\)/);
    expect(() => new ExplainGate({ waiting: 1.5 })).toThrow(/Expected `waiting` to be an integer from 0, got 1.5 \(number\)/);
  });
});
