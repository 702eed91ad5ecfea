import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { partBytesFor, splitFile } from "./parts";

const dir = mkdtempSync(join(tmpdir(), "parts-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("splitFile", () => {
  it("cuts a file into numbered parts of at most the size given, which join back to the file", () => {
    const bytes = Buffer.from(Array.from({ length: 25 }, (_, i) => i));
    writeFileSync(join(dir, "whole.tar"), bytes);
    const parts = splitFile(join(dir, "whole.tar"), dir, "core", 10);
    expect(parts.map((p) => [p.name, p.bytes])).toEqual([["core-01", 10], ["core-02", 10], ["core-03", 5]]);
    const joined = Buffer.concat(parts.map((p) => readFileSync(join(dir, p.name))));
    expect(joined.equals(bytes)).toBe(true);
    expect(parts[2].sha256).toBe(createHash("sha256").update(bytes.subarray(20)).digest("hex"));
  });

  it("sizes parts to what the working tree leaves of the 64 MiB a call carries, less a margin", () => {
    const MIB = 2 ** 20;
    expect(partBytesFor(6 * MIB) / MIB).toBe(56);
    expect(partBytesFor(17.3 * MIB) / MIB).toBe(44);
    expect(() => partBytesFor(60 * MIB)).toThrow("the working tree (60.0 MiB) leaves 2 MiB per call for a part; expected at least 8");
  });
});
