// Types of cuda-libraries.mjs (plain JavaScript so `npm run gpu:setup` can run it without a TypeScript step).

/** The provider's libraries; onnxruntime opens them from the folder of its own libonnxruntime.so.1. */
export const CUDA_PROVIDER_FILES: readonly string[];
/** The CUDA libraries the provider links, each after the ones it needs. */
export const CUDA_RUNTIME_FILES: readonly string[];
/** The NVIDIA driver's CUDA library, which the provider links directly. */
export const CUDA_DRIVER_FILE: string;

/** Loads each of `names` linked beside the loaded libonnxruntime.so.1, in order; returns the files loaded. */
export function preloadCudaLibraries(fs: typeof import("node:fs"), names: readonly string[]): string[];
