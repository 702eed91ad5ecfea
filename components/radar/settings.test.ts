import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, parseSettings, serializeSettings, topKProblem } from "./settings";

describe("parseSettings", () => {
  it("gives the defaults (0.4 threshold, top 10, the English example) when nothing is stored", () => {
    const settings = parseSettings(null);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.threshold).toBe(0.4);
    expect(settings.topK).toBe(10);
    expect(settings.kbText.split("\n")).toHaveLength(24);
  });

  it("round-trips what it serializes", () => {
    const saved = { ...DEFAULT_SETTINGS, kbText: "a\nb", query: "q", model: "bge-small-zh-v1.5", view: "side_by_side" as const, threshold: 0.55, topK: 3 };
    expect(parseSettings(serializeSettings(saved))).toEqual(saved);
  });

  it("falls back field by field: a bad value loses only itself, never the knowledge base", () => {
    const stored = JSON.stringify({ kbText: "my own entries", topK: 0, threshold: "high", view: "diagonal", compare: ["cls"] });
    const settings = parseSettings(stored);
    expect(settings.kbText).toBe("my own entries");
    expect(settings.topK).toBe(DEFAULT_SETTINGS.topK);
    expect(settings.threshold).toBe(DEFAULT_SETTINGS.threshold);
    expect(settings.view).toBeNull();
    expect(settings.compare).toEqual(DEFAULT_SETTINGS.compare);
  });

  it("survives corrupt JSON and non-objects", () => {
    expect(parseSettings("{not json")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("42")).toEqual(DEFAULT_SETTINGS);
  });
});

describe("topKProblem", () => {
  it("accepts whole numbers from 1 to 100", () => {
    for (const text of ["1", "10", "100", " 7 "]) expect(topKProblem(text)).toBeNull();
  });

  it("says what is wrong with an empty, fractional or out-of-range value", () => {
    expect(topKProblem("")).toMatch(/^Type a number\. Top-k is a whole number from 1 to 100\.$/);
    expect(topKProblem("2.5")).toMatch(/^2\.5 is not a whole number\./);
    expect(topKProblem("0")).toMatch(/^0 is out of range\. Top-k is a whole number from 1 to 100\.$/);
    expect(topKProblem("500")).toMatch(/^500 is out of range\./);
    expect(topKProblem("abc")).toMatch(/is not a whole number/);
  });
});
