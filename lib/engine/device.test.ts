// Device choice, graph precision and fallback, with injected provider starts (no GPU, no onnxruntime).
import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { AUTO_ORDER, chooseGraph, selectDevice } from "./device";
import type { Device } from "./types";

/** A start function that plays each device's part: a value, a throw, or a hang. */
function provider(parts: Partial<Record<Device, () => Promise<string>>>) {
  const tried: Device[] = [];
  const signals: Partial<Record<Device, AbortSignal>> = {};
  const start = (device: Device, signal: AbortSignal) => {
    tried.push(device);
    signals[device] = signal;
    const part = parts[device];
    if (!part) throw new Error(`${device} is not scripted`);
    return part();
  };
  return { start, tried, signals };
}

const hang = () => new Promise<string>(() => undefined);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("chooseGraph", () => {
  it("gives the CPU fp32 first, else int8", () => {
    expect(chooseGraph(["fp32", "int8"], "cpu")).toBe("fp32");
    expect(chooseGraph(["int8"], "cpu")).toBe("int8");
  });

  it("gives a GPU fp16 first, else fp32, never int8", () => {
    for (const gpu of ["webgpu", "cuda"] as const) {
      expect(chooseGraph(["fp32", "fp16", "int8"], gpu)).toBe("fp16");
      expect(chooseGraph(["fp32", "int8"], gpu)).toBe("fp32");
    }
  });

  it("fails a GPU that has only an int8 graph as unavailable, so auto moves on", () => {
    expect(() => chooseGraph(["int8"], "webgpu")).toThrow(/^no graph usable on webgpu: expected one of fp16, fp32, found int8$/);
    expect(() => chooseGraph([], "cuda")).toThrow(expect.objectContaining({ code: "device_unavailable", message: expect.stringMatching(/found none$/) }));
  });

  it("honours an explicit graph the folder has", () => {
    expect(chooseGraph(["fp32", "int8"], "cpu", "int8")).toBe("int8");
    expect(chooseGraph(["fp32", "fp16"], "webgpu", "fp32")).toBe("fp32");
  });

  it("says clearly when an explicit graph is missing", () => {
    expect(() => chooseGraph(["fp32", "int8"], "cpu", "fp16")).toThrow(/^graph "fp16" is not in this model folder; it has: fp32, int8$/);
    expect(() => chooseGraph(["fp32", "int8"], "cpu", "fp16")).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });

  it("refuses an explicit int8 graph on a GPU", () => {
    expect(() => chooseGraph(["fp32", "int8"], "webgpu", "int8")).toThrow(/^the int8 graph runs on the CPU only; webgpu takes fp16 or fp32$/);
  });
});

describe("selectDevice", () => {
  it("auto tries cuda, then webgpu, then cpu", () => {
    expect(AUTO_ORDER).toEqual(["cuda", "webgpu", "cpu"]);
  });

  it("auto skips a provider that throws and one that rejects, with their reasons", async () => {
    const { start, tried } = provider({
      cuda: () => Promise.reject(new Error("provider not installed\nsecond line is dropped")),
      webgpu: () => {
        throw new AppError("device_unavailable", "no WebGPU adapter");
      },
      cpu: async () => "cpu session",
    });
    const selection = await selectDevice("auto", start);
    expect(tried).toEqual(["cuda", "webgpu", "cpu"]);
    expect(selection).toEqual({
      value: "cpu session",
      device: "cpu",
      skipped: [
        { device: "cuda", reason: "provider not installed" },
        { device: "webgpu", reason: "no WebGPU adapter" },
      ],
    });
  });

  it("auto abandons a provider that hangs past its timeout and aborts its signal", async () => {
    const { start, signals } = provider({ cuda: hang, webgpu: hang, cpu: async () => "cpu session" });
    const selection = await selectDevice("auto", start, { timeoutMs: 20 });
    expect(selection.device).toBe("cpu");
    expect(selection.skipped.map((s) => s.reason)).toEqual(["the cuda provider did not answer within 20 ms", "the webgpu provider did not answer within 20 ms"]);
    expect(signals.cuda?.aborted).toBe(true);
    expect(signals.webgpu?.aborted).toBe(true);
    expect(signals.cpu?.aborted).toBe(false);
  });

  it("releases what a timed-out attempt yields when it finally arrives", async () => {
    let arrive: (value: string) => void = () => undefined;
    const late = new Promise<string>((resolve) => (arrive = resolve));
    const release = vi.fn();
    const { start } = provider({ cuda: () => late, webgpu: async () => "webgpu session" });
    const selection = await selectDevice("auto", start, { timeoutMs: 20, release });
    expect(selection.value).toBe("webgpu session");
    expect(release).not.toHaveBeenCalled();
    arrive("late cuda session");
    await vi.waitFor(() => expect(release).toHaveBeenCalledWith("late cuda session"));
  });

  it("an explicitly chosen device that fails is device_unavailable, naming the reason, with no fallback", async () => {
    const { start, tried } = provider({ webgpu: () => Promise.reject(new Error("no WebGPU adapter: the Vulkan loader is missing")), cpu: async () => "cpu" });
    const error = await rejection(selectDevice("webgpu", start));
    expect(tried).toEqual(["webgpu"]);
    expect(error.code).toBe("device_unavailable");
    expect(error.message).toMatch(/^no device could run the model \(tried webgpu\)\. webgpu: no WebGPU adapter: the Vulkan loader is missing$/);
    expect(error.details).toEqual({ skipped: [{ device: "webgpu", reason: "no WebGPU adapter: the Vulkan loader is missing" }] });
  });

  it("an explicitly chosen device that hangs fails with the timeout as its reason", async () => {
    const { start } = provider({ cuda: hang });
    const error = await rejection(selectDevice("cuda", start, { timeoutMs: 20 }));
    expect(error.message).toMatch(/cuda: the cuda provider did not answer within 20 ms$/);
  });

  it("a corrupt model short-circuits: no other device is tried, the error is not blamed on devices", async () => {
    const corrupt = new AppError("model_corrupt", "could not load model.onnx: protobuf parsing failed");
    const { start, tried } = provider({ cuda: () => Promise.reject(corrupt), webgpu: async () => "x", cpu: async () => "x" });
    await expect(selectDevice("auto", start)).rejects.toBe(corrupt);
    expect(tried).toEqual(["cuda"]);
  });

  it("auto with every device failing lists each reason", async () => {
    const fail = (why: string) => () => Promise.reject(new Error(why));
    const { start } = provider({ cuda: fail("a"), webgpu: fail("b"), cpu: fail("c") });
    const error = await rejection(selectDevice("auto", start));
    expect(error.message).toBe("no device could run the model (tried cuda, webgpu, cpu). cuda: a; webgpu: b; cpu: c");
  });
});
