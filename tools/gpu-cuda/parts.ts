/** Cutting a file too large for one device call into parts that each fit, and naming them for the manifest. */
import { closeSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "../gpu-check/pack";

const MIB = 2 ** 20;
/** What the device tool carries in one call: the working tree and the carried paths together. */
export const CALL_LIMIT_BYTES = 64 * MIB;
/** Room kept for the manifest and for files that change between prepare and the call. */
const MARGIN_BYTES = 2 * MIB;

/**
 * The largest part that travels beside a working tree of `treeBytes` in one call, in whole MiB; an error when
 * the tree leaves less than 8 MiB (a part per call would then take too many calls to be worth it).
 */
export function partBytesFor(treeBytes: number): number {
  const room = Math.floor((CALL_LIMIT_BYTES - MARGIN_BYTES - treeBytes) / MIB) * MIB;
  if (room < 8 * MIB) throw new Error(`the working tree (${(treeBytes / MIB).toFixed(1)} MiB) leaves ${room / MIB} MiB per call for a part; expected at least 8`);
  return room;
}

export interface Part {
  name: string;
  bytes: number;
  sha256: string;
}

/** Cuts `file` into parts of at most `partBytes` named `<prefix>-01`, ...; returns each part's name, size and sha256. */
export function splitFile(file: string, outDir: string, prefix: string, partBytes: number): Part[] {
  const parts: Part[] = [];
  const input = openSync(file, "r");
  const buffer = Buffer.alloc(Math.min(partBytes, 8 * MIB));
  try {
    for (let offset = 0, n = 1; offset < statSync(file).size; n++) {
      const name = `${prefix}-${String(n).padStart(2, "0")}`;
      const output = openSync(join(outDir, name), "w");
      let written = 0;
      while (written < partBytes) {
        const read = readSync(input, buffer, 0, Math.min(buffer.length, partBytes - written), offset + written);
        if (read === 0) break;
        writeSync(output, buffer, 0, read);
        written += read;
      }
      closeSync(output);
      offset += written;
      parts.push({ name, bytes: written, sha256: sha256(join(outDir, name)) });
    }
  } finally {
    closeSync(input);
  }
  return parts;
}

