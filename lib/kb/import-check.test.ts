import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { POOLINGS } from "../pooling/strategies";
import { checkImportEntries, checkImportPoolings, checkImportVectors } from "./import-check";
import { MAX_ENTRY_CHARS } from "./limits";

function refusal(check: () => void): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    return (error as AppError).message;
  }
  throw new Error("expected a refusal");
}

describe("checkImportPoolings", () => {
  it("takes every pooling in any order", () => {
    expect(() => checkImportPoolings([...POOLINGS].reverse())).not.toThrow();
  });

  it("refuses a file with only some poolings, naming the missing ones", () => {
    expect(refusal(() => checkImportPoolings(["cls"]))).toMatch(/^Cannot import: expected vectors for every pooling \(cls, mean, mean_content, last_token, max\), got cls; missing mean, mean_content, last_token, max\./);
  });

  it("refuses a pooling named twice", () => {
    expect(refusal(() => checkImportPoolings(["mean", "mean"]))).toMatch(/names the mean pooling more than once: expected each pooling once/);
  });
});

describe("checkImportEntries", () => {
  it("takes entries as cleaning leaves them, CJK and emoji included", () => {
    expect(() => checkImportEntries(["我饿了", "I am hungry 🙂", "x".repeat(MAX_ENTRY_CHARS)])).not.toThrow();
  });

  it.each([
    ["a blank entry", ["ok", "   "], /entry 1 is blank/],
    ["an empty entry", [""], /entry 0 is blank/],
    ["untrimmed white space", [" padded"], /entry 0 starts or ends with white space/],
    ["an entry of symbols only", ["---"], /entry 0 has no letter or digit/],
    ["a duplicate", ["a1", "b2", "a1"], /entry 2 repeats entry 0/],
    ["an entry over the length limit", ["ok", "y".repeat(1_000_000)], /entry 1 has 1,000,000 characters, over the 10,000 an entry is cut to/],
    ["a lone high surrogate", ["caf\uD800 menu"], /entry 0 holds a lone surrogate/],
    ["a lone low surrogate", ["menu \uDC00"], /entry 0 holds a lone surrogate/],
  ])("refuses %s", (_what, entries, message) => {
    const text = refusal(() => checkImportEntries(entries));
    expect(text).toMatch(message);
    expect(text).toMatch(/expected entries as the radar keeps them after cleaning\.$/);
  });
});

describe("checkImportEntries on a document's chunks", () => {
  it("lets chunks repeat and keep their white space, and still refuses a blank one or a lone surrogate", () => {
    expect(() => checkImportEntries(["Terms apply.", " Terms apply.\n", "Terms apply."], { chunks: true })).not.toThrow();
    expect(refusal(() => checkImportEntries(["ok", "  "], { chunks: true }))).toMatch(/entry 1 is blank/);
    expect(refusal(() => checkImportEntries(["caf\uD800"], { chunks: true }))).toMatch(/entry 0 holds a lone surrogate/);
  });
});

describe("checkImportVectors", () => {
  // Two rows of 2 dims: (0.6, 0.8) has length 1 exactly.
  it("takes unit rows", () => {
    expect(() => checkImportVectors("mean", new Float32Array([0.6, 0.8, 1, 0]), 2)).not.toThrow();
  });

  it.each([
    ["NaN", [0.6, 0.8, NaN, 0], /the mean vector of entry 1 holds NaN: expected finite numbers/],
    ["Infinity", [Infinity, 0, 1, 0], /the mean vector of entry 0 holds Infinity: expected finite numbers/],
    ["a row scaled x1000", [600, 800, 1, 0], /the mean vector of entry 0 has length 1000: expected unit vectors \(length 1\)/],
    ["a zero row", [0.6, 0.8, 0, 0], /the mean vector of entry 1 has length 0\.000: expected unit vectors/],
  ])("refuses %s", (_what, rows, message) => {
    expect(refusal(() => checkImportVectors("mean", new Float32Array(rows), 2))).toMatch(message);
  });
});
