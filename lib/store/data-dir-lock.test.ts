/**
 * One server per data folder, with real processes: a holder alive refuses everyone else by name; a holder killed
 * with -9 leaves a lock that the next process takes over; several processes racing over a stale lock leave
 * exactly one holder. The holders are testing/hold-data-dir-lock.ts processes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { lockDataDir, lockPathOf, releaseDataDirLock } from "./data-dir-lock";

const root = mkdtempSync(join(tmpdir(), "radar-lock-"));
const children: ChildProcess[] = [];
let folders = 0;
/** A fresh data folder's path; its parent exists, the folder itself need not (the lock file sits beside it). */
const folder = () => {
  const parent = join(root, `data-${++folders}`);
  mkdirSync(parent);
  return join(parent, "pglite");
};

interface Held {
  child: ChildProcess;
  line: string;
  exited: Promise<number | null>;
}

/** Starts a holder and waits for its first line ("locked <pid>..." or "refused <message>"). */
function hold(dataDir: string, ...args: string[]): Promise<Held> {
  const child = spawn(process.execPath, ["--import", "tsx", "testing/hold-data-dir-lock.ts", dataDir, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve({ child, line: text.split("\n")[0], exited });
    });
    child.once("exit", (code) => text.includes("\n") || reject(new Error(`the holder exited with ${code} before saying anything`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}

afterEach(async () => {
  await Promise.all(children.splice(0).map(killHard));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("the data folder's lock", () => {
  it("refuses a second process while the first lives, naming the folder, pid, host and port", { timeout: 60_000 }, async () => {
    const dataDir = folder();
    const first = await hold(dataDir, "3917");
    expect(first.line).toMatch(/^locked \d+$/);
    const pid = first.child.pid!;
    expect(() => lockDataDir(dataDir)).toThrow(
      expect.objectContaining({
        code: "store_unavailable",
        message: expect.stringMatching(new RegExp(`The data folder ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another Semantic Radar server \\(pid ${pid} on host ${hostname()}, port 3917, since `)),
      }),
    );
    const second = await hold(dataDir);
    expect(second.line).toMatch(new RegExp(`^refused .*pid ${pid} on host`));
    expect(await second.exited).toBe(1);
  });

  it("is taken over after its holder is killed with -9, and names the one it replaced", { timeout: 60_000 }, async () => {
    const dataDir = folder();
    const first = await hold(dataDir);
    await killHard(first.child);
    expect(existsSync(lockPathOf(dataDir))).toBe(true);
    const next = await hold(dataDir);
    expect(next.line).toBe(`locked ${next.child.pid} took-over ${first.child.pid}`);
  });

  it("leaves exactly one holder when several processes race over a stale lock", { timeout: 90_000 }, async () => {
    const dataDir = folder();
    await killHard((await hold(dataDir)).child);
    const racers = await Promise.all(Array.from({ length: 4 }, () => hold(dataDir)));
    const winners = racers.filter((r) => r.line.startsWith("locked"));
    expect(winners).toHaveLength(1);
    const holder = JSON.parse(readFileSync(lockPathOf(dataDir), "utf8"));
    expect(holder.pid).toBe(winners[0].child.pid);
    for (const loser of racers.filter((r) => r !== winners[0])) expect(loser.line).toMatch(new RegExp(`^refused .*pid ${winners[0].child.pid}`));
  });

  it("is gone when its holder exits normally", { timeout: 60_000 }, async () => {
    const dataDir = folder();
    const held = await hold(dataDir, "", "--exit");
    expect(await held.exited).toBe(0);
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  });

  it("gives this process its own lock again, and lets go of it on release", () => {
    const dataDir = folder();
    const lock = lockDataDir(dataDir, { port: 1234 });
    expect(lockDataDir(dataDir)).toBe(lock);
    expect(JSON.parse(readFileSync(lockPathOf(dataDir), "utf8"))).toMatchObject({ pid: process.pid, host: hostname(), port: 1234 });
    releaseDataDirLock(dataDir);
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  });

  it("treats a live pid that started at another time as a reused pid, and takes the lock over", () => {
    const dataDir = folder();
    writeFileSync(lockPathOf(dataDir), JSON.stringify({ pid: process.ppid, host: hostname(), since: "2020-01-01T00:00:00.000Z", processStart: "1" }));
    const lock = lockDataDir(dataDir);
    expect(lock.tookOverFrom).toMatchObject({ pid: process.ppid });
    releaseDataDirLock(dataDir);
  });

  it("refuses a holder on another host, which it cannot check, and says which file to delete if it is gone", () => {
    const dataDir = folder();
    writeFileSync(lockPathOf(dataDir), JSON.stringify({ pid: 4242, host: "other-host.example", port: 3000, since: "2026-01-01T00:00:00.000Z" }));
    expect(() => lockDataDir(dataDir)).toThrow(/pid 4242 on host other-host\.example, port 3000.*If that server is gone, delete .*pglite\.lock/);
  });
});
