/**
 * Bundles the GPU check with esbuild into two CommonJS files, so the GPU machine needs no node_modules tree:
 *   app/ort.cjs    onnxruntime-node's JavaScript, loading its native binding from ../ort/ (shipped beside it);
 *   app/check.cjs  check.ts with lib/engine (its face for tools) and its pure-JS dependencies, requiring ./ort.cjs
 *                  for onnxruntime.
 * The CUDA check (tools/gpu-cuda) bundles its own entry the same way (bundleToolCheck).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

// onnxruntime-node's dist/binding.js picks the binding by platform at run time; the bundle has one place for it.
const BINDING_REQUIRE = "require(`../bin/napi-v6/${process.platform}/${process.arch}/onnxruntime_binding.node`)";
const SHIPPED_BINDING = 'require(require("node:path").join(__dirname, "..", "ort", "onnxruntime_binding.node"))';

const shippedBinding: Plugin = {
  name: "shipped-onnxruntime-binding",
  setup(context) {
    context.onLoad({ filter: /onnxruntime-node[\\/]dist[\\/]binding\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes(BINDING_REQUIRE)) {
        throw new Error(`${args.path} no longer loads its binding as ${BINDING_REQUIRE}; update bundle.ts for this onnxruntime-node`);
      }
      return { contents: source.replace(BINDING_REQUIRE, SHIPPED_BINDING), loader: "js" };
    });
  },
};

const onnxruntimeBeside: Plugin = {
  name: "onnxruntime-beside",
  setup(context) {
    context.onResolve({ filter: /^onnxruntime-node$/ }, () => ({ path: "./ort.cjs", external: true }));
  },
};

export function onnxruntimeBindingDir(root: string): string {
  const entry = createRequire(join(root, "package.json")).resolve("onnxruntime-node");
  return join(entry, "..", "..", "bin", "napi-v6", process.platform, process.arch);
}

/** The GPU check's bundle: app/ort.cjs and app/check.cjs. */
export function bundleCheck(root: string, appDir: string): Promise<void> {
  return bundleToolCheck(root, appDir, join("tools", "gpu-check", "check.ts"), "check.cjs");
}

/** app/ort.cjs and app/<outName> for a check whose entry is `entry` (relative to the root); the CUDA check uses it too. */
export async function bundleToolCheck(root: string, appDir: string, entry: string, outName: string): Promise<void> {
  const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning", legalComments: "none" } as const;
  await build({
    ...common,
    entryPoints: [createRequire(join(root, "package.json")).resolve("onnxruntime-node")],
    outfile: join(appDir, "ort.cjs"),
    plugins: [shippedBinding],
  });
  await build({
    ...common,
    entryPoints: [join(root, entry)],
    outfile: join(appDir, outName),
    tsconfig: join(root, "tsconfig.json"),
    // A "server-only" marker, should the check reach one, resolves empty under react-server, as in the server.
    conditions: ["react-server"],
    plugins: [onnxruntimeBeside],
  });
}
