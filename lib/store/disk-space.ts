/**
 * Free space where the embedded store writes, and what a save needs: checked before a knowledge base is
 * embedded, so a full disk is said at once instead of after minutes of embedding (and never by a PostgreSQL
 * PANIC mid-save). Measured on PGlite (docs/operations-store.md): a save writes its rows twice, once to the write-ahead log as it commits and once to the tables at the next checkpoint.
 */
import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import { AppError } from "../errors";

/** Bytes a row of `dims` float32 costs besides its floats: pgvector's header, the tuple header, the key. */
const ROW_OVERHEAD_BYTES = 64;
/** What a save needs beyond its rows: a fresh write-ahead-log file is up to 16 MiB, half of one is typical. */
export const SAVE_MARGIN_BYTES = 8 * 1024 ** 2;
/** Below this much free space the store is not opened again after a full disk: recovery replays the log. */
export const REOPEN_MIN_FREE_BYTES = 24 * 1024 ** 2;

export interface SaveSize {
  count: number;
  dims: number;
  poolings: number;
  /** UTF-8 bytes of every entry together. */
  textBytes: number;
}

export function saveSizeOf(entries: readonly string[], dims: number, poolings: number): SaveSize {
  return { count: entries.length, dims, poolings, textBytes: entries.reduce((sum, entry) => sum + Buffer.byteLength(entry), 0) };
}

/** Bytes a save of this size needs on disk (log and tables), with a margin. */
export function estimateSaveBytes({ count, dims, poolings, textBytes }: SaveSize): number {
  const rows = count * poolings * (dims * 4 + ROW_OVERHEAD_BYTES) + textBytes + count * ROW_OVERHEAD_BYTES;
  return 2 * rows + SAVE_MARGIN_BYTES;
}

/** Free bytes for an unprivileged writer on the filesystem holding `path` (or its nearest existing parent). */
export function freeBytes(path: string): number {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      const stats = statfsSync(dir);
      return Number(stats.bavail) * Number(stats.bsize);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || dirname(dir) === dir) throw error;
    }
  }
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** The refusal when the disk cannot hold a save (or a reopen): 507, with the numbers. */
export function diskFullError(dataDir: string, free: number, needed?: number): AppError {
  const need = needed === undefined ? "" : `: this needs about ${mib(needed)}`;
  return new AppError(
    "storage_full",
    `Disk full: the disk holding the data folder ${dataDir} has ${mib(free)} free${need}. Nothing saved was lost; ` +
      "free some space (or set SEMANTIC_RADAR_DATA_DIR to a bigger disk) and try again. The store reopens by itself once there is room.",
    { freeBytes: free, ...(needed === undefined ? {} : { neededBytes: needed }) },
  );
}

/**
 * Whether an error from the database says the disk is full: PostgreSQL's SQLSTATE 53100 (disk_full), the OS's
 * ENOSPC, or their words. PGlite often reports only the aftermath (a PANIC, "cannot drop active portal"): the
 * store checks free space after any failure as well.
 */
export function isDiskFullError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === "53100" || code === "ENOSPC" || code === "storage_full") return true;
  return typeof message === "string" && /no space left on device|could not extend file|disk full|ENOSPC/i.test(message);
}
