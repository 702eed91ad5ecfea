#!/usr/bin/env node
// `npm start`: builds the app when the sources changed since the last build, then serves it (PORT, default 3000)
// on 127.0.0.1 only, unless HOST says otherwise (HOST=0.0.0.0 shares it on a LAN; see the README first).
// --build-only: build and bundle when stale, then exit.
import { spawn, spawnSync } from "node:child_process";
import { constants } from "node:os";
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "next.config.ts", "package.json", "tsconfig.json"];
const BUILD_ID = join(ROOT, ".next", "BUILD_ID");
const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SERVER_ENTRY = join(ROOT, "scripts", "serve.ts");
const SERVER_BUNDLE = join(ROOT, ".next", "radar-server.mjs");

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function next(args) {
  const result = spawnSync(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const stale = !existsSync(BUILD_ID) || Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s)))) > statSync(BUILD_ID).mtimeMs;
if (stale) next(["build"]);
else process.stdout.write("[start] build is current\n");
await bundleServer();
// `npm run cluster` builds once here, then starts each process from the bundle.
if (process.argv.includes("--build-only")) process.exit(0);
const args = process.argv.slice(2);
const hostname = hostnameIn(args) ?? (process.env.HOST || "127.0.0.1");
serve(["--hostname", hostname, ...withoutHostname(args)]);

/**
 * The server (scripts/serve.ts: Next.js's handler behind our own node:http server) as one ES module; packages
 * stay in node_modules. Written aside and renamed: a second launcher never runs half a file.
 */
async function bundleServer() {
  const { build } = await import("esbuild");
  const partial = `${SERVER_BUNDLE}.${process.pid}.tmp.mjs`;
  await build({ entryPoints: [SERVER_ENTRY], outfile: partial, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
  renameSync(partial, SERVER_BUNDLE);
}

/** The address given as -H/--hostname, if any. */
function hostnameIn(list) {
  const at = list.findIndex((arg) => arg === "-H" || arg === "--hostname" || arg.startsWith("--hostname="));
  if (at < 0) return undefined;
  return list[at].startsWith("--hostname=") ? list[at].slice("--hostname=".length) : list[at + 1];
}

function withoutHostname(list) {
  const at = list.findIndex((arg) => arg === "-H" || arg === "--hostname" || arg.startsWith("--hostname="));
  if (at < 0) return list;
  return [...list.slice(0, at), ...list.slice(list[at].startsWith("--hostname=") ? at + 1 : at + 2)];
}

/**
 * Runs the server as a child and passes a stop signal on: whoever stops this process (a supervisor, the load
 * test, a container's stop) stops the server with it instead of leaving it listening.
 */
function serve(serverArgs) {
  // The page shows the room address (app/api/room) from the address the server listens on.
  const env = { ...process.env, NODE_ENV: "production", SEMANTIC_RADAR_LISTEN_HOST: hostname };
  const server = spawn(process.execPath, [SERVER_BUNDLE, ...serverArgs], { cwd: ROOT, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
}
