/**
 * onnxruntime runs only where inference sessions run: the model's worker thread and the rank worker. The main
 * thread's request path (every API route, the engine's public entry, its status) must not load it, so a native
 * fault or a synchronous forward pass can never take the event loop with it. Proved in a fresh process, by what
 * it really loaded: Node's module cache (per thread) and the process's shared libraries.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();

/** Every API route module: the entries of the main thread's request path. */
function routeModules(dir = join(ROOT, "app")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeModules(path);
    return name === "route.ts" ? [path] : [];
  });
}

interface Loaded {
  /** Files of onnxruntime-node in this thread's module cache. */
  modules: string[];
  /** onnxruntime's native libraries mapped into the process (by any thread). */
  libraries: string[];
}

/** Runs in a fresh Node process, as the server's main thread would: imports, embeds, and says what was loaded. */
function probeSource(entries: string[]): string {
  const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
  return `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const loaded = () => ({
  modules: Object.keys(require.cache).filter((file) => file.includes("onnxruntime")),
  libraries: process.report.getReport().sharedObjects.filter((file) => /onnxruntime/.test(file)),
});
${entries.map((entry) => `await import(${url(entry)});`).join("\n")}
const engines = await import(${url(join(ROOT, "lib/engine/index.ts"))});
const imported = loaded();
const engine = await engines.loadEngine("tiny-encoder", { device: "cpu" });
const { dims } = await engine.embed(["hello world"]);
const embedded = loaded();
await import(${url(join(ROOT, "lib/engine/in-thread-engine.ts"))});
const inThread = loaded();
await engine.dispose();
console.log(JSON.stringify({ imported, embedded, inThread, dims }));
`;
}

describe("onnxruntime stays off the main thread", () => {
  it("is loaded by no API route nor the engine's entry, not even while a model embeds", () => {
    const entries = [...routeModules(), join(ROOT, "lib/engine/status.ts")];
    expect(entries.length).toBeGreaterThan(10);
    const script = join(mkdtempSync(join(tmpdir(), "radar-ort-boundary-")), "probe.mts");
    writeFileSync(script, probeSource(entries));
    const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 90_000,
      env: { ...process.env, SEMANTIC_RADAR_MODELS_DIR: join(ROOT, "models", "tiny") },
    });
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { imported: Loaded; embedded: Loaded; inThread: Loaded; dims: number };
    const names = (files: string[]) => files.map((file) => relative(ROOT, file));

    expect(names(report.imported.modules), "onnxruntime modules after importing the routes").toEqual([]);
    expect(names(report.imported.libraries), "onnxruntime libraries after importing the routes").toEqual([]);
    expect(report.dims).toBe(8);
    expect(names(report.embedded.modules), "onnxruntime modules in the main thread after an embedding").toEqual([]);
    // The probes can see what they look for: the model's worker maps the library into the process, and the
    // in-thread engine (for CLIs, never the server) puts onnxruntime-node in this thread's module cache.
    expect(report.embedded.libraries.some((file) => /libonnxruntime\.so/.test(file))).toBe(true);
    expect(report.inThread.modules.some((file) => file.includes("onnxruntime-node"))).toBe(true);
  });
});
