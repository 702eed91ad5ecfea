/** POST /api/search off the defaults (layer, correction, precision) against the real default model: no mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import type { SearchResponse } from "@/lib/api/contract";
import { loadEngine } from "@/lib/engine";
import { POST as postKb } from "../kb/route";
import { POST } from "./route";
import { POST as postExplain } from "../explain/route";

const FAQ = [
  "To reset your password, open Settings and choose Forgot password.",
  "Shipping to Europe takes five to seven business days.",
  "We accept credit cards and bank transfers.",
  "Our office is closed on public holidays.",
  "Refunds reach your card within ten days.",
  "You can change the delivery address before the parcel ships.",
];
const QUERY = "How do I change my password?";

async function search(body: unknown): Promise<{ status: number; json: SearchResponse & { error?: { code: string; message: string } } }> {
  const response = await POST(jsonPost("/api/search", body));
  return { status: response.status, json: await response.json() };
}

let kbId = "";
beforeAll(async () => {
  kbId = await embedThroughRoute(postKb, FAQ);
}, 120_000);

describe("POST /api/search: layer, correction, precision", () => {
  it("labels a default search with the last layer, no correction and float32, and says nothing of precision", async () => {
    const { json } = await search({ kbId, query: QUERY, poolings: ["mean"] });
    expect(json.variant).toEqual({ layer: "6", lastLayer: 6, correction: "none", precision: "float32" });
    expect(json.precisionCheck).toBeUndefined();
  });

  it("gives exactly the default scores for the last layer asked by name or number", async () => {
    const plain = (await search({ kbId, query: QUERY, poolings: ["mean", "cls"] })).json;
    for (const layer of ["last", 6]) {
      const named = (await search({ kbId, query: QUERY, poolings: ["mean", "cls"], layer })).json;
      expect(named.results).toEqual(plain.results);
    }
  });

  it("scores an inner layer by the cosines of that layer's vectors", async () => {
    const { status, json } = await search({ kbId, query: QUERY, poolings: ["mean"], layer: 2, topK: 6 });
    expect(status).toBe(200);
    expect(json.variant.layer).toBe("2");
    const engine = await loadEngine("all-MiniLM-L6-v2");
    const docs = (await engine.embed(FAQ, { layer: 2, poolings: ["mean"] })).embeddings.mean!;
    const query = (await engine.embed([QUERY], { kind: "query", layer: 2, poolings: ["mean"] })).embeddings.mean!;
    const dims = query.length;
    for (const hit of json.results.mean!) {
      let cosine = 0;
      for (let d = 0; d < dims; d++) cosine += docs[hit.index * dims + d] * query[d];
      expect(hit.score).toBeCloseTo(cosine, 5);
    }
    const last = (await search({ kbId, query: QUERY, poolings: ["mean"], topK: 6 })).json;
    expect(json.results.mean!.map((h) => h.score)).not.toEqual(last.results.mean!.map((h) => h.score));
  });

  it("whitens on the knowledge base itself and reports precision against float32", async () => {
    const { status, json } = await search({ kbId, query: QUERY, poolings: ["mean", "cls"], correction: "whitening", precision: "binary", layer: "first_last", topK: 3 });
    expect(status).toBe(200);
    expect(json.variant).toEqual({ layer: "first_last", lastLayer: 6, correction: "whitening", precision: "binary" });
    const check = json.precisionCheck!.mean!;
    expect(check.overlap).toBeGreaterThanOrEqual(0);
    expect(check.overlap).toBeLessThanOrEqual(1);
    // Whitening on 6 entries keeps their 5 components: 1 byte of sign bits per entry against 20 of float32.
    expect([check.bytesPerVector, check.totalBytes, check.float32Bytes]).toEqual([1, 6, 120]);
    expect(json.histograms.mean!.reduce((sum, bin) => sum + bin.count, 0)).toBe(FAQ.length);
    expect(json.results.cls![0].ranks).toEqual({ mean: expect.any(Number), cls: 1 });
  });

  it("cuts whitening to k components when asked, and says so", async () => {
    const { status, json } = await search({ kbId, query: QUERY, poolings: ["mean"], correction: "whitening", whiteningDims: 2, precision: "int8", topK: 3 });
    expect(status).toBe(200);
    expect(json.variant).toMatchObject({ correction: "whitening", whiteningDims: 2, precision: "int8" });
    expect(json.precisionCheck!.mean!.bytesPerVector).toBe(2);
    const tooMany = await search({ kbId, query: QUERY, correction: "whitening", whiteningDims: 999 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.error!.message).toMatch(/at most the model's 384 dimensions, got 999/);
  });

  it("explains a whitened, inner-layer mean score exactly: the search's score, and token terms that add up to it", async () => {
    const body = { kbId, query: QUERY, layer: 4, correction: "whitening" as const };
    const found = (await search({ ...body, poolings: ["mean", "cls"], topK: 2 })).json;
    for (const pooling of ["mean", "cls"] as const) {
      const hit = found.results[pooling]![0];
      const response = await postExplain(jsonPost("/api/explain", { ...body, index: hit.index, pooling }));
      const explanation = await response.json();
      expect(response.status).toBe(200);
      expect(explanation.score).toBeCloseTo(hit.score, 4);
      expect(explanation.variantNote).toMatch(/layer 4, correction whitening/);
      if (pooling === "mean") {
        expect(explanation.query.total).toBeCloseTo(hit.score, 4);
        expect(explanation.entry.total).toBeCloseTo(hit.score, 4);
      }
    }
  });

  it("keeps the keyword and hybrid lists beside the layer's rankings, and refuses a Matryoshka cut with them", async () => {
    const { status, json } = await search({ kbId, query: QUERY, poolings: ["mean"], layer: 3, keyword: true, hybrid: true, topK: 3 });
    expect(status).toBe(200);
    expect(json.results.keyword!.length).toBeGreaterThan(0);
    expect(json.results.hybrid!.length).toBeGreaterThan(0);
    expect(json.results.mean).toHaveLength(3);
    const cut = await search({ kbId, query: QUERY, layer: 3, dimensions: 128 });
    expect(cut.status).toBe(422);
  });

  it("refuses an unknown correction or precision, and a layer the model does not have, in plain words", async () => {
    const bad = await search({ kbId, query: QUERY, correction: "pca" });
    expect(bad.status).toBe(422);
    expect(bad.json.error!.message).toMatch(/correction: none, whitening, all_but_the_top/);
    expect((await search({ kbId, query: QUERY, precision: "int4" })).json.error!.message).toMatch(/precision: float32, int8, binary/);
    const deep = await search({ kbId, query: QUERY, layer: 9 });
    expect(deep.status).toBe(422);
    expect(deep.json.error!.message).toMatch(/expected a layer from 0 to 6.*got "9"/);
  });
});
