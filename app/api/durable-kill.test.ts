/**
 * Durability against a real server process: kill -9 it after one knowledge base is done, while another is
 * embedding, and as a third finishes embedding (its save starting); start it again on the same data folder; the finished one answers searches without re-embedding, the
 * half-embedded one left nothing behind. The server is testing/radar-http-server.ts (the app's route handlers).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { KbEvent, LibraryResponse, SearchResponse } from "@/lib/api/contract";
import { freePort } from "@/testing/free-port";
import { TEACHER_HEADERS } from "@/testing/teacher-key";

const dataDir = mkdtempSync(join(tmpdir(), "radar-kill-"));
let server: ChildProcess | undefined;


async function startServer(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "testing/radar-http-server.ts", String(port)], {
    env: { ...process.env, SEMANTIC_RADAR_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server = child;
  await new Promise<void>((ready, fail) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && ready());
    child.once("exit", (code) => fail(new Error(`the server exited with ${code} before listening`)));
  });
  return `http://127.0.0.1:${port}`;
}

function killHard(): Promise<void> {
  const child = server!;
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const FAQ = ["Kill test: reset a password in Settings.", "Kill test: shipping takes a week.", "Kill test: we accept bank transfers."];
const SAVED_AT_KILL = Array.from({ length: 1500 }, (_, i) => `Kill test entry ${i} on subject ${i % 53}, number ${i * 17}.`);
const BIG = Array.from({ length: 4000 }, (_, i) => `Kill test sentence ${i}, about topic ${i % 97} and detail ${i * 31}.`);

afterAll(async () => {
  if (server && server.exitCode === null) await killHard();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a knowledge base after kill -9", () => {
  it("survives when finished, and leaves nothing when killed half-way", { timeout: 300_000 }, async () => {
    let base = await startServer();
    let kbId = "";
    for await (const event of readNdjson<KbEvent>((await post(base, "/api/kb", { entries: FAQ })).body!)) if (event.type === "done") kbId = event.kbId;
    expect(kbId).toMatch(/^kb_/);

    // Killed mid-embedding: as soon as the first batch is reported.
    const embedding = await post(base, "/api/kb", { entries: BIG });
    for await (const event of readNdjson<KbEvent>(embedding.body!)) {
      if (event.type === "progress" && event.done > 0) break;
    }
    await killHard();

    // Killed as the last batch is reported: the save (one transaction) is starting or under way.
    base = await startServer();
    const saving = await post(base, "/api/kb", { entries: SAVED_AT_KILL });
    for await (const event of readNdjson<KbEvent>(saving.body!)) {
      if (event.type === "progress" && event.done === event.total) break;
    }
    await killHard();

    base = await startServer();
    const library = (await (await fetch(`${base}/api/room/kbs`, { headers: TEACHER_HEADERS })).json()) as LibraryResponse;
    // The half-embedded one is gone. The one killed at its save is either absent or whole (the kill may land
    // after the commit): never part of it. Whole means listed with every entry and searchable (a search loads
    // every pooling's matrix and checks its size).
    const ids = library.kbs.map((kb) => kb.id);
    expect(ids).toContain(kbId);
    const atKill = library.kbs.filter((kb) => kb.id !== kbId);
    expect(atKill.length).toBeLessThanOrEqual(1);
    for (const kb of atKill) {
      expect(kb.count).toBe(SAVED_AT_KILL.length);
      const found = await post(base, "/api/search", { kbId: kb.id, query: "entry 7 on subject 7", poolings: ["mean", "cls", "max"] });
      expect(found.status).toBe(200);
    }
    const search = await post(base, "/api/search", { kbId, query: "How do I change my password?" });
    expect(search.status).toBe(200);
    expect(((await search.json()) as SearchResponse).results.mean![0].text).toBe(FAQ[0]);
    const again: KbEvent[] = [];
    for await (const event of readNdjson<KbEvent>((await post(base, "/api/kb", { entries: FAQ })).body!)) again.push(event);
    expect(again.some((e) => e.type === "progress")).toBe(false);
    expect(again.at(-1)).toMatchObject({ type: "done", kbId, cached: true });
  });
});
