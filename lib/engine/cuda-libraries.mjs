// onnxruntime's CUDA provider and the CUDA libraries it links: which files, in which order, and how the engine
// loads them. Plain JavaScript with no imports, because `npm run gpu:setup` (scripts/gpu-setup.mjs) runs before
// the app is built, and the provider probe's child process runs preloadCudaLibraries's own source.
// Types: cuda-libraries.d.mts.

/** The provider's libraries (PyPI's onnxruntime-gpu wheel); onnxruntime opens them from the folder of its own libonnxruntime.so.1. */
export const CUDA_PROVIDER_FILES = ["libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so"];

/**
 * The CUDA libraries libonnxruntime_providers_cuda.so 1.30 links (`readelf -d`), each after the ones it needs.
 * It links libcuda.so.1 too: that is the NVIDIA driver's, never installed by us. cuDNN and cuFFT it opens only
 * for the operators that need them (convolutions, FFT), which text encoders and decoders do not have.
 */
export const CUDA_RUNTIME_FILES = ["libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcurand.so.10"];

/** The NVIDIA driver's CUDA library, which the provider links directly. */
export const CUDA_DRIVER_FILE = "libcuda.so.1";

/**
 * Loads into this process each of `names` that `npm run gpu:setup` linked beside the loaded libonnxruntime.so.1,
 * in order. Why: the provider library has no RUNPATH, and the dynamic loader reads LD_LIBRARY_PATH only when a
 * process starts, so a library in our own folder could not be found when onnxruntime opens the provider; a library
 * already loaded satisfies a later dependency on its soname. A name not linked there is left to the system's
 * loader (a machine with CUDA installed). Call it after onnxruntime-node is loaded, before a CUDA session.
 *
 * Self-contained (no imports, no outer names): provider-probe.ts runs its source in the probe's child process.
 * Returns the files it loaded; throws with the loader's own message when one is there but cannot be loaded.
 */
export function preloadCudaLibraries(fs, names) {
  // Where onnxruntime looks for its providers: the folder of the libonnxruntime.so.1 this process mapped.
  const mapped = fs.readFileSync("/proc/self/maps", "utf8").split("\n").map((line) => line.slice(line.indexOf("/")));
  const ortLibrary = mapped.find((file) => file.endsWith("/libonnxruntime.so.1"));
  // None mapped (a stand-in for onnxruntime in tests, or a build that names its library otherwise): nothing of ours to load.
  if (!ortLibrary) return [];
  const folder = ortLibrary.slice(0, ortLibrary.lastIndexOf("/"));
  // RTLD_NOW | RTLD_NODELETE (glibc's 0x1000): Node closes a library that is not an addon; NODELETE keeps it loaded.
  const flags = 0x2 | 0x1000;
  const loaded = [];
  for (const name of names) {
    const file = `${folder}/${name}`;
    if (!fs.existsSync(file)) continue;
    try {
      process.dlopen({ exports: {} }, file, flags);
    } catch (error) {
      // Loaded, but not a Node addon: the outcome wanted.
      if (!/did not self-register/.test(String(error && error.message))) {
        throw new Error(`${name} (linked beside libonnxruntime.so.1 by npm run gpu:setup) could not be loaded: ${String(error && error.message).split("\n")[0]}`);
      }
    }
    loaded.push(file);
  }
  return loaded;
}
