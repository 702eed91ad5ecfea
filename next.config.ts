import type { NextConfig } from "next";
import { MAX_BODY_BYTES } from "./lib/api/contract/limits";
import { securityHeaders } from "./lib/api/security-headers";

const nextConfig: NextConfig = {
  // The engine loads native code (onnxruntime-node) in worker threads bundled at run time (esbuild): keep these
  // out of the app's bundle.
  // PGlite loads its WASM build and extension bundles from its own package folder at run time: keep it (and pg) external too.
  serverExternalPackages: ["onnxruntime-node", "@huggingface/transformers", "@huggingface/tokenizers", "esbuild", "@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pg"],
  experimental: {
    // The radar's API accepts knowledge bases up to 10 MB; the route checks the limit itself with a clear message.
    serverActions: { bodySizeLimit: "10mb" },
    // The proxy (proxy.ts) buffers each body it sees and hands the route only the pieces (up to 64 KB each) that
    // arrived before this many bytes; the piece that crosses it is dropped whole. 1 MiB over the routes' limit,
    // a route always sees more than its limit of an oversized body (413) instead of a cut one ("not JSON", 422).
    // The import (up to 128 MB) and POST /api/kb (a document, up to 32 MB) are outside the proxy's matcher and
    // read their bodies themselves.
    proxyClientMaxBodySize: MAX_BODY_BYTES + 1024 ** 2,
  },
  // Says nothing about the server to a client that does not need to know.
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(securityHeaders()).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
