/**
 * The store's faults with real server processes (testing/radar-http-server.ts) and, for a full disk, a real
 * small filesystem (a tmpfs mounted here; this needs root, and the test says so and is skipped where it is not):
 * - two servers on one data folder: the second is refused at start, by name; after kill -9 the next one takes
 *   the folder over and finds what the first saved;
 * - a full disk: refused before embedding (507, "Disk full", a log line), never shown as an empty library, and
 *   the store back by itself once there is room, without a restart; the same when the disk fills mid-save;
 * - a store that cannot open: 503 with the reason on every store route and in /api/status, not a generic 500,
 *   and not opened again on every request.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { KbEvent, LibraryResponse, StatusResponse } from "@/lib/api/contract";
import { isRunning, startRadarProcess, type RadarProcess } from "@/testing/radar-process";
import { TEACHER_HEADERS } from "@/testing/teacher-key";

const root = mkdtempSync(join(tmpdir(), "radar-store-faults-"));
const servers: RadarProcess[] = [];
const MiB = 1024 ** 2;

async function start(dataDir: string): Promise<RadarProcess> {
  const server = await startRadarProcess(dataDir);
  if (!isRunning(server)) throw new Error(`the server exited with ${server.code}: ${server.log}`);
  servers.push(server);
  return server;
}

const post = (base: string, path: string, body: unknown) => fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function embed(base: string, entries: string[]): Promise<KbEvent[]> {
  const response = await post(base, "/api/kb", { entries });
  expect(response.status).toBe(200);
  const events: KbEvent[] = [];
  for await (const event of readNdjson<KbEvent>(response.body!)) events.push(event);
  return events;
}

const doneId = (events: KbEvent[]) => (events.at(-1) as Extract<KbEvent, { type: "done" }>).kbId;

async function storeHealth(base: string): Promise<StatusResponse["store"]> {
  return ((await (await fetch(`${base}/api/status`)).json()) as StatusResponse).store;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.killHard()));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("one server per data folder", () => {
  it("refuses a second server at start, naming the folder and the first; after kill -9 the next one takes over", { timeout: 300_000 }, async () => {
    const dataDir = join(root, "shared");
    const first = await start(dataDir);
    const kbId = doneId(await embed(first.base, ["Lock test: the first server saved this.", "Lock test: and this."]));

    const second = await startRadarProcess(dataDir);
    expect(isRunning(second)).toBe(false);
    if (isRunning(second)) return;
    expect(second.code).toBe(1);
    expect(second.log).toContain(`The data folder ${join(dataDir, "pglite")} is in use by another Semantic Radar server (pid ${first.child.pid} on host`);
    expect(second.log).toContain(`port ${first.port}`);

    await first.killHard();
    const next = await start(dataDir);
    const library = (await (await fetch(`${next.base}/api/room/kbs`, { headers: TEACHER_HEADERS })).json()) as LibraryResponse;
    expect(library.kbs.map((kb) => kb.id)).toEqual([kbId]);
    const search = await post(next.base, "/api/search", { kbId, query: "which server saved this?" });
    expect(search.status).toBe(200);
  });
});

describe("a store that cannot open", () => {
  it("answers 503 with the reason on every store route and in /api/status, without trying again on every request", { timeout: 120_000 }, async () => {
    const dataDir = join(root, "unopenable");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "pglite"), "a file where the database folder should be");
    const server = await start(dataDir);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await fetch(`${server.base}/api/kbs`));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect((await answer.json()).error).toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/^The knowledge-base store could not be opened \(.*EEXIST.*\)/) });
    }
    expect(server.log().match(/knowledge-base store failed/g)).toHaveLength(1);
    expect(await storeHealth(server.base)).toMatchObject({ kind: "pglite", state: "failed", reason: expect.stringMatching(/could not be opened/), retryInMs: expect.any(Number) });
    const embedding = await post(server.base, "/api/kb", { entries: ["never embedded: the store is down"] });
    expect(embedding.status).toBe(503);
    expect(embedding.headers.get("content-type")).toMatch(/application\/json/);
  });
});

/** A tmpfs of `mib` MiB at a fresh folder; undefined (and a plain note) where this machine does not allow mounting. */
function mountSmallDisk(mib: number): string | undefined {
  const dir = join(root, `disk-${mib}`);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${mib}m`, "tmpfs", dir], { stdio: "pipe" });
    return dir;
  } catch (error) {
    console.warn(`[store-faults] the full-disk test did not run: this machine does not allow mounting a tmpfs (${(error as Error).message.split("\n")[0]}); run the tests as root on Linux to check a full disk.`);
    return undefined;
  }
}

function resize(dir: string, mib: number): void {
  execFileSync("mount", ["-o", `remount,size=${mib}m`, dir]);
}

function unmount(dir: string): void {
  try {
    execFileSync("umount", ["-l", dir], { stdio: "pipe" });
  } catch {
    // Not mounted.
  }
}

/** Fills the disk holding `dir` until `leaveBytes` are free, with one file; returns its path. */
function fillDisk(dir: string, leaveBytes: number): string {
  const path = join(dir, "filler");
  const fd = openSync(path, "w");
  const block = Buffer.alloc(MiB, 1);
  try {
    for (;;) {
      const { bavail, bsize } = statfsSync(dir);
      const free = Number(bavail) * Number(bsize);
      if (free <= leaveBytes) break;
      writeSync(fd, block, 0, Math.min(MiB, free - leaveBytes));
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

describe("a full disk", () => {
  const mounts: string[] = [];
  afterAll(() => mounts.forEach(unmount));

  it("is said before embedding, never shown as an empty library, and the store is back once there is room", { timeout: 600_000 }, async (context) => {
    const disk = mountSmallDisk(20);
    if (!disk) return context.skip();
    mounts.push(disk);
    const server = await start(disk);

    // 20 MiB: not enough for the database to open (its write-ahead log alone is 16 MiB a file).
    const refused = await post(server.base, "/api/kb", { entries: ["Disk test: refused before any embedding."] });
    expect(refused.status).toBe(507);
    expect((await refused.json()).error).toMatchObject({ code: "storage_full", message: expect.stringMatching(/^Disk full: the disk holding the data folder .* has \d+\.\d MiB free/) });
    expect(server.log()).toMatch(/disk full/);
    expect(await storeHealth(server.base)).toMatchObject({ state: "disk_full", reason: expect.stringMatching(/^Disk full/) });
    const library = await fetch(`${server.base}/api/kbs`);
    expect(library.status).toBe(507);

    // Room again: no restart, the next request opens the store.
    resize(disk, 200);
    expect((await fetch(`${server.base}/api/kbs`)).status).toBe(200);
    const keptId = doneId(await embed(server.base, ["Disk test: saved while there was room.", "Disk test: a second entry."]));

    // The disk fills while a knowledge base embeds: its save fails, said as a full disk.
    const big = Array.from({ length: 2_000 }, (_, i) => `Disk test entry ${i} about subject ${i % 41}.`);
    const embedding = await post(server.base, "/api/kb", { entries: big });
    expect(embedding.status).toBe(200);
    let filler = "";
    const events: KbEvent[] = [];
    for await (const event of readNdjson<KbEvent>(embedding.body!)) {
      events.push(event);
      if (event.type === "progress" && event.done > 0 && !filler) filler = fillDisk(disk, 2 * MiB);
    }
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "storage_full", message: expect.stringMatching(/^Disk full/) } });
    const whileFull = await fetch(`${server.base}/api/kbs`);
    expect(whileFull.status).toBe(507);
    expect(await storeHealth(server.base)).toMatchObject({ state: "disk_full" });

    unlinkSync(filler);
    const after = await fetch(`${server.base}/api/room/kbs`, { headers: TEACHER_HEADERS });
    expect(after.status).toBe(200);
    expect(((await after.json()) as LibraryResponse).kbs.map((kb) => kb.id)).toEqual([keptId]);
    expect((await post(server.base, "/api/search", { kbId: keptId, query: "what was saved?" })).status).toBe(200);
    expect(await storeHealth(server.base)).toMatchObject({ state: "ok" });
  });
});
