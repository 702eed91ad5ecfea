import { describe, expect, it } from "vitest";
import { base64Float32, float32FromBase64 } from "./encode";

describe("base64Float32", () => {
  it("writes little-endian float32: 1.0 is 00 00 80 3f", () => {
    expect(base64Float32(Float32Array.of(1))).toBe(Buffer.from([0, 0, 0x80, 0x3f]).toString("base64"));
  });

  it("round-trips exactly, as the openai SDK decodes it", () => {
    const row = Float32Array.from({ length: 384 }, (_, i) => Math.sin(i) / 7);
    expect(float32FromBase64(base64Float32(row))).toEqual(row);
  });
});
