/**
 * Bundles the CUDA check with esbuild into two CommonJS files, so the GPU machine needs no node_modules tree:
 *   app/ort.cjs         onnxruntime-node's JavaScript, loading its native binding from ../ort/ (shipped beside it);
 *   app/cuda-check.cjs  cuda-check.ts with lib/engine (its public face) and its pure-JS dependencies, requiring ./ort.cjs.
 * The GPU check (tools/gpu-check/bundle.ts) does the same for its own entry; only the entry differs.
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
      if (!source.includes(BINDING_REQUIRE)) throw new Error(`${args.path} no longer loads its binding as ${BINDING_REQUIRE}; update bundle.ts`);
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

export async function bundleCudaCheck(root: string, appDir: string): Promise<void> {
  const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning", legalComments: "none" } as const;
  const resolveFromRoot = createRequire(join(root, "package.json")).resolve;
  await build({ ...common, entryPoints: [resolveFromRoot("onnxruntime-node")], outfile: join(appDir, "ort.cjs"), plugins: [shippedBinding] });
  await build({
    ...common,
    entryPoints: [join(root, "tools", "gpu-cuda", "cuda-check.ts")],
    outfile: join(appDir, "cuda-check.cjs"),
    tsconfig: join(root, "tsconfig.json"),
    // lib/engine's public face is server-only: under react-server (as in the server) the marker is empty.
    conditions: ["react-server"],
    plugins: [onnxruntimeBeside],
  });
}
