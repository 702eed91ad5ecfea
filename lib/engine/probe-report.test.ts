// The probe's verdicts, on the exact texts onnxruntime-node 1.30 and Dawn print (captured on Linux x64).
import { describe, expect, it } from "vitest";
import { cleanOrtMessage, interpretProbe, parsePlacement, type ProbeOutcome } from "./probe-report";

const WEBGPU_NO_ADAPTER =
  "/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 onnxruntime::webgpu::WebGpuContext::Initialize(const onnxruntime::webgpu::WebGpuContextConfig&)::<lambda()> adapter_result.status == wgpu::RequestAdapterStatus::Success was false. Failed to get a WebGPU adapter: No supported adapters\n";
const DAWN_NO_VULKAN =
  "Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file: No such file or directory\n    at operator() (/build/Release/_deps/dawn-src/src/dawn/native/vulkan/BackendVk.cpp:368)\n";
const DAWN_CPU_ADAPTER_REFUSED =
  "Warning: Vulkan shaderUniform*ArrayDynamicIndexing required.\n - While initializing adapter (backend=BackendType::Vulkan)\n";
const CUDA_MISSING = "OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library";
const ORT_NO_PROVIDERS_SHARED =
  "\u001b[1;31m2026-11-27 05:12:06.261480894 [E:onnxruntime:onnxruntime-node, provider_bridge_ort.cc:2146 Create] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1988 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library /app/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so with error: /app/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so: cannot open shared object file: No such file or directory\n\u001b[m";
/** What onnxruntime says when the provider library is there but the loader cannot find a library it links. */
const providerCannotLoad = (error: string) =>
  `\u001b[1;31m2026-12-06 20:14:25.397320634 [E:onnxruntime:onnxruntime-node, provider_bridge_ort.cc:2146 Create] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1988 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library /app/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so with error: ${error}\n\u001b[m`;
const ORT_NO_CUBLASLT = providerCannotLoad("libcublasLt.so.13: cannot open shared object file: No such file or directory");
const ORT_NO_DRIVER = providerCannotLoad("libcuda.so.1: cannot open shared object file: No such file or directory");
/**
 * The provider loaded, CUDA refused: captured with the real provider and CUDA 13 libraries on a machine without a
 * GPU, with Debian's libcuda1 550 (a driver older than CUDA 13 needs) unpacked on LD_LIBRARY_PATH.
 */
const cudaFailure = (code: number, text: string) =>
  `/onnxruntime_src/onnxruntime/core/providers/cuda/cuda_call.cc:154 std::conditional_t<THRW, void, onnxruntime::common::Status> onnxruntime::CudaCall(ERRTYPE, const char*, const char*, SUCCTYPE, const char*, const char*, int) [with ERRTYPE = cudaError; bool THRW = true; SUCCTYPE = cudaError; std::conditional_t<THRW, void, common::Status> = void] /onnxruntime_src/onnxruntime/core/providers/cuda/cuda_call.cc:146 std::conditional_t<THRW, void, onnxruntime::common::Status> onnxruntime::CudaCall(ERRTYPE, const char*, const char*, SUCCTYPE, const char*, const char*, int) [with ERRTYPE = cudaError; bool THRW = true; SUCCTYPE = cudaError; std::conditional_t<THRW, void, common::Status> = void] CUDA failure ${code}: ${text} ; GPU=-1 ; hostname=vm ; file=/onnxruntime_src/onnxruntime/core/providers/cuda/cuda_execution_provider.cc ; line=352 ; expr=cudaSetDevice(info_.device_id); \n\n`;
const DRIVER_TOO_OLD = cudaFailure(35, "CUDA driver version is insufficient for CUDA runtime version");

function outcome(overrides: Partial<ProbeOutcome>): ProbeOutcome {
  return { device: "webgpu", stdout: "", stderr: "", code: 0, signal: null, timeoutMs: 30_000, ms: 5, ...overrides };
}
const said = (report: object) => `some library chatter\n${JSON.stringify(report)}\n`;

