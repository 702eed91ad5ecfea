/**
 * Packing helpers for prepare.ts: compression with a cache (xz of 130 MB of binaries takes a minute on two
 * cores; a rerun reuses it), the Vulkan loader packages, the node binary's library needs, checksums, sizes.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { SizedFile } from "./budget";

/** Debian packages of the Vulkan loader and the GL dispatch libraries NVIDIA's Vulkan driver loads (device README). */
export const VULKAN_PACKAGES = ["libvulkan1", "libglvnd0", "libgl1", "libglx0", "libegl1", "libopengl0", "libgles2"];
/** vulkaninfo, for diagnostics only; unpacked privately on the GPU machine. */
export const DIAGNOSTIC_PACKAGES = ["vulkan-tools"];

const has = (tool: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/**
 * `source` stripped of debug symbols (when asked and `strip` exists) and xz-compressed into `cacheDir`;
 * reused while the source's size and mtime are unchanged. Returns the compressed file's path.
 */
export function cachedXz(source: string, cacheDir: string, name: string, options: { strip?: boolean } = {}): string {
  mkdirSync(cacheDir, { recursive: true });
  const { size, mtimeMs } = statSync(source);
  const stripped = Boolean(options.strip && has("strip"));
  const stamp = JSON.stringify({ source, size, mtimeMs, stripped });
  const output = join(cacheDir, `${name}.xz`);
  const stampFile = `${output}.stamp`;
  if (existsSync(output) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return output;
  let input = source;
  if (stripped) {
    input = join(cacheDir, `${name}.stripped`);
    execFileSync("strip", ["-o", input, source]);
  }
  console.log(`  compressing ${name} (${(statSync(input).size / 2 ** 20).toFixed(0)} MiB, xz -6, one thread)...`);
  execFileSync("sh", ["-c", 'xz -6 -T1 -c "$1" > "$2"', "sh", input, output]);
  writeFileSync(stampFile, stamp);
  return output;
}

/** Downloads .deb files into `cacheDir` (once); plain apt-get first, then the amd64-lists recipe of the device README. */
export function cachedDebs(cacheDir: string, packages: readonly string[]): string[] {
  mkdirSync(cacheDir, { recursive: true });
  const present = () => readdirSync(cacheDir).filter((f) => f.endsWith(".deb"));
  const missing = packages.filter((p) => !present().some((f) => f.startsWith(`${p}_`)));
  if (missing.length > 0) {
    console.log(`  downloading ${missing.join(", ")} (apt-get download, amd64)...`);
    try {
      execFileSync("apt-get", ["download", ...missing], { cwd: cacheDir, stdio: "inherit" });
    } catch {
      const options = ["-oAPT::Architecture=amd64", "-oAPT::Architectures=amd64", "-oDir::State::Lists=/tmp/amd64"];
      mkdirSync("/tmp/amd64/partial", { recursive: true });
      execFileSync("apt-get", [...options, "update"], { stdio: "inherit" });
      execFileSync("apt-get", [...options, "download", ...missing], { cwd: cacheDir, stdio: "inherit" });
    }
  }
  const files = present().filter((f) => packages.some((p) => f.startsWith(`${p}_`)));
  const stillMissing = packages.filter((p) => !files.some((f) => f.startsWith(`${p}_`)));
  if (stillMissing.length) throw new Error(`expected .deb files for ${stillMissing.join(", ")} in ${cacheDir}; apt-get did not provide them`);
  return files.map((f) => join(cacheDir, f));
}

export interface BinaryNeeds {
  missingLibraries: string[];
  newestGlibc?: string;
  newestGlibcxx?: string;
}

const newestVersion = (symbols: string, prefix: string) =>
  [...new Set(symbols.match(new RegExp(`${prefix}_[0-9.]+`, "g")) ?? [])]
    .map((v) => v.slice(prefix.length + 1))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .pop();

/** What a binary needs from the machine it runs on: libraries ldd cannot find here, newest glibc/libstdc++ symbols. */
export function binaryNeeds(binary: string): BinaryNeeds {
  const ldd = execFileSync("ldd", [binary], { encoding: "utf8" });
  const missingLibraries = ldd.split("\n").filter((l) => l.includes("not found")).map((l) => l.trim());
  if (!has("objdump")) return { missingLibraries };
  const symbols = execFileSync("objdump", ["-T", binary], { encoding: "utf8", maxBuffer: 256 << 20 });
  return { missingLibraries, newestGlibc: newestVersion(symbols, "GLIBC"), newestGlibcxx: newestVersion(symbols, "GLIBCXX") };
}

export function copyInto(source: string, destination: string): void {
  mkdirSync(join(destination, ".."), { recursive: true });
  copyFileSync(source, destination);
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Every file under `dir`, with its path relative to `dir` and its size. */
export function listFiles(dir: string): SizedFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(dir, path), bytes: statSync(path).size };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Bytes of what the device tool sends besides carried paths: tracked files and untracked files git does not ignore. */
export function workingTreeBytes(root: string): number {
  const listing = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  return listing
    .split("\0")
    .filter(Boolean)
    .reduce((sum, file) => {
      const path = join(root, file);
      return sum + (existsSync(path) ? statSync(path).size : 0);
    }, 0);
}
