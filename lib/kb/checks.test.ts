import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { requirePoolings, requireQuery } from "./checks";

describe("requirePoolings", () => {
  it("accepts known poolings and drops repeats", () => {
    expect(requirePoolings(["cls", "mean", "cls"])).toEqual(["cls", "mean"]);
  });

  it("names the unknown ones and lists the valid ones", () => {
    try {
      requirePoolings(["cls", "avg", "first"]);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe("unknown_pooling");
      expect((error as AppError).message).toMatch(
        /Unknown pooling "avg" \(string\), "first" \(string\): expected one of cls, mean, mean_content, last_token, max\./,
      );
    }
  });
});

describe("requireQuery", () => {
  it("trims the query", () => {
    expect(requireQuery("  我饿了 ")).toBe("我饿了");
  });

  it("refuses a query of only invisible characters (zero-width space, BOM, direction marks)", () => {
    expect(() => requireQuery("\u200b\u200b\ufeff\u200e")).toThrow(/The query is empty: .*invisible characters/);
    expect(requireQuery("\u200bcat")).toBe("\u200bcat");
  });

  it("refuses a blank query with empty_input", () => {
    expect(() => requireQuery(" \n ")).toThrow(/The query is empty: expected some text to search for, got only whitespace/);
  });
});
