/**
 * A knowledge base over the exact-search size (SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES, here 3) stays in the database
 * and is searched through its HNSW index: labelled approximate, no histograms, the same top hit as exact ranking.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import type { LibraryKbWithEntries, SearchResponse } from "@/lib/api/contract";
import { reloadConfig } from "@/lib/config";
import { kbRepository } from "@/lib/kb/repository";
import { POST as postKb } from "../kb/route";
import { GET as getKb } from "../kbs/[id]/route";
import { POST } from "./route";

const ENTRIES = [
  "Approximate test: to reset your password, open Settings.",
  "Approximate test: shipping to Europe takes five to seven days.",
  "Approximate test: we accept credit cards and bank transfers.",
  "Approximate test: the office is closed on public holidays.",
  "Approximate test: returns are free within thirty days.",
  "Approximate test: support answers email within a day.",
];

let kbId = "";
beforeAll(async () => {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES: "3" });
  kbId = await embedThroughRoute(postKb, ENTRIES);
});
afterAll(() => {
  reloadConfig();
});

describe("approximate search", () => {
  it("is listed as approximate and never held in memory", async () => {
    const { kb } = (await (await getKb(new Request(`http://localhost/api/kbs/${kbId}`), { params: Promise.resolve({ id: kbId }) })).json()) as LibraryKbWithEntries;
    expect(kb).toMatchObject({ count: 6, approximate: true });
    expect(kbRepository().inMemory(kbId)).toBeUndefined();
  });

  it("answers from the HNSW index with approximate: true, ranks within the top k, and exact answers for a pooling without index", async () => {
    const response = await POST(jsonPost("/api/search", { kbId, query: "How do I change my password?", poolings: ["mean", "cls"], topK: 4 }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as SearchResponse;
    expect(body).toMatchObject({ kbId, approximate: true, count: 6, histograms: {} });
    for (const pooling of ["mean", "cls"] as const) {
      const hits = body.results[pooling]!;
      expect(hits).toHaveLength(4);
      expect(hits[0].text).toBe(ENTRIES[0]);
      expect(hits.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
      expect(hits[0].ranks[pooling]).toBe(1);
    }
  });
});
