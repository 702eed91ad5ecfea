// Types of gpu-setup.mjs (plain JavaScript so it runs before anything is built).

/** onnxruntime-node's folder holding libonnxruntime.so.1, after checking its version against the pinned wheel. */
export function onnxruntimeFolder(packageDir?: string): string;
