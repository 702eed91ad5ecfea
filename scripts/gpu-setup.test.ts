// npm run gpu:setup: its pins against what is installed, its refusals, and (when an earlier `npm run gpu:setup`
// left the pinned files in .cuda/) the real setup into a copy of onnxruntime-node followed by the engine's real
// CUDA probe, which on a machine without an NVIDIA driver must end in that plain reason, not a crash.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CUDA_DRIVER_FILE, CUDA_PROVIDER_FILES, CUDA_RUNTIME_FILES } from "../lib/engine/cuda-libraries.mjs";
import { probeProvider } from "../lib/engine/provider-probe";
import { loaderFinds } from "./cuda/locate.mjs";
import { CUDA_WHEELS, PROVIDER_WHEEL, wheelFor } from "./cuda/wheels.mjs";
import { onnxruntimeFolder } from "./gpu-setup.mjs";

const ROOT = process.cwd();
const STORE = join(ROOT, ".cuda");
const ORT_PACKAGE = join(ROOT, "node_modules", "onnxruntime-node");
const TINY_MODEL = join(ROOT, "models", "tiny", "tiny-encoder", "onnx", "model.onnx");
const dir = mkdtempSync(join(tmpdir(), "gpu-setup-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runSetup(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "scripts", "gpu-setup.mjs"), ...args], { encoding: "utf8", timeout: 120_000 });
}

describe("the pins", () => {
  it("name a wheel for every library the engine links, the provider's at onnxruntime-node's version", () => {
    expect(PROVIDER_WHEEL.version).toBe(JSON.parse(readFileSync(join(ORT_PACKAGE, "package.json"), "utf8")).version);
    expect(Object.keys(PROVIDER_WHEEL.files).sort()).toEqual([...CUDA_PROVIDER_FILES].sort());
    for (const name of CUDA_RUNTIME_FILES) expect(CUDA_WHEELS, name).toContain(wheelFor(name));
    expect(wheelFor(CUDA_DRIVER_FILE)).toBeUndefined();
    for (const wheel of [PROVIDER_WHEEL, ...CUDA_WHEELS]) {
      expect(wheel.url).toMatch(/^https:\/\/files\.pythonhosted\.org\/packages\/.+\.whl$/);
      for (const pin of [wheel.sha256, ...Object.values(wheel.files).map((f) => f.sha256)]) expect(pin).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe("refusals", () => {
  it("refuses an onnxruntime-node of another version than the provider wheel's", () => {
    const fake = join(dir, "onnxruntime-node-1.31");
    mkdirSync(fake, { recursive: true });
    writeFileSync(join(fake, "package.json"), JSON.stringify({ version: "1.31.0" }));
    expect(() => onnxruntimeFolder(fake)).toThrow(/^onnxruntime-node is 1\.31\.0 but the pinned onnxruntime-gpu wheel is 1\.30\.0: .*update scripts\/cuda\/wheels\.mjs/);
    expect(() => onnxruntimeFolder(join(dir, "absent"))).toThrow(/onnxruntime-node is not installed .*run `npm run setup` first/);
  });

  it("refuses a file offered with --files whose sha256 is not the pinned one, and installs nothing", () => {
    const offered = join(dir, "offered");
    const ortFolder = join(dir, "ort-refuse");
    mkdirSync(offered, { recursive: true });
    mkdirSync(ortFolder, { recursive: true });
    writeFileSync(join(offered, "libonnxruntime_providers_shared.so"), "not the provider");
    const run = runSetup("--files", offered, "--ort-folder", ortFolder, "--store", join(dir, "store-refuse"), "--no-probe");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: .*offered\/libonnxruntime_providers_shared\.so has sha256 [0-9a-f]{64}, expected 086ec1d5[0-9a-f]{56} \(libonnxruntime_providers_shared\.so of onnxruntime-gpu 1\.30\.0\)/);
    expect(existsSync(join(ortFolder, "libonnxruntime_providers_shared.so"))).toBe(false);
  });

  it("answers an unknown option with its usage", () => {
    const run = runSetup("--gpu", "h100");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--gpu'[\s\S]*usage: npm run gpu:setup/);
  });
});

const pinnedFiles = [...CUDA_PROVIDER_FILES, ...CUDA_RUNTIME_FILES].map((name) => ({ name, pin: wheelFor(name)!.files[name] }));
const storeComplete = pinnedFiles.every(({ name, pin }) => existsSync(join(STORE, name)) && statSync(join(STORE, name)).size === pin.size);

/** The libraries an ELF file links (`readelf -d`'s NEEDED entries). */
function linked(file: string): string[] {
  const run = spawnSync("readelf", ["-d", file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`readelf -d ${file} failed: ${run.stderr}`);
  return [...run.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map((m) => m[1]);
}

describe.runIf(storeComplete)("with the files of an earlier `npm run gpu:setup` (.cuda/)", () => {
  it("preloads exactly the CUDA libraries the provider links, each after the ones it needs", () => {
    const cudaOnly = (names: string[]) => names.filter((n) => /^lib(cuda|cudart|cublas|cublasLt|curand|cufft|cudnn|nvrtc|nvJitLink)\.so/.test(n));
    expect(cudaOnly(linked(join(STORE, "libonnxruntime_providers_cuda.so"))).sort()).toEqual([...CUDA_RUNTIME_FILES, CUDA_DRIVER_FILE].sort());
    CUDA_RUNTIME_FILES.forEach((name, i) => {
      for (const needed of cudaOnly(linked(join(STORE, name))).filter((n) => n !== name)) {
        expect(CUDA_RUNTIME_FILES.slice(0, i), `${name} links ${needed}`).toContain(needed);
      }
    });
  });


  // A copy of onnxruntime-node under node_modules/ (so it still resolves onnxruntime-common), set up afresh.
  const copy = join(ROOT, "node_modules", ".cache", "gpu-setup-test", "onnxruntime-node");
  afterAll(() => rmSync(join(copy, ".."), { recursive: true, force: true }));

  it("links the provider and the CUDA libraries beside onnxruntime, and the probe then names what is missing", async () => {
    rmSync(copy, { recursive: true, force: true });
    const ortFolder = join(copy, "bin", "napi-v6", "linux", "x64");
    mkdirSync(ortFolder, { recursive: true });
    cpSync(join(ORT_PACKAGE, "dist"), join(copy, "dist"), { recursive: true });
    cpSync(join(ORT_PACKAGE, "package.json"), join(copy, "package.json"));
    for (const file of ["onnxruntime_binding.node", "libonnxruntime.so.1"]) cpSync(join(onnxruntimeFolder(ORT_PACKAGE), file), join(ortFolder, file));

    const run = runSetup("--ort-folder", ortFolder, "--store", STORE, "--no-probe");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/downloaded 0 MB/);
    for (const name of CUDA_PROVIDER_FILES) expect(readlinkSync(join(ortFolder, name))).toBe(join(STORE, name));
    for (const name of CUDA_RUNTIME_FILES) {
      // Each CUDA library is the machine's own where its loader finds one, else linked beside onnxruntime.
      if (!loaderFinds(name)) expect(existsSync(join(ortFolder, name)), name).toBe(true);
    }

    const report = await probeProvider(TINY_MODEL, "cuda", { ortModule: join(copy, "dist", "index.js") });
    console.info(`cuda probe with the provider installed: ${report.ok ? `ok ${JSON.stringify(report.placement)}` : report.reason}`);
    if (!loaderFinds(CUDA_DRIVER_FILE)) expect(report).toMatchObject({ ok: false, reason: "no NVIDIA driver: libcuda.so.1 not found" });
    else if (report.ok) expect(report.placement.CUDAExecutionProvider).toBeGreaterThan(0);
    else expect(report.reason).toMatch(/^(no CUDA device \(|driver too old: |no NVIDIA driver: |CUDA could not start \()/);
  });
});