describe("parsePlacement", () => {
  it("reads onnxruntime's node placement lines", () => {
    const log = [
      "[V:onnxruntime:, session_state.cc:1377 VerifyEachNodeIsAssignedToAnEp] Node placements",
      "[V:onnxruntime:, session_state.cc:1380 VerifyEachNodeIsAssignedToAnEp]  Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 170",
      "[V:onnxruntime:, session_state.cc:1380 VerifyEachNodeIsAssignedToAnEp]  Node(s) placed on [CPUExecutionProvider]. Number of nodes: 13",
    ].join("\n");
    expect(parsePlacement(log)).toEqual({ WebGpuExecutionProvider: 170, CPUExecutionProvider: 13 });
    expect(parsePlacement("... All nodes placed on [CPUExecutionProvider]. Number of nodes: 183")).toEqual({ CPUExecutionProvider: 183 });
    expect(parsePlacement("nothing verbose here")).toEqual({});
  });
});

describe("cleanOrtMessage", () => {
  it("drops onnxruntime's C++ source location", () => {
    expect(cleanOrtMessage(WEBGPU_NO_ADAPTER)).toBe("Failed to get a WebGPU adapter: No supported adapters");
    expect(cleanOrtMessage("[ONNXRuntimeError] : 1 : FAIL : Load model from x.onnx failed")).toBe("Load model from x.onnx failed");
    expect(cleanOrtMessage(CUDA_MISSING)).toBe(CUDA_MISSING);
  });
});

