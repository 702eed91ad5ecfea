// The summary a GPU run will commit, written here from hand-made figures: verdicts at their bars, every section.
import { describe, expect, it } from "vitest";
import { cudaRatio, overallVerdict, parityVerdict, stsVerdict, summaryMarkdown, type CudaCheckResults } from "./summary";

const PARITY = { cls: 0.99999, mean: 0.999995, mean_content: 0.99998, last_token: 0.99997, max: 0.99991 };

function results(overrides: Partial<CudaCheckResults> = {}): CudaCheckResults {
  return {
    machine: "NVIDIA H100 80GB HBM3 (driver 580.159.04)",
    date: "2026-12-07",
    setup: ["libcublas.so.13: linked beside libonnxruntime.so.1 -> /opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib/libcublas.so.13 (the machine's)"],
    probe: { ok: true, placement: { CUDAExecutionProvider: 180, CPUExecutionProvider: 12 } },
    sts: [
      { model: "all-MiniLM-L6-v2", device: "cuda", graph: "fp32", pooling: "mean", score: 82.03 },
      { model: "bge-small-en-v1.5", device: "cuda", graph: "fp32", pooling: "cls", score: 85.87 },
    ],
    parity: [{ model: "random BERT", lowest: PARITY }],
    throughput: {
      texts: 2000,
      model: "random BERT",
      figures: [
        { path: "engine cuda", textsPerSecond: 27000 },
        { path: "engine webgpu", textsPerSecond: 7435 },
        { path: "engine cpu", textsPerSecond: 1234 },
        { path: "pytorch cuda e2e", textsPerSecond: 32327 },
      ],
    },
    qwen3: { skipped: "no Qwen3 builder in this tree yet" },
    ...overrides,
  };
}

describe("verdicts", () => {
  it("holds STS to the published figure within 0.01, on the model's native pooling", () => {
    expect(stsVerdict({ model: "all-MiniLM-L6-v2", device: "cuda", graph: "fp32", pooling: "mean", score: 82.04 })).toBe("pass");
    expect(stsVerdict({ model: "all-MiniLM-L6-v2", device: "cuda", graph: "fp32", pooling: "mean", score: 82.05 })).toBe("fail");
    expect(stsVerdict({ model: "bge-small-en-v1.5", device: "cuda", graph: "fp32", pooling: "cls", score: 85.85 })).toBe("pass");
    expect(stsVerdict({ model: "bge-small-en-v1.5", device: "cuda", graph: "fp32", pooling: "mean", score: 85.86 })).toBe("missing");
  });

  it("holds parity to a cosine above 0.9999 for every pooling", () => {
    expect(parityVerdict(PARITY)).toBe("pass");
    expect(parityVerdict({ ...PARITY, max: 0.9999 })).toBe("fail");
    expect(parityVerdict({})).toBe("missing");
  });

  it("is pass only when every part ran and met its bar", () => {
    expect(cudaRatio(results().throughput.figures)).toBeCloseTo(27000 / 32327, 6);
    expect(overallVerdict(results())).toBe("pass");
    const slow = results().throughput.figures.map((f) => (f.path === "engine cuda" ? { ...f, textsPerSecond: 20000 } : f));
    expect(overallVerdict(results({ throughput: { texts: 2000, model: "random BERT", figures: slow } }))).toBe("fail");
    expect(overallVerdict(results({ sts: results().sts.slice(0, 1) }))).toBe("missing");
    expect(overallVerdict(results({ probe: { ok: false, reason: "no CUDA device (cudaSetDevice: no CUDA-capable device is detected)" } }))).toBe("missing");
  });
});

describe("summaryMarkdown", () => {
  it("writes every section with its figures beside their bars", () => {
    const markdown = summaryMarkdown(results());
    expect(markdown).toContain("# CUDA check: NVIDIA H100 80GB HBM3 (driver 580.159.04), 2026-12-07\n\nVerdict: **pass**");
    expect(markdown).toContain("- probe: CUDA runs (180 on CUDAExecutionProvider, 12 on CPUExecutionProvider)");
    expect(markdown).toContain("| all-MiniLM-L6-v2 | mean | 82.03 | 82.03 | pass (fp32 on cuda) |");
    expect(markdown).toContain("| bge-small-en-v1.5 | cls | 85.87 | 85.86 | pass (fp32 on cuda) |");
    expect(markdown).toContain("| max | 0.999910 |");
    expect(markdown).toContain("## Throughput: 2,000 STS sentences, end to end (random BERT)");
    expect(markdown).toContain("| engine cuda | 27,000 | 0.84x |");
    expect(markdown).toContain("| engine webgpu | 7,435 | 0.23x |");
    expect(markdown).toContain("Target (>= 0.8x PyTorch CUDA): 0.84x, **met**");
    expect(markdown).toContain("skipped: no Qwen3 builder in this tree yet");
  });

  it("says why a part is missing rather than leaving it out", () => {
    const markdown = summaryMarkdown(
      results({
        probe: { ok: false, reason: "no NVIDIA driver: libcuda.so.1 not found" },
        sts: [],
        parity: [],
        throughput: { texts: 2000, model: "random BERT", figures: [{ path: "engine cuda", skipped: "no device could run the model" }, { path: "pytorch cuda e2e", skipped: "PyTorch sees no CUDA device here" }] },
      }),
    );
    expect(markdown).toContain("Verdict: **missing**");
    expect(markdown).toContain("- probe: CUDA cannot run: no NVIDIA driver: libcuda.so.1 not found");
    expect(markdown).toContain("| all-MiniLM-L6-v2 | mean | - | 82.03 | missing |");
    expect(markdown).toContain("missing: no CUDA and CPU vectors of the same texts");
    expect(markdown).toContain("| engine cuda | skipped: no device could run the model | |");
    expect(markdown).toContain("Target (>= 0.8x PyTorch CUDA): not measured");
  });
});
