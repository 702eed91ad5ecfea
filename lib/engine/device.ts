import { config } from "../config";
import { AppError } from "../errors";
import type { Device, DeviceChoice, Graph, SkippedDevice } from "./types";

/** `auto` tries the GPUs first: CUDA (when its provider is installed), then WebGPU (Dawn over Vulkan), then CPU. */
export const AUTO_ORDER: readonly Device[] = ["cuda", "webgpu", "cpu"];

/**
 * Per device attempt. A GPU attempt first probes the provider in a child process (session.ts), which has its
 * own shorter limit; this one guards everything else, so it is longer and its message is the rarer one.
 */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 60_000;

/** The device the server was asked to use (SEMANTIC_RADAR_DEVICE, checked by lib/config.ts). */
export function deviceChoiceFromEnv(): DeviceChoice {
  return config().device;
}

/**
 * The graph to load on a device. int8 graphs are for the CPU (their integer kernels are CPU kernels; a GPU
 * provider would hand them back to the CPU op by op and still be called "GPU"); a GPU takes fp16, else fp32.
 * An explicit request wins when the folder has it and the device can run it. A device with no usable graph is
 * "device_unavailable", so `auto` moves on to the next device.
 */
export function chooseGraph(available: readonly Graph[], device: Device, requested?: Graph): Graph {
  if (requested) {
    if (!available.includes(requested)) {
      throw new AppError("invalid_input", `graph "${requested}" is not in this model folder; it has: ${available.join(", ") || "none"}`);
    }
    if (requested === "int8" && device !== "cpu") {
      throw new AppError("device_unavailable", `the int8 graph runs on the CPU only; ${device} takes fp16 or fp32`);
    }
    return requested;
  }
  const preference: Graph[] = device === "cpu" ? ["fp32", "int8", "fp16"] : ["fp16", "fp32"];
  const graph = preference.find((g) => available.includes(g));
  if (!graph) throw new AppError("device_unavailable", `no graph usable on ${device}: expected one of ${preference.join(", ")}, found ${available.join(", ") || "none"}`);
  return graph;
}

class AttemptTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].slice(0, 300);
}

export interface DeviceSelection<T> {
  value: T;
  device: Device;
  skipped: SkippedDevice[];
}

export interface SelectDeviceOptions<T> {
  /** Per attempt, in ms. @default DEFAULT_ATTEMPT_TIMEOUT_MS */
  timeoutMs?: number;
  /** Frees what a timed-out attempt produced when it arrives late (a session nobody will use). */
  release?: (value: T) => unknown;
}

/**
 * Starts `start(device, signal)` on the first device that works. With `auto` a failing or hanging provider is
 * skipped with its reason; an explicitly chosen device that fails is an error (the user asked for it by name).
 * A timed-out attempt is abandoned: its signal is aborted and whatever it yields later is released.
 */
export async function selectDevice<T>(
  choice: DeviceChoice,
  start: (device: Device, signal: AbortSignal) => Promise<T>,
  options: SelectDeviceOptions<T> = {},
): Promise<DeviceSelection<T>> {
  const { timeoutMs = DEFAULT_ATTEMPT_TIMEOUT_MS, release } = options;
  const order = choice === "auto" ? AUTO_ORDER : [choice];
  const skipped: SkippedDevice[] = [];
  for (const device of order) {
    const controller = new AbortController();
    // Promise.resolve().then: a start that throws synchronously fails its attempt instead of escaping.
    const attempt = Promise.resolve().then(() => start(device, controller.signal));
    try {
      const value = await withTimeout(attempt, timeoutMs, `the ${device} provider`);
      return { value, device, skipped };
    } catch (error) {
      if (error instanceof AttemptTimeout) {
        controller.abort(error);
        attempt.then((late) => release?.(late)).catch(() => undefined);
      }
      // A broken model folder or a bad request fails on every device: say so rather than blame the devices.
      if (error instanceof AppError && error.code !== "device_unavailable") throw error;
      skipped.push({ device, reason: reasonOf(error) });
    }
  }
  const reasons = skipped.map((s) => `${s.device}: ${s.reason}`).join("; ");
  throw new AppError("device_unavailable", `no device could run the model (tried ${order.join(", ")}). ${reasons}`, { skipped });
}
