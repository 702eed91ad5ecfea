import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { splitFile } from "./parts";

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
});
