// The last step of `npm run gpu:setup`: the engine's own CUDA probe (a child process that loads the linked CUDA
// libraries and runs the tiny test encoder on the CUDA provider), printed as one verdict line.
import { join } from "node:path";
import { probeProvider } from "../../lib/engine/provider-probe";

const MODEL = join(process.cwd(), "models", "tiny", "tiny-encoder", "onnx", "model.onnx");

const report = await probeProvider(MODEL, "cuda");
if (report.ok) {
  const nodes = Object.entries(report.placement).map(([provider, n]) => `${n} on ${provider}`).join(", ");
  console.log(`[gpu-setup] probe: CUDA runs (${nodes || "placement not logged"}); SEMANTIC_RADAR_DEVICE=cuda or auto will use it`);
} else {
  console.log(`[gpu-setup] probe: CUDA cannot run here: ${report.reason}`);
}
