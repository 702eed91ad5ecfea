import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { ndjsonResponse } from "./ndjson";
import { readNdjson } from "./ndjson-read";

type Event = { type: string; n?: number };

async function eventsOf(response: Response): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of readNdjson(response.body!)) events.push(event);
  return events;
}

describe("ndjsonResponse", () => {
  it("streams each event on its own line and the result last", async () => {
    const response = ndjsonResponse<Event>(async (emit) => {
      emit({ type: "progress", n: 1 });
      emit({ type: "progress", n: 2 });
      return { type: "done" };
    });
    expect(response.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    expect(await response.text()).toBe('{"type":"progress","n":1}\n{"type":"progress","n":2}\n{"type":"done"}\n');
  });

  it("ends with an error event carrying the code and message", async () => {
    const response = ndjsonResponse<Event>(async (emit) => {
      emit({ type: "progress" });
      throw new AppError("overloaded", "the engine is busy; try again shortly");
    });
    expect(await eventsOf(response)).toEqual([
      { type: "progress" },
      { type: "error", error: { code: "overloaded", message: "the engine is busy; try again shortly" } },
    ]);
  });

  it("never streams internals of an unexpected error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = ndjsonResponse<Event>(async () => {
      throw new Error("ENOENT /secret/path");
    });
    const text = await response.text();
    expect(text).toMatch(/"code":"internal"/);
    expect(text).not.toMatch(/secret/);
  });

  it("aborts the work's signal when the request is aborted", async () => {
    const client = new AbortController();
    let seen: AbortSignal | undefined;
    const finished = new Promise<void>((resolve) => {
      ndjsonResponse<Event>(async (_emit, signal) => {
        seen = signal;
        client.abort();
        resolve();
        return { type: "done" };
      }, client.signal);
    });
    await finished;
    expect(seen?.aborted).toBe(true);
  });

  it("aborts the work's signal when the reader cancels the stream", async () => {
    let resolveSignal: (signal: AbortSignal) => void = () => {};
    const signalSeen = new Promise<AbortSignal>((resolve) => (resolveSignal = resolve));
    const response = ndjsonResponse<Event>(async (emit, signal) => {
      emit({ type: "progress" });
      resolveSignal(signal);
      await new Promise((resolve) => signal.addEventListener("abort", resolve));
      throw new AppError("cancelled", "stopped");
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect((await signalSeen).aborted).toBe(true);
  });
});
