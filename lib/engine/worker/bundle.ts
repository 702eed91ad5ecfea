/**
 * Worker threads run plain JavaScript: each worker entry (TypeScript, under lib/) is bundled by esbuild into
 * node_modules/.cache/semantic-radar/workers/, where Node resolves its native dependencies (onnxruntime-node,
 * the tokenizers) from the app's node_modules. A bundle is rebuilt only when one of its sources is newer, so
 * `npm start`, the tests and the CLIs share one build. Server-only.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { config } from "../../config";

/** Loaded at run time from node_modules, never bundled: native code, or large and loaded once per worker. */
const EXTERNAL = ["onnxruntime-node", "@huggingface/tokenizers"];

export function projectRoot(): string {
  return config().root;
}

function bundlePaths(entry: string): { source: string; bundle: string; inputs: string } {
  const root = projectRoot();
  const name = entry.replace(/[/\\]/g, "_").replace(/\.ts$/, "");
  const dir = join(/*turbopackIgnore: true*/ root, "node_modules", ".cache", "semantic-radar", "workers");
  return {
    source: join(/*turbopackIgnore: true*/ root, entry),
    bundle: join(/*turbopackIgnore: true*/ dir, `${name}.cjs`),
    inputs: join(/*turbopackIgnore: true*/ dir, `${name}.inputs.json`),
  };
}

/**
 * Current when every source it was built from is older than it. Sources are recorded relative to the project,
 * so a node_modules copied into another checkout (a git worktree) is judged against that checkout's sources.
 */
function isCurrent(bundle: string, inputs: string): boolean {
  if (!existsSync(bundle) || !existsSync(inputs)) return false;
  const builtAt = statSync(bundle).mtimeMs;
  const files = (JSON.parse(readFileSync(inputs, "utf8")) as string[]).map((file) => resolve(/*turbopackIgnore: true*/ projectRoot(), file));
  return files.every((file) => existsSync(file) && statSync(file).mtimeMs <= builtAt);
}

/**
 * The path of a worker entry's bundle, building it first when missing or stale.
 * @param entry the entry's path from the project root, e.g. "lib/engine/worker/embed-worker.ts"
 */
export function workerBundle(entry: string): Promise<string> {
  // One build per entry per process, however many engines start at once.
  let building = builds.get(entry);
  if (!building) {
    building = buildIfStale(entry);
    builds.set(entry, building);
    building.finally(() => builds.delete(entry)).catch(() => {});
  }
  return building;
}

const builds = new Map<string, Promise<string>>();

async function buildIfStale(entry: string): Promise<string> {
  const { source, bundle, inputs } = bundlePaths(entry);
  if (isCurrent(bundle, inputs)) return bundle;
  if (!existsSync(source)) {
    // A deployment without sources (or with a stale path): the bundle there is all there is.
    if (existsSync(bundle)) return bundle;
    throw new Error(`worker entry ${entry} is missing and was never bundled`);
  }
  // A variable module name keeps bundlers of the app itself (Next.js) from pulling esbuild into the server bundle.
  const esbuildModule = "esbuild";
  const esbuild = (await import(/* webpackIgnore: true */ /*turbopackIgnore: true*/ esbuildModule)) as typeof import("esbuild");
  mkdirSync(dirname(bundle), { recursive: true });
  // Written aside and renamed: another process (a test runner beside the server) never reads half a bundle.
  const partial = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild.build({
    absWorkingDir: projectRoot(),
    entryPoints: [source],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    // "server-only" throws unless resolved with the react-server condition, as Next.js does on the server.
    conditions: ["react-server"],
    alias: { "@": projectRoot() },
    metafile: true,
    logLevel: "silent",
  });
  // esbuild names inputs relative to absWorkingDir, the project root: recorded as they are.
  const files = Object.keys(result.metafile.inputs);
  renameSync(partial, bundle);
  writeFileSync(inputs, JSON.stringify(files));
  return bundle;
}
