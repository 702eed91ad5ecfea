/** POST /api/explain against the real default model (all-MiniLM-L6-v2): no mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import type { ExplainResponse, SearchResponse } from "@/lib/api/contract";
import { POST as postKb } from "../kb/route";
import { POST as postSearch } from "../search/route";
import { GET, POST } from "./route";

const FAQ = [
  "To reset your password, open Settings and choose Forgot password.",
  "Shipping to Europe takes five to seven business days.",
  "Our office closes at 6 pm on Fridays.",
];
const QUERY = "How do I change my password?";

async function explain(body: unknown): Promise<{ status: number; json: ExplainResponse & { error?: { code: string; message: string } } }> {
  const response = await POST(jsonPost("/api/explain", body));
  return { status: response.status, json: await response.json() };
}

const sum = (tokens: { contribution: number | null }[]) => tokens.reduce((s, t) => s + (t.contribution ?? 0), 0);

let kbId = "";
let search: SearchResponse;
beforeAll(async () => {
  kbId = await embedThroughRoute(postKb, FAQ);
  search = await (await postSearch(jsonPost("/api/search", { kbId, query: QUERY, poolings: ["mean", "mean_content", "cls", "max"], topK: 3 }))).json();
});

function searchScore(pooling: "mean" | "mean_content" | "cls" | "max", index: number): number {
  return search.results[pooling]!.find((hit) => hit.index === index)!.score;
}

describe("POST /api/explain", () => {
  for (const pooling of ["mean", "mean_content"] as const) {
    it(`${pooling}: both sides' contributions sum to the score, which is /api/search's`, async () => {
      for (const index of [0, 2]) {
        const { status, json } = await explain({ kbId, query: QUERY, index, pooling });
        expect(status).toBe(200);
        expect(json.method).toBe("exact-mean");
        expect(json.score).toBeCloseTo(searchScore(pooling, index), 4);
        expect(Math.abs(sum(json.query.tokens) - json.score)).toBeLessThan(1e-4);
        expect(Math.abs(sum(json.entry.tokens) - json.score)).toBeLessThan(1e-4);
      }
    });
  }

  it("mean: names the tokens as the model saw them, [CLS] and [SEP] included", async () => {
    const { json } = await explain({ kbId, query: QUERY, index: 0, pooling: "mean" });
    expect(json.query.tokens.map((t) => t.text)).toEqual(["[CLS]", "how", "do", "i", "change", "my", "password", "?", "[SEP]"]);
    // The shared word carries the most of the score on the entry's side.
    const best = [...json.entry.tokens].sort((a, b) => b.contribution! - a.contribution!)[0];
    expect(best.text).toBe("password");
  });

  it("mean_content: special tokens contribute nothing", async () => {
    const { json } = await explain({ kbId, query: QUERY, index: 0, pooling: "mean_content" });
    const specials = json.entry.tokens.filter((t) => t.special);
    expect(specials.map((t) => t.text)).toEqual(["[CLS]", "[SEP]"]);
    for (const token of specials) expect(token.contribution).toBe(0);
  });

  it("cls: leave-one-out, said so, the score equal to /api/search's", async () => {
    const { status, json } = await explain({ kbId, query: QUERY, index: 0, pooling: "cls" });
    expect(status).toBe(200);
    expect(json.method).toBe("leave-one-out");
    expect(json.methodNote).toMatch(/leave-one-out.*at most 128 tokens/);
    expect(json.score).toBeCloseTo(searchScore("cls", 0), 4);
    const content = json.entry.tokens.filter((t) => !t.special);
    expect(content.every((t) => typeof t.contribution === "number" && Number.isFinite(t.contribution))).toBe(true);
    expect(content.some((t) => t.contribution !== 0)).toBe(true);
  });

  it("explains a one-off knowledge base given as entries (the cleaned list's index)", async () => {
    const { status, json } = await explain({ entries: ["  ", ...FAQ], query: QUERY, index: 1, pooling: "max" });
    expect(status).toBe(200);
    expect(json.entry.text).toBe(FAQ[1]);
    expect(json.score).toBeCloseTo(searchScore("max", 1), 4);
  });
});

describe("POST /api/explain refuses bad input with a bounded JSON error", () => {
  const cases: [string, () => unknown, number, string, RegExp][] = [
    ["an index out of range", () => ({ kbId, query: QUERY, index: 3, pooling: "mean" }), 422, "invalid_input", /index from 0 to 2.*got 3/],
    ["a negative index", () => ({ kbId, query: QUERY, index: -1, pooling: "mean" }), 422, "invalid_input", /index from 0/],
    ["an unknown pooling", () => ({ kbId, query: QUERY, index: 0, pooling: "median" }), 422, "unknown_pooling", /expected one of cls, mean/],
    ["an unknown kbId", () => ({ kbId: "kb_000000000000000000000000", query: QUERY, index: 0, pooling: "mean" }), 404, "kb_not_found", /kb_0/],
    ["both kbId and entries", () => ({ kbId, entries: FAQ, query: QUERY, index: 0, pooling: "mean" }), 422, "invalid_input", /got both/],
    ["a query of the wrong type", () => ({ kbId, query: 42, index: 0, pooling: "mean" }), 422, "invalid_input", /expected the text/],
    ["a blank query", () => ({ kbId, query: "   ", index: 0, pooling: "mean" }), 400, "empty_input", /query is empty/],
    ["a query over the limit", () => ({ kbId, query: "x".repeat(2_001), index: 0, pooling: "mean" }), 422, "invalid_input", /at most 2,000 characters, got 2,001/],
    ["another model than the knowledge base's", () => ({ kbId, model: "bge-small-en-v1.5", query: QUERY, index: 0, pooling: "mean" }), 422, "invalid_input", /knowledge base's model all-MiniLM-L6-v2/],
  ];
  for (const [what, body, status, code, message] of cases) {
    it(`answers ${status} ${code} for ${what}`, async () => {
      const { status: got, json } = await explain(body());
      expect(got).toBe(status);
      expect(json.error?.code).toBe(code);
      expect(json.error?.message).toMatch(message);
      expect(json.error!.message.length).toBeLessThan(400);
    });
  }

  it("answers GET with 405 and an Allow header", async () => {
    const response = await GET(new Request("http://localhost/api/explain"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("a saved knowledge base no longer in memory (a restart)", () => {
  it("is explained and mapped from the store", async () => {
    const { kbRepository } = await import("@/lib/kb/repository");
    const { POST: postMap } = await import("../map/route");
    kbRepository().evict(); // what a restart leaves: the record in the database, nothing in memory
    const explained = await explain({ kbId, query: QUERY, index: 0, pooling: "mean" });
    expect(explained.status).toBe(200);
    expect(explained.json.score).toBeCloseTo(searchScore("mean", 0), 4);
    kbRepository().evict();
    const map = await postMap(jsonPost("/api/map", { kbId, poolings: ["mean"], method: "pca" }));
    expect(map.status).toBe(200);
    expect((await map.json()).count).toBe(FAQ.length);
  });
});
