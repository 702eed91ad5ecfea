import type { NextConfig } from "next";
import { securityHeaders } from "./lib/api/security-headers";

const nextConfig: NextConfig = {
  // The engine loads native code (onnxruntime-node) in worker threads bundled at run time (esbuild): keep these
  // out of the app's bundle.
  // PGlite loads its WASM build and extension bundles from its own package folder at run time: keep it (and pg) external too.
  serverExternalPackages: ["onnxruntime-node", "@huggingface/transformers", "@huggingface/tokenizers", "esbuild", "@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pg"],
  // The radar's API accepts knowledge bases up to 10 MB; the route checks the limit itself with a clear message.
  experimental: { serverActions: { bodySizeLimit: "10mb" } },
  // Says nothing about the server to a client that does not need to know.
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(securityHeaders()).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