describe("interpretProbe", () => {
  it("names the missing Vulkan loader when WebGPU finds no adapter", () => {
    const report = interpretProbe(outcome({ stdout: said({ ok: false, message: WEBGPU_NO_ADAPTER }), stderr: DAWN_NO_VULKAN, code: 1 }));
    expect(report.ok).toBe(false);
    expect(report.reason).toBe("no WebGPU adapter: the Vulkan loader is missing (Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file: No such file or directory)");
  });

  it("passes on Dawn's reason when a Vulkan device exists but is refused", () => {
    const report = interpretProbe(outcome({ stdout: said({ ok: false, message: WEBGPU_NO_ADAPTER }), stderr: DAWN_CPU_ADAPTER_REFUSED, code: 1 }));
    expect(report.reason).toBe("no WebGPU adapter: Vulkan shaderUniform*ArrayDynamicIndexing required.");
  });

  it("says the CUDA provider is not installed, and how to add it", () => {
    const report = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: CUDA_MISSING }), stderr: ORT_NO_PROVIDERS_SHARED, code: 1 }));
    expect(report.reason).toBe(
      "provider not installed: no libonnxruntime_providers_shared.so beside onnxruntime-node's libonnxruntime.so.1; run `npm run gpu:setup`, which installs it from PyPI's onnxruntime-gpu wheel",
    );
  });

  it("names the CUDA library an installed provider cannot find", () => {
    const report = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: CUDA_MISSING }), stderr: ORT_NO_CUBLASLT, code: 1 }));
    expect(report.reason).toMatch(/^libcublasLt\.so\.13 not found: the CUDA provider is installed but not this CUDA library it needs; run `npm run gpu:setup`/);
  });

  it("says there is no NVIDIA driver when libcuda.so.1 is missing", () => {
    const report = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: CUDA_MISSING }), stderr: ORT_NO_DRIVER, code: 1 }));
    expect(report.reason).toBe("no NVIDIA driver: libcuda.so.1 not found");
  });

  it("passes on any other reason the provider library could not be loaded", () => {
    const stderr = providerCannotLoad("/app/libonnxruntime_providers_cuda.so: undefined symbol: OrtGetApiBase");
    const report = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: CUDA_MISSING }), stderr, code: 1 }));
    expect(report.reason).toBe("the CUDA provider is installed but could not load: /app/libonnxruntime_providers_cuda.so: undefined symbol: OrtGetApiBase");
  });

  it("says the driver is too old when CUDA refuses the runtime's version", () => {
    const report = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: DRIVER_TOO_OLD }), code: 1 }));
    expect(report.reason).toBe(
      "driver too old: CUDA driver version is insufficient for CUDA runtime version (cudaSetDevice); the CUDA 13 provider needs NVIDIA driver 580 or newer",
    );
  });

  it("says there is no CUDA device, naming the call, when the driver finds none", () => {
    const report = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: cudaFailure(100, "no CUDA-capable device is detected") }), code: 1 }));
    expect(report.reason).toBe("no CUDA device (cudaSetDevice: no CUDA-capable device is detected)");
  });

  it("tells the toolkit's stub libcuda.so.1 from a driver, and passes on other CUDA errors with their number", () => {
    const stub = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: cudaFailure(34, "CUDA driver is a stub library") }), code: 1 }));
    expect(stub.reason).toMatch(/^no NVIDIA driver: CUDA driver is a stub library \(cudaSetDevice\); the libcuda\.so\.1 found is the CUDA toolkit's stub$/);
    const other = interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message: cudaFailure(999, "unknown error") }), code: 1 }));
    expect(other.reason).toBe("CUDA could not start (cudaSetDevice: error 999, unknown error)");
  });

  it("passes on the loader's message when a CUDA library linked by gpu:setup cannot be loaded", () => {
    const message = "libcublasLt.so.13 (linked beside libonnxruntime.so.1 by npm run gpu:setup) could not be loaded: /x/libcublasLt.so.13: file too short";
    expect(interpretProbe(outcome({ device: "cuda", stdout: said({ ok: false, message }), code: 1 })).reason).toBe(message);
  });

  it("reports a crash of the probe process with the signal and the driver's last words", () => {
    const report = interpretProbe(outcome({ stderr: DAWN_NO_VULKAN, code: null, signal: "SIGSEGV" }));
    expect(report.reason).toMatch(/^the webgpu provider crashed its probe process \(it was killed by SIGSEGV\): Couldn't load Vulkan/);
  });

  it("reports a hang that was stopped, and an attempt given up", () => {
    expect(interpretProbe(outcome({ stoppedBy: "timeout", signal: "SIGKILL", code: null, timeoutMs: 1500 })).reason).toBe(
      "the webgpu provider did not answer within 1500 ms; its probe process was stopped",
    );
    expect(interpretProbe(outcome({ stoppedBy: "abort", signal: "SIGKILL", code: null })).reason).toMatch(/given up/);
  });

  it("catches a session that says GPU but placed every node on the CPU", () => {
    const report = interpretProbe(outcome({ stdout: said({ ok: true, finite: true }), stderr: "All nodes placed on [CPUExecutionProvider]. Number of nodes: 183" }));
    expect(report).toMatchObject({ ok: false, placement: { CPUExecutionProvider: 183 } });
    expect(report.reason).toMatch(/^onnxruntime accepted the webgpu provider but placed all 183 nodes elsewhere/);
  });

  it("refuses WebGPU on a software Vulkan driver (the CPU in disguise) unless allowed", () => {
    const stderr = "Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 185\nNode(s) placed on [CPUExecutionProvider]. Number of nodes: 7";
    const vulkanDrivers = [{ manifest: "/icd.d/lvp_icd.json", library: "/usr/lib/libvulkan_lvp.so", software: true }];
    const refused = interpretProbe(outcome({ stdout: said({ ok: true, finite: true }), stderr, vulkanDrivers }));
    expect(refused.reason).toBe("WebGPU would run on a software Vulkan driver (/usr/lib/libvulkan_lvp.so, from /icd.d/lvp_icd.json), that is on the CPU; the cpu device is faster");
    const allowed = interpretProbe(outcome({ stdout: said({ ok: true, finite: true }), stderr, vulkanDrivers, allowSoftware: true }));
    expect(allowed).toMatchObject({ ok: true, softwareAdapter: "/usr/lib/libvulkan_lvp.so" });
  });

  it("says no Vulkan driver is registered when the loader is there but no manifest is", () => {
    const report = interpretProbe(outcome({ stdout: said({ ok: false, message: WEBGPU_NO_ADAPTER }), stderr: "Warning: vkCreateInstance: Found no drivers!\n", code: 1, vulkanDrivers: [] }));
    expect(report.reason).toMatch(/^no WebGPU adapter: no Vulkan driver is registered \(no icd\.d manifest; point VK_DRIVER_FILES at .*\); vkCreateInstance: Found no drivers!$/);
  });

  it("fails a provider that returns NaN", () => {
    expect(interpretProbe(outcome({ stdout: said({ ok: true, finite: false }) })).reason).toMatch(/NaN or infinite/);
  });

  it("accepts a GPU session that runs nodes on the GPU, keeping the placement", () => {
    const stderr = "Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 170\nNode(s) placed on [CPUExecutionProvider]. Number of nodes: 13";
    expect(interpretProbe(outcome({ stdout: said({ ok: true, finite: true }), stderr, ms: 42 }))).toEqual({
      ok: true,
      placement: { WebGpuExecutionProvider: 170, CPUExecutionProvider: 13 },
      ms: 42,
    });
  });

  it("reports a probe process that could not start", () => {
    expect(interpretProbe(outcome({ spawnError: "spawn ENOENT" })).reason).toBe("the probe process could not start: spawn ENOENT");
  });
});
