// The PyTorch side of the engine benchmark: transformers on PyTorch CPU (scripts/qwen3/bench-torch.py), run on
// the same folder and texts in its own process. Only where the folder has model.safetensors (the weights PyTorch
// loads; scripts/qwen3/make-0.6b.py writes them) and a Python with torch and transformers is at hand.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../../lib/errors";

/** Where scripts/qwen3/requirements.txt is installed (docs/qwen3.md); QWEN3_PYTHON overrides. */
const DEFAULT_PYTHON = "/work/venvs/qwen3/bin/python";
const SCRIPT = join(process.cwd(), "scripts", "qwen3", "bench-torch.py");

export interface TorchFigures {
  texts_per_s: number;
  query_ms_median: number;
  threads: number;
  load_s: number;
  peak_rss_mib: number;
  versions: Record<string, string>;
  /** The first corpus vectors, L2-normalised, to check agreement with the other sides. */
  vectors: number[][];
}

/** Why PyTorch cannot run here, or undefined when it can. */
export function torchUnavailable(modelDir: string, python = process.env.QWEN3_PYTHON ?? DEFAULT_PYTHON): string | undefined {
  if (!existsSync(join(modelDir, "model.safetensors"))) return `${modelDir} has no model.safetensors for PyTorch to load`;
  if (!existsSync(python)) return `no Python with torch at ${python} (set QWEN3_PYTHON; docs/qwen3.md says how to install one)`;
  return undefined;
}

export function runTorchSide(modelDir: string, texts: { corpus: string[]; queries: string[] }, options: { rounds: number; pooling: "mean" | "last_token"; threads?: number }): TorchFigures {
  const python = process.env.QWEN3_PYTHON ?? DEFAULT_PYTHON;
  const work = mkdtempSync(join(tmpdir(), "bench-torch-"));
  try {
    writeFileSync(join(work, "texts.json"), JSON.stringify(texts));
    const args = [SCRIPT, "--model", modelDir, "--texts", join(work, "texts.json"), "--rounds", String(options.rounds), "--pooling", options.pooling, "--vectors", join(work, "vectors.json"), "--json"];
    if (options.threads) args.push("--threads", String(options.threads));
    const result = spawnSync(python, args, { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
    if (result.status !== 0) throw new AppError("internal", `bench-torch.py failed (exit ${result.status}): ${(result.stderr || String(result.error)).trim().split("\n").slice(-5).join(" | ")}`);
    const figures = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Omit<TorchFigures, "vectors">;
    return { ...figures, vectors: JSON.parse(readFileSync(join(work, "vectors.json"), "utf8")) as number[][] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
