/**
 * Two radar processes (testing/radar-http-server.ts: the app's route handlers) on one real PostgreSQL server,
 * behind HAProxy with the repository's configuration (deploy/haproxy/haproxy.cfg). What a cluster must keep:
 * a knowledge base embedded through one process is searched on the other without re-embedding; a delete on one
 * is a 404 on the other within a second, even where the other held it in memory; the same knowledge base
 * embedded on both at once is stored once; and kill -9 of one process under 20 concurrent searchers loses no
 * search after HAProxy marks it down and no knowledge base reported done. Everything on 127.0.0.1, every loop
 * bounded in count and time.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { KbEvent, LibraryResponse, SearchResponse } from "@/lib/api/contract";
import { freePort } from "@/testing/free-port";
import { startTestPostgres, type TestPostgres } from "@/testing/postgres-server";
import { isRunning, startRadarProcess, type RadarProcess } from "@/testing/radar-process";
import { startBalancer, type Balancer } from "./balancer";
import { TEACHER_HEADERS } from "@/testing/teacher-key";

const FAQ = [
  "Cluster test: reset your password from the Settings page.",
  "Cluster test: parcels ship within five working days.",
  "Cluster test: we accept bank transfers and credit cards.",
  "Cluster test: the office is closed on public holidays.",
];
const QUERY = "How do I change my password?";

let postgres: TestPostgres;
const radars: RadarProcess[] = [];
let balancer: Balancer;

// One browser's owner key on every call: its library is kept in the shared database, so every process knows it.
const OWNER = { cookie: `radar_owner=${"C".repeat(43)}` };
const JSON_AS_OWNER = { "content-type": "application/json", ...OWNER };

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: "POST", headers: JSON_AS_OWNER, body: JSON.stringify(body) });

/** Embeds through `base`; the done event. */
async function embed(base: string, entries: string[]): Promise<Extract<KbEvent, { type: "done" }>> {
  const response = await post(base, "/api/kb", { entries });
  expect(response.status).toBe(200);
  let done: KbEvent | undefined;
  for await (const event of readNdjson<KbEvent>(response.body!)) if (event.type === "done") done = event;
  if (done?.type !== "done") throw new Error(`no done event from ${base}`);
  return done;
}

async function topHits(base: string, kbId: string): Promise<string[]> {
  const response = await post(base, "/api/search", { kbId, query: QUERY, poolings: ["mean", "cls"], topK: 3 });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  const { results } = body as SearchResponse;
  return [...results.mean!, ...results.cls!].map((hit) => hit.text);
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  // Started together: both migrate the empty database at once (they take turns through an advisory lock).
  const started = await Promise.all(["a", "b"].map(() => startRadarProcess(mkdtempSync(join(tmpdir(), "radar-cluster-")), { DATABASE_URL: postgres.url })));
  for (const server of started) {
    if (!isRunning(server)) throw new Error(`a radar process did not start (exit ${server.code}): ${server.log}`);
    radars.push(server);
  }
  balancer = await startBalancer(
    radars.map((radar, i) => ({ name: `radar${i + 1}`, address: `127.0.0.1:${radar.port}` })),
    { port: await freePort() },
  );
});

afterAll(async () => {
  await balancer?.stop();
  for (const radar of radars) await radar.killHard();
  await postgres?.stop();
});

