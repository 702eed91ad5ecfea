import { describe, expect, it } from "vitest";
import type { SearchResponse } from "@/lib/api/contract";
import type { KbDone, KbProgress } from "@/lib/api/client";
import { AppError } from "@/lib/errors";
import { POOLINGS } from "@/lib/pooling/strategies";
import { describeFailure, kbKey, nextPhase, runSearch, type EmbeddedMemo, type SearchApi, type SearchInput } from "./search-flow";

const INPUT: SearchInput = { model: "all-MiniLM-L6-v2", entries: ["reset your password", "shipping to Europe"], query: "password?", topK: 5 };

/** A server that embeds knowledge bases as kb_1, kb_2... and answers kb_not_found to its first `forget` searches. */
function fakeServer(options: { forget?: number; failSearch?: AppError } = {}) {
  let kbs = 0;
  let forget = options.forget ?? 0;
  const calls: string[] = [];
  const api: SearchApi = {
    async embed(body, { onProgress }) {
      const kbId = `kb_${++kbs}`;
      calls.push(`embed ${body.entries.length} -> ${kbId}`);
      onProgress({ type: "cleaned", model: body.model, count: body.entries.length, report: { given: 2, kept: 2, blank: 0, symbolsOnly: 0, duplicates: 0, cutToChars: [] } });
      onProgress({ type: "progress", done: body.entries.length, total: body.entries.length });
      return { type: "done", kbId, model: body.model, count: body.entries.length, dims: 384, truncated: [], report: { given: 2, kept: 2, blank: 0, symbolsOnly: 0, duplicates: 0, cutToChars: [] }, cached: false, timings: { totalMs: 1 } } satisfies KbDone;
    },
    async search(body) {
      calls.push(`search ${body.kbId} [${body.poolings.join(",")}] top ${body.topK}${body.dimensions ? ` dims ${body.dimensions}` : ""}`);
      if (options.failSearch) throw options.failSearch;
      if (forget > 0) {
        forget--;
        throw new AppError("kb_not_found", `No knowledge base with id "${body.kbId}"`);
      }
      return { kbId: body.kbId, query: body.query } as SearchResponse;
    },
  };
  return { api, calls };
}

const signal = new AbortController().signal;

