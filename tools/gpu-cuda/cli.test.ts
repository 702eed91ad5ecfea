import { describe, expect, it } from "vitest";
import { DEFAULT_PASSES, parseCheckArgs } from "./cli";

describe("parseCheckArgs", () => {
  it("reads each phase's options", () => {
    expect(parseCheckArgs(["probe", "--work", "/w", "--model", "/m"])).toEqual({ phase: "probe", work: "/w", model: "/m" });
    expect(parseCheckArgs(["sts", "--work", "/w", "--model", "/s/bge-small-en-v1.5", "--device", "cuda"])).toEqual({ phase: "sts", work: "/w", model: "/s/bge-small-en-v1.5", device: "cuda" });
    expect(parseCheckArgs(["plan", "--work", "/w", "--model", "/m", "--texts", "2000"])).toEqual({ phase: "plan", work: "/w", model: "/m", texts: 2000 });
    expect(parseCheckArgs(["embed", "--work", "/w", "--model", "/m", "--device", "webgpu", "--label", "bert-webgpu"])).toEqual({
      phase: "embed", work: "/w", model: "/m", device: "webgpu", label: "bert-webgpu", passes: DEFAULT_PASSES,
    });
    expect(parseCheckArgs(["summary", "--work", "/w", "--out", "/r/summary.md", "--machine", "NVIDIA H100"])).toMatchObject({ machine: "NVIDIA H100" });
    expect(parseCheckArgs(["summary", "--work", "/w", "--out", "/r/s.md"])).toMatchObject({ machine: "unknown machine" });
  });

  it("names what it expected and what it got", () => {
    expect(() => parseCheckArgs([])).toThrow('expected a phase (probe, sts, plan, embed, summary), got nothing');
    expect(() => parseCheckArgs(["report", "--work", "/w"])).toThrow('expected a phase (probe, sts, plan, embed, summary), got "report"');
    expect(() => parseCheckArgs(["probe", "--model", "/m"])).toThrow("probe expects --work");
    expect(() => parseCheckArgs(["sts", "--work", "/w", "--model", "/s", "--device", "webgpu"])).toThrow('expected --device cuda|cpu, got "webgpu"');
    expect(() => parseCheckArgs(["plan", "--work", "/w", "--model", "/m", "--texts", "0"])).toThrow('expected --texts to be a whole number from 1, got "0"');
    expect(() => parseCheckArgs(["plan", "--work", "/w", "--model", "/m"])).toThrow("expected --texts to be a whole number from 1, got nothing");
    expect(() => parseCheckArgs(["embed", "--work", "/w", "--model", "/m", "--device", "cuda", "--label", "Bert CUDA"])).toThrow(/expected --label of lowercase letters, digits and dashes .*got "Bert CUDA"/);
    expect(() => parseCheckArgs(["embed", "--work", "/w", "--model", "/m", "--device", "cuda", "--label", "x", "--passes", "2.5"])).toThrow(/--passes to be a whole number/);
    expect(() => parseCheckArgs(["probe", "--work", "/w", "--model", "/m", "--gpu", "h100"])).toThrow(/Unknown option '--gpu'/);
  });
});
