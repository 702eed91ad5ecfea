/**
 * The size budget of the prepared folder. The GPU machine receives the working tree plus carried paths, 64 MiB
 * in all; the folder gets what the tree leaves, with a margin for files others add before the run.
 */
export const TRANSFER_LIMIT_BYTES = 64 * 1024 * 1024;
export const MARGIN_BYTES = 4 * 1024 * 1024;

export interface SizedFile {
  path: string;
  bytes: number;
}

export interface BudgetVerdict {
  ok: boolean;
  folderBytes: number;
  treeBytes: number;
  totalBytes: number;
  limitBytes: number;
  largest: SizedFile[];
  message: string;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function checkBudget(files: readonly SizedFile[], treeBytes: number, limitBytes = TRANSFER_LIMIT_BYTES): BudgetVerdict {
  const folderBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const totalBytes = folderBytes + treeBytes;
  const ok = totalBytes + MARGIN_BYTES <= limitBytes;
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  const message = ok
    ? `folder ${mib(folderBytes)} + working tree ${mib(treeBytes)} = ${mib(totalBytes)}, within ${mib(limitBytes)} (margin ${mib(MARGIN_BYTES)})`
    : `folder ${mib(folderBytes)} + working tree ${mib(treeBytes)} = ${mib(totalBytes)}; expected at most ${mib(limitBytes - MARGIN_BYTES)} ` +
      `(${mib(limitBytes)} less a ${mib(MARGIN_BYTES)} margin). Largest: ${largest.map((f) => `${f.path} ${mib(f.bytes)}`).join(", ")}`;
  return { ok, folderBytes, treeBytes, totalBytes, limitBytes, largest, message };
}
