/** Files the GPU check's phases hand each other inside the work folder (run.sh creates it). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const MODEL_ID = "random-bert-minilm-l6-architecture";

export const workPaths = (work: string) => ({
  model: join(work, "model"),
  modelGraph: join(work, "model", "onnx", "model.onnx"),
  texts: join(work, "texts.json"),
  plan: join(work, "plan.json"),
  devices: join(work, "devices.json"),
  embed: (device: string) => join(work, `embed-${device}.json`),
  vectors: (source: string, pooling: string) => join(work, `vectors-${source}-${pooling}.f32`),
  torch: join(work, "torch.json"),
  modelReport: join(work, "model.json"),
  vulkan: join(work, "vulkan.json"),
  gpuName: join(work, "gpu.txt"),
  gpuSamples: (device: string) => join(work, `gpu-samples-${device}.csv`),
});

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function readJsonIfAny<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    console.error(`could not read ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

export function readTextIfAny(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** Raw little-endian float32, the layout numpy's tofile/fromfile uses, so Python and Node read each other's. */
export function writeF32(path: string, values: Float32Array): void {
  writeFileSync(path, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
}

export function readF32IfAny(path: string): Float32Array | undefined {
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Runs `work` and measures it in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}
