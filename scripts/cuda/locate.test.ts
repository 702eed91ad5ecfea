// Finding a machine's CUDA libraries: the loader's cache as `ldconfig -p` prints it, LD_LIBRARY_PATH, and the
// folders pip's NVIDIA wheels use (CUDA 13's nvidia/cu13/lib, earlier releases' nvidia/<part>/lib).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findIn, loaderFinds, nvidiaWheelFolders, parseLdconfig, pythonSitePackages } from "./locate.mjs";

const dir = mkdtempSync(join(tmpdir(), "locate-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function touch(...parts: string[]): string {
  const file = join(dir, ...parts);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, "");
  return file;
}

// As printed on an H100 machine (NVIDIA's container layout), plus a 32-bit copy that must not be chosen.
const LDCONFIG = `1234 libs found in cache \`/etc/ld.so.cache'
\tlibcuda.so.1 (libc6) => /usr/lib/i386-linux-gnu/libcuda.so.1
\tlibcuda.so.1 (libc6,x86-64) => /usr/local/nvidia/lib64/libcuda.so.1
\tlibcuda.so (libc6,x86-64) => /usr/local/nvidia/lib64/libcuda.so
\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
`;

describe("parseLdconfig", () => {
  it("maps each 64-bit library name to its path", () => {
    const found = parseLdconfig(LDCONFIG);
    expect(found.get("libcuda.so.1")).toBe("/usr/local/nvidia/lib64/libcuda.so.1");
    expect(found.get("libc.so.6")).toBe("/lib/x86_64-linux-gnu/libc.so.6");
    expect(found.has("libcublas.so.13")).toBe(false);
  });
});

describe("loaderFinds", () => {
  it("looks in LD_LIBRARY_PATH's folders first, in order", () => {
    const file = touch("ld-path", "b", "libcublasLt.so.13");
    const env = { LD_LIBRARY_PATH: `${join(dir, "ld-path", "a")}::${join(dir, "ld-path", "b")}` };
    expect(loaderFinds("libcublasLt.so.13", env)).toBe(file);
  });

  it("finds this machine's libc through the loader's cache, and no library that is nowhere", () => {
    expect(loaderFinds("libc.so.6", {})).toMatch(/\/libc\.so\.6$/);
    expect(loaderFinds("libsemantic-radar-absent.so.1", {})).toBeUndefined();
  });
});

describe("NVIDIA wheel folders", () => {
  it("lists nvidia/*/lib under a site-packages folder, and finds a library in the first that has it", () => {
    const site = join(dir, "site-packages");
    const cu13 = touch("site-packages", "nvidia", "cu13", "lib", "libcublas.so.13");
    touch("site-packages", "nvidia", "cudnn", "lib", "libcudnn.so.9");
    mkdirSync(join(site, "nvidia", "empty"), { recursive: true });
    const folders = nvidiaWheelFolders(site);
    expect(folders.sort()).toEqual([join(site, "nvidia", "cu13", "lib"), join(site, "nvidia", "cudnn", "lib")]);
    expect(findIn(folders, "libcublas.so.13")).toBe(cu13);
    expect(findIn(folders, "libcurand.so.10")).toBeUndefined();
    expect(nvidiaWheelFolders(join(dir, "no-such-site"))).toEqual([]);
  });

  it("asks a Python for its site-packages folders, and none of one that does not exist", () => {
    for (const folder of pythonSitePackages("python3")) expect(folder).toMatch(/(site|dist)-packages$/);
    expect(pythonSitePackages(join(dir, "no-python"))).toEqual([]);
  });
});
