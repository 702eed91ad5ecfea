// Reads members out of a zip file (a wheel) with Node built-ins alone: the central directory for where each member
// is, then the member's bytes streamed through zlib's raw inflate into a file, hashed on the way.
// Enough for wheels: stored or deflated members, no zip64 (a wheel over 4 GiB is refused with that reason).
import { createHash } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, fstatSync, openSync, readSync, renameSync, rmSync } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

function readAt(fd, position, length) {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/**
 * The members of the zip at `path`: name -> { method, compressedSize, size, headerOffset }.
 * @returns {Map<string, { method: number, compressedSize: number, size: number, headerOffset: number }>}
 */
export function listZip(path) {
  const fd = openSync(path, "r");
  try {
    const fileSize = fstatSync(fd).size;
    // The end record is 22 bytes plus a comment of at most 65,535: search the tail for its signature.
    const tailStart = Math.max(0, fileSize - 22 - 0xffff);
    const tail = readAt(fd, tailStart, fileSize - tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) { end = i; break; }
    if (end < 0) throw new Error(`${path} is not a zip file (no end-of-directory record)`);
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directoryOffset === 0xffffffff) throw new Error(`${path} is a zip64 file, which this reader does not handle`);
    const directory = readAt(fd, directoryOffset, directorySize);
    const members = new Map();
    for (let at = 0, n = 0; n < count; n++) {
      if (directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${path}: damaged central directory at entry ${n}`);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      members.set(name, {
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        size: directory.readUInt32LE(at + 24),
        headerOffset: directory.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return members;
  } finally {
    closeSync(fd);
  }
}

/** Counts and hashes the bytes passing through. */
function hashing(hash, counter) {
  return new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

/**
 * Writes member `name` of the zip at `path` to `dest` if its sha256 is `sha256`; otherwise removes what it wrote
 * and throws, saying both hashes. Written to a temporary name first, so `dest` is whole or absent.
 */
export async function extractMember(path, name, dest, sha256) {
  const member = listZip(path).get(name);
  if (!member) throw new Error(`${path} has no member ${name}`);
  if (member.method !== STORED && member.method !== DEFLATED) throw new Error(`${name} in ${path} uses compression method ${member.method}; expected stored (0) or deflated (8)`);
  const fd = openSync(path, "r");
  let local;
  try {
    local = readAt(fd, member.headerOffset, 30);
  } finally {
    closeSync(fd);
  }
  if (local.readUInt32LE(0) !== LOCAL_HEADER) throw new Error(`${path}: damaged local header for ${name}`);
  const start = member.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const partial = `${dest}.partial`;
  const hash = createHash("sha256");
  const counter = { bytes: 0 };
  const stages = [createReadStream(path, { start, end: start + member.compressedSize - 1 })];
  if (member.method === DEFLATED) stages.push(createInflateRaw());
  try {
    await pipeline(...stages, hashing(hash, counter), createWriteStream(partial, { mode: 0o755 }));
    const got = hash.digest("hex");
    if (counter.bytes !== member.size) throw new Error(`${name} from ${path}: ${counter.bytes} bytes written, the zip says ${member.size}`);
    if (got !== sha256) throw new Error(`${name} from ${path} has sha256 ${got}, expected ${sha256}`);
    renameSync(partial, dest);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
