/** POST /api/map against the real default model (all-MiniLM-L6-v2): no mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import type { MapResponse, SearchResponse } from "@/lib/api/contract";
import { POST as postKb } from "../kb/route";
import { POST as postSearch } from "../search/route";
import { GET, POST } from "./route";

const ENTRIES = [
  "To reset your password, open Settings and choose Forgot password.",
  "You can change your password from the account page.",
  "Shipping to Europe takes five to seven business days.",
  "Parcels to Germany arrive within a week.",
  "Our office closes at 6 pm on Fridays.",
  "The cat sleeps on the sofa all afternoon.",
  "Dogs need a walk twice a day.",
  "We accept credit cards and bank transfers.",
];
const QUERY = "How do I change my password?";

async function map(body: unknown): Promise<{ status: number; json: MapResponse & { error?: { code: string; message: string } } }> {
  const response = await POST(jsonPost("/api/map", body));
  return { status: response.status, json: await response.json() };
}

let kbId = "";
beforeAll(async () => {
  kbId = await embedThroughRoute(postKb, ENTRIES);
});

describe("POST /api/map", () => {
  it("pca: every entry and the query placed per pooling, with each axis's share of the variance", async () => {
    const { status, json } = await map({ kbId, poolings: ["mean", "cls"], method: "pca", query: QUERY });
    expect(status).toBe(200);
    expect(json.sample).toBeNull();
    for (const pooling of ["mean", "cls"] as const) {
      const layout = json.poolings[pooling]!;
      expect(layout.points.map((p) => p.index)).toEqual(ENTRIES.map((_, i) => i));
      expect(layout.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
      expect(Number.isFinite(layout.query!.x)).toBe(true);
      const [first, second] = layout.explainedVariance!;
      expect(first).toBeGreaterThanOrEqual(second);
      expect(first + second).toBeLessThanOrEqual(1);
    }
    // The two poolings are different pictures of the same entries.
    expect(json.poolings.mean!.points[0].x).not.toBeCloseTo(json.poolings.cls!.points[0].x, 3);
  });

  it("colours points by the score /api/search gives them", async () => {
    const { json } = await map({ kbId, poolings: ["mean"], method: "pca", query: QUERY });
    const search: SearchResponse = await (await postSearch(jsonPost("/api/search", { kbId, query: QUERY, poolings: ["mean"], topK: 8 }))).json();
    // All eight entries ranked: every point's colour is checked, not only those of however many hits came back.
    expect(search.results.mean).toHaveLength(ENTRIES.length);
    for (const hit of search.results.mean!) expect(json.poolings.mean!.points[hit.index].score).toBeCloseTo(hit.score, 4);
  });

  it("umap: the same input twice gives the same coordinates", async () => {
    const first = await map({ kbId, poolings: ["mean"], method: "umap", query: QUERY });
    const second = await map({ kbId, poolings: ["mean"], method: "umap", query: QUERY });
    expect(first.status).toBe(200);
    expect(second.json.poolings).toEqual(first.json.poolings);
    expect(first.json.poolings.mean!.explainedVariance).toBeUndefined();
  });

  it("draws without a query: no scores, no query point", async () => {
    const { json } = await map({ kbId, poolings: ["max"], method: "pca" });
    expect(json.poolings.max!.query).toBeUndefined();
    expect(json.poolings.max!.points[0].score).toBeUndefined();
    expect(json.poolings.max!.points[0].text).toBe(ENTRIES[0]);
  });
});

describe("POST /api/map refuses bad input with a bounded JSON error", () => {
  const cases: [string, () => unknown, number, string, RegExp][] = [
    ["an unknown method", () => ({ kbId, poolings: ["mean"], method: "tsne" }), 422, "invalid_input", /expected method "pca" or "umap"/],
    ["no poolings", () => ({ kbId, poolings: [], method: "pca" }), 422, "invalid_input", /at least one pooling/],
    ["an unknown pooling", () => ({ kbId, poolings: ["median"], method: "pca" }), 422, "unknown_pooling", /expected one of/],
    ["an unknown kbId", () => ({ kbId: "kb_000000000000000000000000", poolings: ["mean"], method: "pca" }), 404, "kb_not_found", /kb_0/],
    ["no kbId", () => ({ poolings: ["mean"], method: "pca" }), 422, "invalid_input", /kbId/],
    ["a query over the limit", () => ({ kbId, poolings: ["mean"], method: "pca", query: "x".repeat(2_001) }), 422, "invalid_input", /at most 2,000 characters/],
  ];
  for (const [what, body, status, code, message] of cases) {
    it(`answers ${status} ${code} for ${what}`, async () => {
      const { status: got, json } = await map(body());
      expect(got).toBe(status);
      expect(json.error?.code).toBe(code);
      expect(json.error?.message).toMatch(message);
    });
  }

  it("refuses UMAP of fewer than 5 entries, pointing to PCA", async () => {
    const small = await embedThroughRoute(postKb, ENTRIES.slice(0, 3));
    const { status, json } = await map({ kbId: small, poolings: ["mean"], method: "umap" });
    expect(status).toBe(422);
    expect(json.error?.message).toMatch(/at least 5 entries.*got 3; use "pca"/);
  });

  it("answers GET with 405", async () => {
    expect((await GET(new Request("http://localhost/api/map"))).status).toBe(405);
  });
});
