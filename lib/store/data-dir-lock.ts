/**
 * One server per PGlite data folder. PGlite is PostgreSQL in one process with no postmaster to refuse a second
 * one: two servers on one folder both answer "saved" and overwrite each other's pages. So the folder gets a lock
 * file beside it (`<folder>.lock`) naming its holder: pid, host, port and start time. A second server is refused
 * with that name; a lock whose holder is gone (kill -9, a crash) is taken over.
 *
 * Takeover is serialized by a second exclusive file, so two servers starting at once over a stale lock cannot
 * both win. Held until the process exits; a process that asks again gets its own lock back.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { processWide } from "../config";
import { AppError } from "../errors";

export interface LockHolder {
  pid: number;
  host: string;
  /** The port its HTTP server listens on, when it took the lock at start. */
  port?: number;
  /** ISO 8601. */
  since: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat), to tell a reused pid. */
  processStart?: string;
}

export interface DataDirLock {
  path: string;
  holder: LockHolder;
  /** The holder of the stale lock this one replaced, if any. */
  tookOverFrom?: LockHolder;
}

/** The locks this process holds, by lock file: one registry however many copies of this module Next.js loads. */
const held = () => processWide("data-dir-locks", () => new Map<string, DataDirLock>());

export function lockPathOf(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, "")}.lock`;
}

/**
 * Takes the lock of `dataDir` for this process, or throws AppError("store_unavailable") naming the folder and
 * the live holder. Safe to call again (a later call may add the port).
 */
export function lockDataDir(dataDir: string, options: { port?: number } = {}): DataDirLock {
  const path = lockPathOf(dataDir);
  const mine = held().get(path);
  if (mine) return mine;
  const holder: LockHolder = { pid: process.pid, host: hostname(), port: options.port, since: new Date().toISOString(), processStart: processStartOf(process.pid) };
  mkdirSync(dirname(path), { recursive: true });
  if (createExclusive(path, holder)) return remember({ path, holder });
  const current = readHolder(path);
  if (current && isOwn(current)) return remember({ path, holder: current });
  if (current && isAlive(current)) throw lockedError(dataDir, path, current);
  return remember(takeOver(dataDir, path, holder, current));
}

/** The live holder of `dataDir`'s lock other than this process, if any (for a plain message before opening). */
export function otherHolderOf(dataDir: string): LockHolder | undefined {
  const current = readHolder(lockPathOf(dataDir));
  return current && !isOwn(current) && isAlive(current) ? current : undefined;
}

/** Lets go of a lock this process holds (tests; the process's exit does it otherwise). */
export function releaseDataDirLock(dataDir: string): void {
  const path = lockPathOf(dataDir);
  if (!held().delete(path)) return;
  const current = readHolder(path);
  if (current && isOwn(current)) unlinkQuietly(path);
}

export function describeHolder(holder: LockHolder): string {
  const port = holder.port ? `, port ${holder.port}` : "";
  return `pid ${holder.pid} on host ${holder.host}${port}, since ${holder.since}`;
}

function remember(lock: DataDirLock): DataDirLock {
  if (held().size === 0) process.once("exit", releaseAll);
  held().set(lock.path, lock);
  return lock;
}

function releaseAll(): void {
  for (const path of held().keys()) {
    const current = readHolder(path);
    if (current && isOwn(current)) unlinkQuietly(path);
  }
  held().clear();
}

/** Replaces a stale lock, one taker at a time; a taker that finds a live holder after all is refused. */
function takeOver(dataDir: string, path: string, holder: LockHolder, stale: LockHolder | undefined): DataDirLock {
  const mutex = `${path}.takeover`;
  if (!createExclusive(mutex, holder)) {
    const taker = readHolder(mutex);
    // A taker that died half-way leaves its mutex: only then is it removed.
    if (taker && isAlive(taker)) throw lockedError(dataDir, path, taker);
    unlinkQuietly(mutex);
    if (!createExclusive(mutex, holder)) throw lockedError(dataDir, path, readHolder(mutex) ?? holder);
  }
  try {
    const current = readHolder(path);
    if (current && !sameHolder(current, stale) && isAlive(current)) throw lockedError(dataDir, path, current);
    unlinkQuietly(path);
    if (!createExclusive(path, holder)) throw lockedError(dataDir, path, readHolder(path) ?? holder);
    console.warn(`[semantic-radar] took over the lock of ${dataDir}: its holder (${stale ? describeHolder(stale) : "unreadable"}) is gone`);
    return { path, holder, tookOverFrom: stale };
  } finally {
    unlinkQuietly(mutex);
  }
}

function lockedError(dataDir: string, path: string, holder: LockHolder): AppError {
  const local = holder.host === hostname();
  return new AppError(
    "store_unavailable",
    `The data folder ${dataDir} is in use by another Semantic Radar server (${describeHolder(holder)}): expected one server per folder, ` +
      `since two would overwrite each other's knowledge bases. Stop that server, or give this one its own folder with SEMANTIC_RADAR_DATA_DIR.` +
      (local ? "" : ` If that server is gone, delete ${path}.`),
    { holder },
  );
}

/** Writes the holder into a file that must not exist yet (O_EXCL); false when it exists. */
function createExclusive(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (typeof value.pid !== "number" || typeof value.host !== "string") return undefined;
    return { since: "an unknown time", ...value } as LockHolder;
  } catch {
    // Missing, or half-written by a holder killed as it wrote: either way no live holder is named.
    return undefined;
  }
}

function isOwn(holder: LockHolder): boolean {
  return holder.pid === process.pid && holder.host === hostname();
}

function sameHolder(a: LockHolder, b: LockHolder | undefined): boolean {
  return b !== undefined && a.pid === b.pid && a.host === b.host && a.since === b.since;
}

/** A holder on another host cannot be checked from here: it counts as alive. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // The pid is taken; by the holder only if it started when the holder did.
  const start = processStartOf(holder.pid);
  return !(holder.processStart && start && start !== holder.processStart);
}

function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, inside parentheses): field 22 is starttime.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
