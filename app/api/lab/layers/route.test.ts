import { describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { LabLayersStreamEvent } from "@/lib/api/contract";
import { GET, POST } from "./route";

const get = (query: string) => GET(new Request(`http://test/api/lab/layers?${query}`));
const post = (body: unknown) => POST(new Request("http://test/api/lab/layers", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

async function events(response: Response): Promise<LabLayersStreamEvent[]> {
  const all: LabLayersStreamEvent[] = [];
  for await (const event of readNdjson<LabLayersStreamEvent>(response.body!)) all.push(event);
  return all;
}

describe("/api/lab/layers", () => {
  it("refuses an unknown model (404), a bad dataset and a pair count out of range (422) before any work", async () => {
    expect((await post({ model: "nope" })).status).toBe(404);
    const bad = await get("model=all-MiniLM-L6-v2&pairs=5");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/pairs from 20 to 1500/);
    expect((await post({ model: "all-MiniLM-L6-v2", dataset: "sick" })).status).toBe(422);
  });

  it("streams progress then the sweep, and serves it from cache", async () => {
    expect(await (await get("model=all-MiniLM-L6-v2&pairs=20")).json()).toEqual({ result: null });
    const streamed = await events(await post({ model: "all-MiniLM-L6-v2", pairs: 20 }));
    const done = streamed.at(-1);
    if (done?.type !== "done") throw new Error(`expected a done event last, got ${JSON.stringify(done)}`);
    expect(streamed.filter((e) => e.type === "progress").length).toBeGreaterThan(0);
    expect(done.result).toMatchObject({ model: "all-MiniLM-L6-v2", dataset: "stsb-en", pairs: 20, layers: 6 });
    expect(Object.keys(done.result.corrected)).toEqual(["whitening", "all_but_the_top"]);
    expect(await (await get("model=all-MiniLM-L6-v2&pairs=20")).json()).toEqual({ result: done.result });
  }, 600_000);
});
