// The wheel reader on zips written here byte by byte: a stored member, a deflated one, a comment after the end.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { extractMember, listZip } from "./zip.mjs";

const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A zip of `members` (method 0 stored, 8 deflated); CRCs are left 0: the reader checks sha256 instead. */
function writeZip(file: string, members: { name: string; data: Buffer; method: 0 | 8 }[], comment = "") {
  const locals: Buffer[] = [];
  const entries: Buffer[] = [];
  let offset = 0;
  for (const { name, data, method } of members) {
    const body = method === 8 ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    entries.push(entry, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(entries);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  writeFileSync(file, Buffer.concat([...locals, directory, end, Buffer.from(comment)]));
}

const SMALL = Buffer.from("a provider library, stored as it is\n");
const LARGE = Buffer.from("the same line, deflated well ".repeat(20_000)); // 580 kB: several stream chunks
const WHEEL = join(dir, "demo-1.0-py3-none-any.whl");
writeZip(WHEEL, [
  { name: "demo/lib/small.so", data: SMALL, method: 0 },
  { name: "demo/lib/large.so", data: LARGE, method: 8 },
], "a comment after the end record");

describe("listZip", () => {
  it("reads each member's method and sizes from the central directory", () => {
    const members = listZip(WHEEL);
    expect([...members.keys()]).toEqual(["demo/lib/small.so", "demo/lib/large.so"]);
    expect(members.get("demo/lib/small.so")).toMatchObject({ method: 0, size: SMALL.length, compressedSize: SMALL.length, headerOffset: 0 });
    expect(members.get("demo/lib/large.so")).toMatchObject({ method: 8, size: LARGE.length });
    expect(members.get("demo/lib/large.so")!.compressedSize).toBeLessThan(LARGE.length / 50);
  });

  it("refuses a file that is not a zip", () => {
    const file = join(dir, "not.whl");
    writeFileSync(file, "just text");
    expect(() => listZip(file)).toThrow(/not\.whl is not a zip file \(no end-of-directory record\)/);
  });
});

describe("extractMember", () => {
  it("writes stored and deflated members whole when their sha256 is the one pinned", async () => {
    await extractMember(WHEEL, "demo/lib/small.so", join(dir, "small.so"), sha256(SMALL));
    await extractMember(WHEEL, "demo/lib/large.so", join(dir, "large.so"), sha256(LARGE));
    expect(readFileSync(join(dir, "small.so")).equals(SMALL)).toBe(true);
    expect(readFileSync(join(dir, "large.so")).equals(LARGE)).toBe(true);
  });

  it("leaves nothing behind when the sha256 differs, and says both", async () => {
    const dest = join(dir, "bad.so");
    await expect(extractMember(WHEEL, "demo/lib/large.so", dest, "0".repeat(64))).rejects.toThrow(
      new RegExp(`demo/lib/large\\.so from .* has sha256 ${sha256(LARGE)}, expected 0{64}`),
    );
    expect(existsSync(dest) || existsSync(`${dest}.partial`)).toBe(false);
  });

  it("names a member the wheel does not have", async () => {
    await expect(extractMember(WHEEL, "demo/lib/missing.so", join(dir, "m.so"), "")).rejects.toThrow(/has no member demo\/lib\/missing\.so/);
  });
});
