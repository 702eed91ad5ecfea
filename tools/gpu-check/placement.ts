/**
 * Where onnxruntime places each node of a graph on a device, and why the CPU ones went there: a session with
 * verbose logging runs one small batch; run.sh keeps the log and the report reads it (ort-profile.ts).
 */
import * as ort from "onnxruntime-node";
import { graphPath, type GRAPHS } from "./variants";

export async function placementPhase(work: string, device: "webgpu" | "cpu", graph: keyof typeof GRAPHS): Promise<void> {
  const session = await ort.InferenceSession.create(graphPath(work, graph), {
    executionProviders: [device],
    graphOptimizationLevel: "all",
    logSeverityLevel: 0,
    logVerbosityLevel: 0,
  });
  const [batch, seq] = [2, 4];
  const int64 = (values: number[]) => new ort.Tensor("int64", BigInt64Array.from(values, BigInt), [batch, seq]);
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64([101, 7592, 2088, 102, 101, 7592, 102, 0]),
    attention_mask: int64([1, 1, 1, 1, 1, 1, 1, 0]),
    token_type_ids: int64(Array(batch * seq).fill(0)),
  };
  if (session.inputNames.includes("pool_weights")) feeds.pool_weights = new ort.Tensor("float32", new Float32Array(batch * 4 * seq).fill(0.25), [batch, 4, seq]);
  const outputs = await session.run(feeds);
  console.log(`placement ${graph} on ${device}: ran, outputs ${Object.keys(outputs).join(", ")}`);
  await session.release();
}
