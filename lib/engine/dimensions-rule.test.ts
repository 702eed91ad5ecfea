import { describe, expect, it } from "vitest";
import { checkDimensions } from "./dimensions-rule";

describe("checkDimensions", () => {
  const mrl = { id: "qwen3-like", hiddenSize: 1024, matryoshka: { min: 32 } };
  const plain = { id: "minilm", hiddenSize: 384 };

  it("accepts any cut from a Matryoshka model's declared minimum to its full size, under either rule", () => {
    for (const undeclared of ["refuse", "cut"] as const) for (const d of [32, 100, 1024]) expect(() => checkDimensions(mrl, d, undeclared)).not.toThrow();
  });

  it("refuses a cut below the declared minimum, naming the range", () => {
    expect(() => checkDimensions(mrl, 16, "cut")).toThrow(/`dimensions`: expected an integer from 32 to 1024 \(the Matryoshka cuts qwen3-like's card declares\), got 16\./);
  });

  it("refuses more than the full size for every model", () => {
    expect(() => checkDimensions(plain, 385, "cut")).toThrow(/expected at most 384 \(the size of minilm's vectors\), got 385/);
    expect(() => checkDimensions(mrl, 2048, "refuse")).toThrow(/expected at most 1024/);
  });

  it("under refuse (OpenAI), refuses any cut of a model without Matryoshka but accepts its full size", () => {
    expect(() => checkDimensions(plain, 64, "refuse")).toThrow(/minilm does not declare Matryoshka \(MRL\) training, so its vectors are not cut: leave `dimensions` out or send 384, got 64/);
    expect(() => checkDimensions(plain, 384, "refuse")).not.toThrow();
  });

  it("under cut (TEI), cuts a model without Matryoshka anywhere from 1 to its full size", () => {
    for (const d of [1, 8, 383]) expect(() => checkDimensions(plain, d, "cut")).not.toThrow();
  });

  it("answers a 4xx code, not an internal error", () => {
    expect(() => checkDimensions(plain, 64, "refuse")).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });
});
