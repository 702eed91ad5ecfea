// The PyPI wheels `npm run gpu:setup` takes files from, pinned by URL, size and sha256, and each file taken by its
// own sha256 (the value in the wheel's RECORD, so a file from elsewhere, e.g. `--files DIR`, is checked the same).
//
// onnxruntime-gpu's version must equal onnxruntime-node's: the provider is built against one libonnxruntime.
// 1.30.0 is built for CUDA 13. The CUDA libraries are CUDA 13.0 update 2's (the oldest CUDA 13 release these
// wheels match, so the NVIDIA 580 driver that CUDA 13 needs is enough); they are downloaded only where the
// machine has none of its own (gpu-setup.mjs). Updating onnxruntime-node means updating these pins together:
// the provider's linked libraries change with it (lib/engine/cuda-libraries.mjs, checked with `readelf -d`).

const PYPI = "https://files.pythonhosted.org/packages";

/** @typedef {{ member: string, size: number, sha256: string }} WheelFile */
/** @typedef {{ project: string, version: string, url: string, size: number, sha256: string, files: Record<string, WheelFile> }} Wheel */

/** @type {Wheel} */
export const PROVIDER_WHEEL = {
  project: "onnxruntime-gpu",
  version: "1.30.0",
  // Any CPython tag carries the same provider libraries; this one is the GPU machines' Python.
  url: `${PYPI}/9e/80/d96143329dbe925d434b016c890a5caa785fac8e14a1570e5d6818b63545/onnxruntime_gpu-1.30.0-cp312-cp312-manylinux_2_28_x86_64.whl`,
  size: 246685715,
  sha256: "6acc0f4b3d5ac5f2984432faa59dd8fcce6775f8b43a7140afa0f322c7a703b1",
  files: {
    "libonnxruntime_providers_shared.so": {
      member: "onnxruntime/capi/libonnxruntime_providers_shared.so",
      size: 14632,
      sha256: "086ec1d5388f64153d9c63470d126693db9a182c8ce236d3a1119068471b8a0d",
    },
    "libonnxruntime_providers_cuda.so": {
      member: "onnxruntime/capi/libonnxruntime_providers_cuda.so",
      size: 272049904,
      sha256: "35da2e7ed0dd0d1aec5cdb16ce11a51d06c0c48cf62d1b1c9332946a4fae14fc",
    },
  },
};

/** @type {Wheel[]} */
export const CUDA_WHEELS = [
  {
    project: "nvidia-cuda-runtime",
    version: "13.0.96",
    url: `${PYPI}/2e/24/d1558f3b68b1d26e706813b1d10aa1d785e4698c425af8db8edc3dced472/nvidia_cuda_runtime-13.0.96-py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64.whl`,
    size: 2243632,
    sha256: "7f82250d7782aa23b6cfe765ecc7db554bd3c2870c43f3d1821f1d18aebf0548",
    files: {
      "libcudart.so.13": { member: "nvidia/cu13/lib/libcudart.so.13", size: 704288, sha256: "96c42e418cec19054186b9429c321603cc190bf26a18104e19408117a2a817b0" },
    },
  },
  {
    project: "nvidia-cublas",
    version: "13.1.0.3",
    url: `${PYPI}/e7/44/423ac00af4dd95a5aeb27207e2c0d9b7118702149bf4704c3ddb55bb7429/nvidia_cublas-13.1.0.3-py3-none-manylinux_2_27_x86_64.whl`,
    size: 423133236,
    sha256: "ee8722c1f0145ab246bccb9e452153b5e0515fd094c3678df50b2a0888b8b171",
    files: {
      "libcublasLt.so.13": { member: "nvidia/cu13/lib/libcublasLt.so.13", size: 541595600, sha256: "656298c804f5adbb0df930545c17911b9584ab4e5101c0eeb65d1fe881d880f8" },
      "libcublas.so.13": { member: "nvidia/cu13/lib/libcublas.so.13", size: 54177976, sha256: "e70f38efabe986acd5eb683497c62f0f1730a6176ee291d9d24c6e339d1fbf86" },
    },
  },
  {
    project: "nvidia-curand",
    version: "10.4.0.35",
    url: `${PYPI}/a5/9f/be0a41ca4a4917abf5cb9ae0daff1a6060cc5de950aec0396de9f3b52bc5/nvidia_curand-10.4.0.35-py3-none-manylinux_2_27_x86_64.whl`,
    size: 59544258,
    sha256: "1aee33a5da6e1db083fe2b90082def8915f30f3248d5896bcec36a579d941bfc",
    files: {
      "libcurand.so.10": { member: "nvidia/cu13/lib/libcurand.so.10", size: 132698328, sha256: "b53732a66b302b11926e00f762e2c2ba67058347ff93cf4ae709de45e93e06da" },
    },
  },
];

/** The pinned wheel that carries `name` (a provider or CUDA library file). */
export function wheelFor(name) {
  return [PROVIDER_WHEEL, ...CUDA_WHEELS].find((wheel) => name in wheel.files);
}

/** "onnxruntime_gpu-1.30.0-cp312-...whl" from a wheel's URL. */
export function wheelFileName(wheel) {
  return wheel.url.slice(wheel.url.lastIndexOf("/") + 1);
}
