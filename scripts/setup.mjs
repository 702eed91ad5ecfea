#!/usr/bin/env node
// Installs what the project needs, only what is missing, so it is cheap to run before every start and test:
//   1. npm dependencies (onnxruntime-node's CUDA download skipped: the CPU and WebGPU providers ship in the package;
//      `npm run gpu:setup` adds the CUDA provider from PyPI)
//   2. the pinned models (scripts/install-models.mjs)
//   3. Debian's packages the tests need (skipped with --app, which `npm start` uses): chromium and a CJK font for
//      the browser tests, qemu-user to run the test PostgreSQL server as another CPU
//   4. a PostgreSQL server with pgvector for the store's contract tests (skipped with --app): PyPI's pgserver
//      wheel, unpacked into .postgres/ (git-ignored), and checked once by computing a distance (scripts/postgres.mjs)
//   5. Debian's haproxy, the load balancer of `npm run cluster` and its tests (skipped with --app)
// --cluster (what `npm run cluster` runs): the dependencies, models, PostgreSQL and haproxy, not the browser.
// Node built-ins only: this runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPgvector, installPostgres as installPostgresWheel, PG_ROOT } from "./postgres.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Without a CJK font Debian's chromium draws the Chinese examples as empty boxes (screenshots, demos).
const CJK_FONT_DIR = "/usr/share/fonts/opentype/noto";
const QEMU = "/usr/bin/qemu-x86_64";
const HAPROXY = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";
const appOnly = process.argv.includes("--app");
const clusterOnly = process.argv.includes("--cluster");

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

function installDebianPackages() {
  const forTests = clusterOnly
    ? []
    : [
        ...(existsSync(CHROMIUM) ? [] : ["chromium"]),
        ...(existsSync(CJK_FONT_DIR) ? [] : ["fonts-noto-cjk"]),
        // The suite runs the test PostgreSQL server as a CPU without AVX-512 too (scripts/postgres.test.ts).
        ...(existsSync(QEMU) ? [] : ["qemu-user"]),
      ];
  // The cluster's load balancer (deploy/haproxy/haproxy.cfg), for `npm run cluster` and its tests.
  const packages = [...forTests, ...(existsSync(HAPROXY) ? [] : ["haproxy"])];
  if (packages.length === 0) return log(clusterOnly ? `balancer: ${HAPROXY}` : `browser: ${CHROMIUM}, balancer: ${HAPROXY}`);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && spawnSync("sudo", ["-n", "true"]).status !== 0) {
    fail(`the tests need Debian's ${packages.join(", ")}; install them with: sudo apt-get install -y ${packages.join(" ")}`);
  }
  // As root (CI, containers) apt-get runs directly; otherwise through passwordless sudo.
  const [command, ...prefix] = isRoot ? ["apt-get"] : ["sudo", "-n", "apt-get"];
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  log(`debian packages: apt-get install -y ${packages.join(" ")}`);
  run(command, [...prefix, "update", "-q"], "apt-get update", env);
  run(command, [...prefix, "install", "-y", "-q", "--no-install-recommends", ...packages], `apt-get install ${packages.join(" ")}`, env);
  if (!clusterOnly && !existsSync(CHROMIUM)) fail(`apt-get installed chromium but ${CHROMIUM} is missing; set CHROMIUM_PATH`);
  if (!existsSync(HAPROXY)) fail(`apt-get installed haproxy but ${HAPROXY} is missing; set HAPROXY_PATH`);
}

async function installPostgres() {
  try {
    if (installPostgresWheel(run, log)) log(`postgres: installed in ${PG_ROOT}`);
    log(`postgres: pgvector ${await checkPgvector()}`);
  } catch (error) {
    fail(`postgres: ${error.message}`);
  }
}

installDependencies();
installModels();
if (!appOnly) installDebianPackages();
if (!appOnly) await installPostgres();
log("ready");
