import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, dimensionsFor, parseSettings, serializeSettings, topKProblem } from "./settings";

describe("parseSettings", () => {
  it("gives the defaults (0.4 threshold, top 10, the English example) when nothing is stored", () => {
    const settings = parseSettings(null);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.threshold).toBe(0.4);
    expect(settings.topK).toBe(10);
    expect(settings.kbText.split("\n")).toHaveLength(24);
  });

  it("round-trips what it serializes, leaving the knowledge base to IndexedDB", () => {
    const saved = { ...DEFAULT_SETTINGS, kbText: "a\nb", query: "q", model: "bge-small-zh-v1.5", view: "side_by_side" as const, threshold: 0.55, topK: 3 };
    expect(serializeSettings(saved)).not.toContain("a\\nb");
    expect(parseSettings(serializeSettings(saved))).toEqual({ ...saved, kbText: DEFAULT_SETTINGS.kbText });
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

  it("tells an empty, a fractional and an out-of-range value apart", () => {
    expect(topKProblem("")).toBe("empty");
    expect(topKProblem("2.5")).toBe("not-whole");
    expect(topKProblem("abc")).toBe("not-whole");
    expect(topKProblem("0")).toBe("out-of-range");
    expect(topKProblem("500")).toBe("out-of-range");
  });
});

describe("dimensionsFor", () => {
  const mrl = { hiddenSize: 1024, matryoshka: { min: 32, sizes: [32, 64, 128, 256, 512, 1024] } };

  it("uses the chosen cut on a model that offers it", () => {
    expect(dimensionsFor(128, mrl)).toBe(128);
  });

  it("uses every dimension when none is chosen, the full size is chosen, or the model does not offer the cut", () => {
    expect(dimensionsFor(null, mrl)).toBeUndefined();
    expect(dimensionsFor(1024, mrl)).toBeUndefined();
    expect(dimensionsFor(100, mrl)).toBeUndefined();
    expect(dimensionsFor(128, { hiddenSize: 384 })).toBeUndefined();
    expect(dimensionsFor(128, undefined)).toBeUndefined();
  });

  it("is kept with the settings, and a bad stored value falls back to every dimension", () => {
    expect(parseSettings(serializeSettings({ ...DEFAULT_SETTINGS, dimensions: 256 })).dimensions).toBe(256);
    expect(parseSettings(JSON.stringify({ dimensions: -3 })).dimensions).toBeNull();
    expect(DEFAULT_SETTINGS.dimensions).toBeNull();
  });
});
