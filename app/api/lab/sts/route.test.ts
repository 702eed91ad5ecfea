import { describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { LabStsStreamEvent } from "@/lib/api/contract";
import { GET, POST } from "./route";

const get = (query: string) => GET(new Request(`http://test/api/lab/sts?${query}`));
const post = (body: unknown) => POST(new Request("http://test/api/lab/sts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

async function events(response: Response): Promise<LabStsStreamEvent[]> {
  const all: LabStsStreamEvent[] = [];
  for await (const event of readNdjson<LabStsStreamEvent>(response.body!)) all.push(event);
  return all;
}

describe("/api/lab/sts", () => {
  it("refuses an unknown model (404) and a bad dataset (422) before any work", async () => {
    expect((await get("model=nope")).status).toBe(404);
    expect((await post({ model: "nope" })).status).toBe(404);
    const bad = await get("model=all-MiniLM-L6-v2&dataset=sick");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/`dataset`: expected one of stsb-en, stsb-zh, got "sick"/);
  });

  it("streams progress, reproduces the published score with the native pooling, then serves it from cache", async () => {
    expect(await (await get("model=all-MiniLM-L6-v2&graph=fp32")).json()).toEqual({ result: null });

    const streamed = await events(await post({ model: "all-MiniLM-L6-v2", graph: "fp32" }));
    const progress = streamed.filter((e) => e.type === "progress");
    expect(progress.length).toBeGreaterThan(1);
    progress.forEach((event, i) => i > 0 && expect(event.done).toBeGreaterThanOrEqual(progress[i - 1].done));
    expect(progress.at(-1)).toMatchObject({ done: progress[0].total });
    const done = streamed.at(-1);
    if (done?.type !== "done") throw new Error(`expected a done event last, got ${JSON.stringify(done)}`);
    expect(done.result).toMatchObject({ dataset: "stsb-en", pairs: 1379, native: "mean" });
    // MTEB's published STSBenchmark score for all-MiniLM-L6-v2 is 82.03.
    expect(Math.abs(done.result.spearman.mean - 82.03)).toBeLessThan(1);
    // Per Matryoshka cut, from the same vectors: MiniLM declares none, so 32, 64, ... and its full 384.
    const { bySize, matryoshka } = done.result;
    console.info(`all-MiniLM-L6-v2 STS-B Spearman x100 by cut: ${bySize.map((row) => `${row.dims}: ${row.spearman.mean.toFixed(2)}`).join(", ")}`);
    expect(matryoshka).toBe(false);
    expect(bySize.map((row) => row.dims)).toEqual([32, 64, 128, 256, 384]);
    expect(bySize.at(-1)!.spearman.mean).toBeCloseTo(done.result.spearman.mean, 3);
    // A model not trained for cuts loses quality in its first 32 dimensions.
    expect(bySize[0].spearman.mean).toBeLessThan(done.result.spearman.mean - 2);

    const again = await events(await post({ model: "all-MiniLM-L6-v2", graph: "fp32" }));
    expect(again).toEqual([{ type: "done", result: done.result }]);
    expect(await (await get("model=all-MiniLM-L6-v2&graph=fp32&dataset=stsb-en")).json()).toEqual({ result: done.result });
  });
});
