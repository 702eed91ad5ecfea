/** POST /api/kb against the real default model (all-MiniLM-L6-v2): no mocks. */
import { describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import { kbRepository } from "@/lib/kb/repository";
import type { KbEvent } from "@/lib/api/contract";
import { POST } from "./route";

function post(body: unknown, signal?: AbortSignal): Request {
  return new Request("http://localhost/api/kb", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
}

async function eventsOf(response: Response): Promise<KbEvent[]> {
  const events: KbEvent[] = [];
  for await (const event of readNdjson<KbEvent>(response.body!)) events.push(event);
  return events;
}

const FAQ = ["To reset your password, open Settings and choose Forgot password.", "", "Shipping to Europe takes five to seven days.", "We accept credit cards and bank transfers.", "We accept credit cards and bank transfers."];

describe("POST /api/kb", () => {
  it("streams cleaning, progress that never decreases, then done with every pooling kept", async () => {
    const response = await POST(post({ entries: FAQ }));
    expect(response.status).toBe(200);
    const events = await eventsOf(response);
    expect(events[0]).toMatchObject({ type: "cleaned", model: "all-MiniLM-L6-v2", count: 3, report: { given: 5, kept: 3, blank: 1, duplicates: 1 } });
    const progress = events.filter((e) => e.type === "progress");
    const done = progress.map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3 });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ type: "done", count: 3, dims: 384, truncated: [], cached: false });
    if (last.type !== "done") throw new Error("no done event");
    expect(last.kbId).toMatch(/^kb_[0-9a-f]{24}$/);
    expect(last.timings.totalMs).toBeGreaterThan(0);
    expect(last.timings.inferenceMs).toBeGreaterThan(0);
    expect([...kbRepository().inMemory(last.kbId)!.poolings].sort()).toEqual(["cls", "last_token", "max", "mean", "mean_content"]);
    // The vectors live in the rank worker: 3 entries x 384 dims, unit length.
    const mean = await kbRepository().vectors(last.kbId, "mean");
    expect(mean).toHaveLength(3 * 384);
    expect(Math.hypot(...mean.subarray(0, 384))).toBeCloseTo(1, 5);
  });

  it("does not re-embed an unchanged knowledge base", async () => {
    const first = (await eventsOf(await POST(post({ entries: FAQ })))).at(-1);
    const again = await eventsOf(await POST(post({ entries: FAQ })));
    expect(again.some((e) => e.type === "progress")).toBe(false);
    expect(again.at(-1)).toMatchObject({ type: "done", cached: true, kbId: (first as { kbId: string }).kbId });
  });

  it("reports an entry over the model's token window as truncated, not rejected", async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    const last = (await eventsOf(await POST(post({ entries: ["short entry", long] })))).at(-1);
    expect(last).toMatchObject({ type: "done", count: 2 });
    const truncated = (last as Extract<KbEvent, { type: "done" }>).truncated;
    expect(truncated).toHaveLength(1);
    expect(truncated[0]).toMatchObject({ index: 1, keptTokens: 256 });
    expect(truncated[0].tokens).toBeGreaterThan(256);
  });

  it.each([
    [{ entries: ["", " ", "***"] }, 400, "empty_input", /empty after cleaning: expected at least one entry with a letter or digit, got 3/],
    [{ entries: [] }, 400, "empty_input", /expected at least one entry, got none/],
    [{ model: "no-such-model", entries: ["a"] }, 404, "model_not_found", /unknown model "no-such-model"; installed models: .*all-MiniLM-L6-v2/],
    [{ entries: "one\ntwo" }, 422, "invalid_input", /`entries`: expected an array of strings/],
    ["{oops", 422, "invalid_input", /Expected a JSON request body, got text that is not JSON/],
  ])("refuses %j with %i %s before streaming", async (body, status, code, message) => {
    const response = await POST(post(body));
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("refuses a body over 32 MB (room for a 20 MB document in base64) with 413", async () => {
    const entries = Array.from({ length: 3400 }, (_, i) => `${i} ${"x".repeat(10_000)}`);
    const response = await POST(post({ entries }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/expected at most 32\.0 MB, got/);
  });

  it("applies the proxy's rules itself (it is outside the proxy): a foreign Origin gets 403, a form body 415", async () => {
    const headers = { "content-type": "application/json", origin: "https://evil.example" };
    const foreign = await POST(new Request("http://localhost/api/kb", { method: "POST", headers, body: JSON.stringify({ entries: ["a"] }) }));
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.message).toMatch(/Cross-site request refused/);
    const form = await POST(new Request("http://localhost/api/kb", { method: "POST", headers: { "content-type": "text/plain" }, body: "entries=a" }));
    expect(form.status).toBe(415);
  });

  it("refuses more than 50,000 entries with 413", async () => {
    const response = await POST(post({ entries: Array.from({ length: 50_001 }, (_, i) => `entry ${i}`) }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/expected at most 50,000, got 50,001/);
  });

  it("stops embedding when the client aborts: no done event, nothing stored", async () => {
    // Many more entries than one slice: even a reader far behind the stream (a loaded machine) aborts long before the end.
    const entries = Array.from({ length: 20_000 }, (_, i) => `Sentence number ${i} about a topic of its own, ${i * 7}.`);
    const client = new AbortController();
    const sizeBefore = kbRepository().inMemoryCount;
    const response = await POST(post({ entries }, client.signal));
    const events: KbEvent[] = [];
    // Reading to the end proves the work settled: the stream closes only after the embedding stops.
    for await (const event of readNdjson<KbEvent>(response.body!)) {
      events.push(event);
      if (event.type === "progress" && event.done > 0) client.abort();
    }
    expect(events.some((e) => e.type === "done")).toBe(false);
    const progress = events.filter((e) => e.type === "progress");
    expect(progress.at(-1)!.type === "progress" && progress.at(-1)!.done).toBeLessThan(20_000);
    expect(kbRepository().inMemoryCount).toBe(sizeBefore);
  });
});
