import { describe, expect, it } from "vitest";
import { ordinal } from "./ordinal";

describe("ordinal", () => {
  it("gives English suffixes by the ordinal rules, teens included", () => {
    const cases: [number, string][] = [
      [0, "0th"], [1, "1st"], [2, "2nd"], [3, "3rd"], [4, "4th"], [11, "11th"], [12, "12th"], [13, "13th"],
      [21, "21st"], [22, "22nd"], [23, "23rd"], [91, "91st"], [99, "99th"], [101, "101st"], [111, "111th"], [112, "112th"],
    ];
    for (const [n, text] of cases) expect(ordinal(n, "en")).toBe(text);
  });

  it("writes Chinese ordinals with 第, never a suffix", () => {
    expect(ordinal(22, "zh")).toBe("第 22");
    expect(ordinal(1, "zh")).toBe("第 1");
  });
});
