/**
 * Past the admission limit the API answers 429 with Retry-After at once, before streaming, and recovers as soon
 * as permits come back. A limit of 2 (SEMANTIC_RADAR_MAX_PENDING) makes it reachable in a test; the model is real.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import { reloadConfig } from "@/lib/config";
import { admission, type Permit } from "@/lib/engine";
import { POST as postKb, PUT as putKb } from "./kb/route";
import { POST as postSearch } from "./search/route";
import { POST as postStatus } from "./status/route";
import { POST as postExplain } from "./explain/route";
import { POST as postMap } from "./map/route";
import { POST as postRerank } from "../rerank/route";
import { POST as postSimilarity } from "../similarity/route";
import { POST as postEmbeddings } from "../v1/embeddings/route";

let held: Permit[] = [];

beforeAll(() => {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MAX_PENDING: "2" });
});
afterAll(() => {
  reloadConfig();
});

describe("admission at the API edge", () => {
  it("answers 429 with Retry-After and a JSON error when every permit is taken, then serves again", async () => {
    expect(admission().maxPending).toBe(2);
    held = [admission().acquire(), admission().acquire()];
    const kb = await postKb(jsonPost("/api/kb", { entries: ["one entry"] }));
    expect(kb.status).toBe(429);
    expect(kb.headers.get("retry-after")).toBe("1");
    expect((await kb.json()).error).toMatchObject({ code: "overloaded", message: expect.stringMatching(/2 requests are already in progress \(limit 2\)/) });
    const search = await postSearch(jsonPost("/api/search", { entries: ["one entry"], query: "q" }));
    expect(search.status).toBe(429);
    for (const permit of held) permit.release();
    const again = await postSearch(jsonPost("/api/search", { entries: ["one entry"], query: "q" }));
    expect(again.status).toBe(200);
    expect(admission().pending).toBe(0);
  });
});

describe("one permit per request", () => {
  it("serves a one-off search (its entries embedded, then the query) with the last permit left", async () => {
    held = [admission().acquire()];
    const search = await postSearch(jsonPost("/api/search", { entries: ["an entry only this test sends", "and a second one"], query: "which entry?" }));
    expect(search.status).toBe(200);
    expect((await search.json()).timings.embedKbMs).toBeGreaterThan(0);
    for (const permit of held) permit.release();
    expect(admission().pending).toBe(0);
  });

  const ENTRIES = ["Permit test: reset your password in Settings.", "Permit test: shipping takes a week."];
  let kbId = "";
  const requests: [string, () => Promise<Response>][] = [
    ["POST /api/kb", () => postKb(jsonPost("/api/kb", { entries: [...ENTRIES, "Permit test: a third entry."] }))],
    ["POST /api/search with entries", () => postSearch(jsonPost("/api/search", { entries: [...ENTRIES, "Permit test: one more."], query: "password?" }))],
    ["POST /api/search with kbId", () => postSearch(jsonPost("/api/search", { kbId, query: "password?" }))],
    ["POST /api/explain", () => postExplain(jsonPost("/api/explain", { kbId, query: "password?", index: 0, pooling: "mean" }))],
    ["POST /api/map", () => postMap(jsonPost("/api/map", { kbId, poolings: ["mean"], method: "pca", query: "password?" }))],
    ["POST /rerank (two embeddings)", () => postRerank(jsonPost("/rerank", { query: "password?", texts: ENTRIES }))],
    ["POST /similarity", () => postSimilarity(jsonPost("/similarity", { inputs: { source_sentence: "password?", sentences: ENTRIES } }))],
    ["POST /v1/embeddings", () => postEmbeddings(jsonPost("/v1/embeddings", { input: ENTRIES, model: "all-MiniLM-L6-v2" }))],
  ];

  it.each(requests)("%s takes exactly one permit", async (_, send) => {
    kbId ||= await embedThroughRoute(postKb, ENTRIES);
    const acquire = vi.spyOn(admission(), "acquire");
    try {
      const response = await send();
      await response.arrayBuffer(); // a stream's work ends when it has been read
      expect(response.status).toBe(200);
      expect(acquire).toHaveBeenCalledTimes(1);
    } finally {
      acquire.mockRestore();
    }
    expect(admission().pending).toBe(0);
  });
});

describe("methods a route does not answer", () => {
  it("get 405 with a JSON body and an Allow header", async () => {
    for (const [handler, allow] of [[putKb, "POST"], [postStatus, "GET"]] as const) {
      const response = await handler(new Request("http://localhost/x", { method: "PUT" }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await response.json()).error).toMatchObject({ code: "method_not_allowed", message: expect.stringMatching(new RegExp(`expected ${allow}`)) });
    }
  });
});
