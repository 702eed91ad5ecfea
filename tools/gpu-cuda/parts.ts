/** Cutting a file too large for one device call into parts that each fit, and naming them for the manifest. */
import { closeSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "../gpu-check/pack";

const MIB = 2 ** 20;
/** Each call carries one part plus the working tree (about 6 MiB) and the manifest, under the tool's 64 MiB. */
export const PART_BYTES = 52 * MIB;

export interface Part {
  name: string;
  bytes: number;
  sha256: string;
}

/** Cuts `file` into parts of at most `partBytes` named `<prefix>-01`, ...; returns each part's name, size and sha256. */
export function splitFile(file: string, outDir: string, prefix: string, partBytes = PART_BYTES): Part[] {
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

