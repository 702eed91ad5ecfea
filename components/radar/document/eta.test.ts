import { describe, expect, it } from "vitest";
import { secondsLeft } from "./eta";

describe("secondsLeft", () => {
  it("divides what is left by the rate since the first event of this run", () => {
    // 200 entries in 4 s: 50 a second; 600 left: 12 s.
    expect(secondsLeft({ at: 1_000, done: 200 }, { at: 5_000, done: 400 }, 1_000)).toBeCloseTo(12, 9);
  });

  it("says nothing before there is a rate", () => {
    expect(secondsLeft(null, { at: 5, done: 10 }, 100)).toBeNull();
    expect(secondsLeft({ at: 5, done: 10 }, { at: 9, done: 10 }, 100)).toBeNull();
  });
});
