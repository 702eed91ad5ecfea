/**
 * More saved knowledge bases searched at once than memory holds (32): every search answers 200. A knowledge base
 * evicted between its lookup and its ranking is loaded from the store again, never answered "not in memory".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { embedThroughRoute, jsonPost } from "@/testing/route-calls";
import { kbRepository } from "@/lib/kb/repository";
import { POST as postKb } from "../kb/route";
import { POST } from "./route";

const KBS = 64;

const kbIds: string[] = [];
beforeAll(async () => {
  for (let k = 0; k < KBS; k++) {
    kbIds.push(await embedThroughRoute(postKb, [`Concurrency test ${k}: the shop opens at nine.`, `Concurrency test ${k}: parcels ship on Mondays.`]));
  }
}, 300_000);

describe("concurrent searches over more knowledge bases than memory holds", () => {
  it(`answers ${KBS} searches on ${KBS} saved knowledge bases, sent at once, all with 200`, async () => {
    kbRepository().evict(); // as after a restart: every one is in the store only
    const answers = await Promise.all(
      kbIds.map(async (kbId, k) => {
        const response = await POST(jsonPost("/api/search", { kbId, query: `When do parcels ship? (${k})`, poolings: ["mean"], topK: 1 }));
        return { status: response.status, body: (await response.json()) as { kbId?: string; error?: { message: string } } };
      }),
    );
    const failed = answers.filter((answer) => answer.status !== 200).map((answer) => `${answer.status} ${answer.body.error?.message}`);
    expect(failed).toEqual([]);
    expect(answers.map((answer) => answer.body.kbId)).toEqual(kbIds);
    expect(kbRepository().inMemoryCount).toBeLessThanOrEqual(32); // the bound holds again once the searches are over
  }, 120_000);

  it("ranks a knowledge base evicted between its lookup and its ranking, loading it from the store again", async () => {
    const repository = kbRepository();
    repository.evict();
    // Every lookup first, as when many searches arrive at once on a busy server: the last 32 loaded evict the first.
    const opened = await Promise.all(kbIds.map((kbId) => repository.find(kbId)));
    const query = new Float32Array(opened[0].kb.dims).fill(1 / Math.sqrt(opened[0].kb.dims));
    const ranked = await Promise.all(opened.map(async (kb) => (await repository.rank(kb, { mean: query }, ["mean"], 1)).hits.mean!.length));
    expect(ranked).toEqual(kbIds.map(() => 1));
    expect(repository.inMemoryCount).toBeLessThanOrEqual(32);
  }, 120_000);
});