describe("two radar processes on one PostgreSQL behind HAProxy", () => {
  let kbId = "";

  it("searches on either process what was embedded through the balancer, without embedding it again", async () => {
    const done = await embed(balancer.url, FAQ);
    expect(done.cached).toBe(false);
    kbId = done.kbId;
    const [onA, onB] = [await topHits(radars[0].base, kbId), await topHits(radars[1].base, kbId)];
    expect(onA[0]).toBe(FAQ[0]);
    expect(onB).toEqual(onA);
    // Each process answers from the stored copy: embedding it again on either is a cached answer.
    for (const radar of radars) expect((await embed(radar.base, FAQ)).cached).toBe(true);
  });

  it("passes an embedding's NDJSON progress through the balancer as it is written, not all at the end", async () => {
    const entries = Array.from({ length: 256 }, (_, i) => `Cluster stream test sentence ${i} about topic ${i % 13}.`);
    const response = await post(balancer.url, "/api/kb", { entries });
    const arrivals: { type: string; at: number }[] = [];
    for await (const event of readNdjson<KbEvent>(response.body!)) arrivals.push({ type: event.type, at: Date.now() });
    const firstProgress = arrivals.find((a) => a.type === "progress")!;
    expect(arrivals.at(-1)!.type).toBe("done");
    expect(arrivals.filter((a) => a.type === "progress").length).toBeGreaterThan(1);
    // Read as it came: the first progress line reached the client well before the last line was written.
    expect(arrivals.at(-1)!.at - firstProgress.at).toBeGreaterThan(50);
  });

  it("answers 404 on one process within a second of a delete on the other, though it held the vectors in memory", async () => {
    const entries = FAQ.map((text) => `${text} (to delete)`);
    const { kbId: doomed } = await embed(radars[0].base, entries);
    await topHits(radars[1].base, doomed); // now in radar 2's rank worker
    const renamed = await fetch(`${radars[0].base}/api/kbs/${doomed}`, { method: "PATCH", headers: JSON_AS_OWNER, body: JSON.stringify({ name: "renamed on A" }) });
    expect(renamed.status).toBe(200);
    const library = (await (await fetch(`${radars[1].base}/api/kbs`, { headers: OWNER })).json()) as LibraryResponse;
    expect(library.kbs.find((kb) => kb.id === doomed)?.name).toBe("renamed on A");

    expect((await fetch(`${radars[0].base}/api/kbs/${doomed}`, { method: "DELETE", headers: OWNER })).status).toBe(200);
    const deletedAt = Date.now();
    let status = 200;
    while (status !== 404 && Date.now() - deletedAt < 3_000) {
      status = (await post(radars[1].base, "/api/search", { kbId: doomed, query: QUERY })).status;
      if (status !== 404) await new Promise((wait) => setTimeout(wait, 20));
    }
    expect(status).toBe(404);
    expect(Date.now() - deletedAt).toBeLessThan(1_000);
  });

  it("stores a knowledge base embedded on both processes at once once, and both answer done", async () => {
    const entries = FAQ.map((text) => `${text} (both at once)`);
    const [a, b] = await Promise.all(radars.map((radar) => embed(radar.base, entries)));
    expect(a.kbId).toBe(b.kbId);
    expect(postgres.psql(`SELECT count(*) FROM kbs WHERE id = '${a.kbId}'`)).toBe("1");
    expect(postgres.psql(`SELECT count(*) FROM kb_entries WHERE kb_id = '${a.kbId}'`)).toBe(String(entries.length));
    expect(postgres.psql(`SELECT count(DISTINCT pooling) FROM kb_vectors WHERE kb_id = '${a.kbId}'`)).toBe("5");
  });

  it("goes on searching through the other process when one is killed with -9 under 20 searchers", { timeout: 60_000 }, async () => {
    await topHits(radars[1].base, kbId); // both hold it in memory
    const SEARCHERS = 20;
    const RUN_MS = 6_000;
    const KILL_AT_MS = 1_500;
    const start = Date.now();
    const answers: { at: number; ok: boolean; detail: string }[] = [];
    const searcher = async () => {
      for (let i = 0; i < 500 && Date.now() - start < RUN_MS; i++) {
        const at = Date.now();
        try {
          const response = await post(balancer.url, "/api/search", { kbId, query: QUERY, topK: 3 });
          const body = (await response.json()) as SearchResponse;
          answers.push({ at, ok: response.status === 200 && body.results.mean?.[0]?.text === FAQ[0], detail: String(response.status) });
        } catch (error) {
          answers.push({ at, ok: false, detail: (error as Error).message });
        }
      }
    };
    // Knowledge bases embedded through the balancer meanwhile: each one reported done must survive.
    const reportedDone: string[] = [];
    const embedder = async () => {
      for (let i = 0; i < 20 && Date.now() - start < RUN_MS; i++) {
        try {
          reportedDone.push((await embed(balancer.url, [`Kill under load ${i}: first entry.`, `Kill under load ${i}: second entry.`])).kbId);
        } catch {
          // cut off by the kill: never reported done, so nothing is owed
        }
      }
    };
    const killing = (async () => {
      await new Promise((wait) => setTimeout(wait, KILL_AT_MS));
      const killedAt = Date.now();
      await radars[0].killHard();
      const noticedAt = await balancer.waitFor("radar1", "DOWN", 10_000);
      return { killedAt, noticedAt };
    })();
    await Promise.all([...Array.from({ length: SEARCHERS }, searcher), embedder()]);
    const { killedAt, noticedAt } = await killing;

    const failed = answers.filter((answer) => !answer.ok);
    const failedAfterNotice = failed.filter((answer) => answer.at >= noticedAt);
    console.log(
      `[cluster] ${answers.length} searches by ${SEARCHERS} searchers; radar1 killed at ${killedAt - start} ms, marked DOWN by HAProxy ${noticedAt - killedAt} ms later; ` +
        `${failed.length} failed in all (${failed.map((f) => f.detail).join(", ") || "none"}), ${failedAfterNotice.length} after the notice`,
    );
    expect(answers.filter((answer) => answer.at >= noticedAt).length).toBeGreaterThan(SEARCHERS);
    expect(failedAfterNotice).toEqual([]);
    expect(noticedAt - killedAt).toBeLessThan(5_000);

    // Nothing reported done is lost: every one is listed (the teacher's list: embedded, not named) and searchable
    // through the balancer, on the survivor.
    const library = (await (await fetch(`${balancer.url}/api/room/kbs`, { headers: TEACHER_HEADERS })).json()) as LibraryResponse;
    for (const id of [kbId, ...reportedDone]) {
      expect(library.kbs.map((kb) => kb.id)).toContain(id);
      expect((await post(balancer.url, "/api/search", { kbId: id, query: "first entry" })).status).toBe(200);
    }
  });
});
