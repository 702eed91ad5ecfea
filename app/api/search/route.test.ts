/** POST /api/search against the real default model (all-MiniLM-L6-v2): no mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import type { SearchResponse } from "@/lib/api/contract";
import { POST as postKb } from "../kb/route";
import { POST } from "./route";

const FAQ = [
  "To reset your password, open Settings and choose Forgot password.",
  "Shipping to Europe takes five to seven business days.",
  "We accept credit cards and bank transfers.",
  "Our office is closed on public holidays.",
];

async function search(body: unknown): Promise<{ status: number; json: SearchResponse & { error?: { code: string; message: string } } }> {
  const response = await POST(jsonPost("/api/search", body));
  return { status: response.status, json: await response.json() };
}

let kbId = "";
beforeAll(async () => {
  kbId = await embedThroughRoute(postKb, FAQ);
});

describe("POST /api/search", () => {
  it("ranks the knowledge base: the password entry first for a password question", async () => {
    const { status, json } = await search({ kbId, query: "How do I change my password?", poolings: ["mean", "cls"], topK: 3 });
    expect(status).toBe(200);
    expect(json.results.mean![0].text).toBe(FAQ[0]);
    expect(json.results.mean![0].score).toBeGreaterThan(0.4);
    expect(json.results.mean).toHaveLength(3);
    for (const hits of [json.results.mean!, json.results.cls!]) {
      const scores = hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(json.results.mean![0].ranks).toEqual({ mean: 1, cls: expect.any(Number) });
  });

  it("returns a histogram of every entry and stage timings", async () => {
    const { json } = await search({ kbId, query: "shipping time", poolings: ["mean"] });
    expect(json.histograms.mean!.reduce((sum, bin) => sum + bin.count, 0)).toBe(FAQ.length);
    expect(json.timings).toMatchObject({ totalMs: expect.any(Number), inferenceMs: expect.any(Number), scoreMs: expect.any(Number), rankMs: expect.any(Number), batchTexts: expect.any(Number) });
  });

  it("gives different scores under different poolings", async () => {
    const { json } = await search({ kbId, query: "How do I change my password?", poolings: ["cls", "mean", "last_token"], topK: 4 });
    const scoreOf = (pooling: "cls" | "mean" | "last_token") => json.results[pooling]!.find((h) => h.index === 0)!.score;
    expect(scoreOf("cls")).not.toBeCloseTo(scoreOf("mean"), 3);
    expect(scoreOf("last_token")).not.toBeCloseTo(scoreOf("mean"), 3);
  });

  it("uses the model's native pooling (mean) when none is named", async () => {
    const { json } = await search({ kbId, query: "payment methods" });
    expect(Object.keys(json.results)).toEqual(["mean"]);
    expect(json.results.mean![0].text).toBe(FAQ[2]);
  });

  it("searches a one-off knowledge base given as entries", async () => {
    const { status, json } = await search({ entries: ["The cat sleeps on the sofa.", "Stock prices fell sharply today."], query: "a kitten napping", poolings: ["mean"] });
    expect(status).toBe(200);
    expect(json.results.mean![0].text).toBe("The cat sleeps on the sofa.");
    expect(json.timings.embedKbMs).toBeGreaterThanOrEqual(0);
  });

  // Bodies are built lazily: kbId exists only once beforeAll has run.
  it.each([
    [(id: string) => ({ kbId: id, query: "x", poolings: ["mean", "avg"] }), 422, "unknown_pooling", /Unknown pooling "avg" \(string\): expected one of cls, mean, mean_content, last_token, max/],
    [(id: string) => ({ kbId: id, query: "   " }), 400, "empty_input", /The query is empty/],
    [() => ({ kbId: "kb_gone", query: "x" }), 404, "kb_not_found", /No knowledge base with id "kb_gone"/],
    [() => ({ entries: ["a"], model: "nope", query: "x" }), 404, "model_not_found", /unknown model "nope"/],
    [(id: string) => ({ kbId: id, query: "x", topK: 500 }), 422, "invalid_input", /`topK`: expected an integer from 1 to 100, got 500 \(number\)/],
  ])("refuses bad request %# with %i %s", async (body, status, code, message) => {
    const result = await search(body(kbId));
    expect(result.status).toBe(status);
    expect(result.json.error!.code).toBe(code);
    expect(result.json.error!.message).toMatch(message);
  });
});
