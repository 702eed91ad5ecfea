import { describe, expect, it } from "vitest";
import { parsePlacementLog, summarizeProfile } from "./ort-profile";

describe("summarizeProfile", () => {
  it("sums kernel time per provider and op, and lists runs and copies", () => {
    const node = (op: string, provider: string, dur: number) => ({ cat: "Node", name: `n_${op}_kernel_time`, dur, args: { op_name: op, provider } });
    const summary = summarizeProfile([
      { cat: "Session", name: "model_run", dur: 5000 },
      node("MatMul", "WebGpuExecutionProvider", 1000),
      node("MatMul", "WebGpuExecutionProvider", 500),
      node("Shape", "CPUExecutionProvider", 20),
      node("MemcpyToHost", "WebGpuExecutionProvider", 3000),
      { cat: "Node", name: "n_MatMul_fence_before", dur: 9999, args: { op_name: "MatMul", provider: "WebGpuExecutionProvider" } },
      { cat: "Session", name: "model_run", dur: 2000 },
    ]);
    expect(summary.runsMs).toEqual([5, 2]);
    expect(summary.kernelMsByProvider).toEqual({ WebGpuExecutionProvider: 4.5, CPUExecutionProvider: 0.02 });
    expect(summary.topOps[0]).toEqual({ op: "MemcpyToHost", provider: "WebGpuExecutionProvider", ms: 3, calls: 1 });
    expect(summary.topOps[1]).toEqual({ op: "MatMul", provider: "WebGpuExecutionProvider", ms: 1.5, calls: 2 });
    expect(summary.copies).toEqual({ MemcpyToHost: 1 });
  });
});

describe("parsePlacementLog", () => {
  it("counts placements and sorts CPU nodes into moved on purpose, no GPU kernel, and unexplained", () => {
    const log = [
      "2026-11-27 [I:onnxruntime:, fallback_cpu_capability.cc:158 GetCpuPreferredNodes] ORT optimization- Force fallback to CPU execution for node: /embeddings/Shape because the CPU execution path is deemed faster than overhead involved with execution on other EPs capable of executing this node",
      "2026-11-27 [I:onnxruntime:, webgpu_execution_provider.cc:665 GetCapability] webgpu kernel not found in registries for Op type: Erf node name: /l0/Erf",
      "2026-11-27 [V:onnxruntime:, session_state.cc:1280 VerifyEachNodeIsAssignedToAnEp] Node placements",
      "2026-11-27 [V:onnxruntime:, session_state.cc:1282 VerifyEachNodeIsAssignedToAnEp]  Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 3",
      "  MatMul (/l0/MatMul)",
      "  Add (/l0/Add)",
      "  Softmax (/l0/Softmax)",
      "2026-11-27 [V:onnxruntime:, session_state.cc:1282 VerifyEachNodeIsAssignedToAnEp]  Node(s) placed on [CPUExecutionProvider]. Number of nodes: 3",
      "2026-11-27 [V:onnxruntime:, session_state.cc:1386 VerifyEachNodeIsAssignedToAnEp]   Shape (/embeddings/Shape)",
      "  Erf (/l0/Erf)",
      "  Range (/l0/Range)",
      "2026-11-27 [V:onnxruntime:, session.cc:1 Other] next",
    ].join("\n");
    expect(parsePlacementLog(log)).toEqual({
      counts: { WebGpuExecutionProvider: 3, CPUExecutionProvider: 3 },
      cpuOps: { Shape: 1, Erf: 1, Range: 1 },
      forcedToCpu: 1,
      noGpuKernel: { Erf: 1 },
      unexplained: ["Range (/l0/Range)"],
    });
  });
});
