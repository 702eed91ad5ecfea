import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The engine loads native code (onnxruntime-node) and reads models/ at run time: keep it out of the bundle.
  serverExternalPackages: ["onnxruntime-node", "@huggingface/transformers", "@huggingface/tokenizers"],
  // The radar's API accepts knowledge bases up to 10 MB; the route checks the limit itself with a clear message.
  experimental: { serverActions: { bodySizeLimit: "10mb" } },
};

export default nextConfig;