describe("runSearch", () => {
  it("embeds a new knowledge base, then searches it under every pooling", async () => {
    const { api, calls } = fakeServer();
    const memo: EmbeddedMemo = { current: null };
    const result = await runSearch(INPUT, api, memo, signal);
    expect(result.kbId).toBe("kb_1");
    expect(calls).toEqual([`embed 2 -> kb_1`, `search kb_1 [${POOLINGS.join(",")}] top 5`]);
    expect(memo.current).toEqual({ key: kbKey(INPUT.model, INPUT.entries), kbId: "kb_1" });
  });

  it("ranks a Matryoshka cut of the same knowledge base without embedding it again", async () => {
    const { api, calls } = fakeServer();
    const memo: EmbeddedMemo = { current: null };
    await runSearch(INPUT, api, memo, signal);
    await runSearch({ ...INPUT, dimensions: 64 }, api, memo, signal);
    expect(calls).toEqual([`embed 2 -> kb_1`, `search kb_1 [${POOLINGS.join(",")}] top 5`, `search kb_1 [${POOLINGS.join(",")}] top 5 dims 64`]);
  });

  it("never re-sends an unchanged knowledge base, and sends a changed one or another model's", async () => {
    const { api, calls } = fakeServer();
    const memo: EmbeddedMemo = { current: null };
    await runSearch(INPUT, api, memo, signal);
    await runSearch({ ...INPUT, query: "shipping?" }, api, memo, signal);
    await runSearch({ ...INPUT, entries: [...INPUT.entries, "a third entry"] }, api, memo, signal);
    await runSearch({ ...INPUT, entries: [...INPUT.entries, "a third entry"], model: "bge-small-en-v1.5" }, api, memo, signal);
    expect(calls.filter((call) => call.startsWith("embed"))).toEqual(["embed 2 -> kb_1", "embed 3 -> kb_2", "embed 3 -> kb_3"]);
    expect(calls.filter((call) => call.startsWith("search"))).toHaveLength(4);
  });

  it("embeds again, once, when the server has forgotten the knowledge base (kb_not_found), and answers the new search", async () => {
    const { api, calls } = fakeServer({ forget: 1 });
    const memo: EmbeddedMemo = { current: { key: kbKey(INPUT.model, INPUT.entries), kbId: "kb_old" } };
    const result = await runSearch(INPUT, api, memo, signal);
    expect(calls.map((call) => call.split(" [")[0])).toEqual(["search kb_old", "embed 2 -> kb_1", "search kb_1"]);
    expect(result.kbId).toBe("kb_1");
    expect(memo.current?.kbId).toBe("kb_1");
  });

  it("gives up after the second kb_not_found instead of looping", async () => {
    const { api, calls } = fakeServer({ forget: 5 });
    const memo: EmbeddedMemo = { current: null };
    await expect(runSearch(INPUT, api, memo, signal)).rejects.toMatchObject({ code: "kb_not_found" });
    expect(calls.map((call) => call.split(" [")[0])).toEqual(["embed 2 -> kb_1", "search kb_1", "embed 2 -> kb_2", "search kb_2"]);
  });

  it("passes any other error on without embedding again", async () => {
    const { api, calls } = fakeServer({ failSearch: new AppError("overloaded", "busy") });
    const memo: EmbeddedMemo = { current: { key: kbKey(INPUT.model, INPUT.entries), kbId: "kb_old" } };
    await expect(runSearch(INPUT, api, memo, signal)).rejects.toMatchObject({ code: "overloaded" });
    expect(calls).toHaveLength(1);
    expect(memo.current?.kbId).toBe("kb_old");
  });

  it("reports its phases in order: embedding, progress, embedded, searching", async () => {
    const { api } = fakeServer();
    const seen: string[] = [];
    await runSearch(INPUT, api, { current: null }, signal, {
      embedding: (total) => seen.push(`embedding ${total}`),
      progress: (event) => seen.push(event.type),
      embedded: (_key, done) => seen.push(`embedded ${done.kbId}`),
      searching: () => seen.push("searching"),
    });
    expect(seen).toEqual(["embedding 2", "cleaned", "progress", "embedded kb_1", "searching"]);
  });
});

describe("nextPhase", () => {
  const cleaned: KbProgress = { type: "cleaned", model: "m", count: 24, report: { given: 26, kept: 24, blank: 2, symbolsOnly: 0, duplicates: 0, cutToChars: [] } };

  it("stops waiting at the first word from the server and takes its count", () => {
    expect(nextPhase({ kind: "embedding", waiting: true, done: 0, total: 26 }, cleaned)).toEqual({ kind: "embedding", waiting: false, done: 0, total: 24 });
  });

  it("follows the server's progress, from any phase", () => {
    expect(nextPhase({ kind: "embedding", waiting: false, done: 0, total: 24 }, { type: "progress", done: 16, total: 24 })).toEqual({ kind: "embedding", waiting: false, done: 16, total: 24 });
    expect(nextPhase({ kind: "idle" }, { type: "progress", done: 3, total: 9 })).toEqual({ kind: "embedding", waiting: false, done: 3, total: 9 });
  });
});

describe("describeFailure", () => {
  it("says a cancel left the knowledge base unchanged, passes API errors on, and hides the unexpected", () => {
    expect(describeFailure(new AppError("cancelled", "The request was cancelled."))).toMatchObject({ code: "cancelled", message: expect.stringMatching(/^Cancelled\. Your knowledge base is unchanged/) });
    const overloaded = new AppError("overloaded", "busy");
    expect(describeFailure(overloaded)).toBe(overloaded);
    expect(describeFailure(new TypeError("x is undefined"))).toMatchObject({ code: "internal", message: expect.not.stringContaining("undefined") });
  });
});

describe("kbKey", () => {
  it("tells apart models and entry lists", () => {
    expect(kbKey("m", ["a", "b"])).toBe(kbKey("m", ["a", "b"]));
    expect(kbKey("m", ["a", "b"])).not.toBe(kbKey("m2", ["a", "b"]));
    expect(kbKey("m", ["a", "b"])).not.toBe(kbKey("m", ["a b"]));
  });
});
