import { describe, expect, it } from "vitest";
import { allLayers, isLastLayer, layerKey, layerLabel, parseLayer } from "./layers";

describe("layers", () => {
  it("lists 0..n then the averages", () => {
    expect(allLayers(2)).toEqual([0, 1, 2, "first_last", "last_two"]);
    expect(allLayers(2).map(layerKey)).toEqual(["0", "1", "2", "first_last", "last_two"]);
  });

  it("treats an absent layer and n as the last one", () => {
    expect(isLastLayer(undefined, 6)).toBe(true);
    expect(isLastLayer(6, 6)).toBe(true);
    expect(isLastLayer(5, 6)).toBe(false);
    expect(isLastLayer("last_two", 6)).toBe(false);
  });

  it("parses numbers, digit strings, last and the averages", () => {
    expect(parseLayer(3, 6)).toBe(3);
    expect(parseLayer("0", 6)).toBe(0);
    expect(parseLayer("last", 6)).toBe(6);
    expect(parseLayer("first_last", 6)).toBe("first_last");
  });

  it("refuses anything else, saying what it expected and what it got", () => {
    expect(() => parseLayer(7, 6)).toThrow(/expected a layer from 0 \(embeddings\) to 6 \(last\), "first_last" or "last_two"; got 7/);
    expect(() => parseLayer(-1, 6)).toThrow(/got -1/);
    expect(() => parseLayer("2.5", 6)).toThrow(/got "2.5"/);
    expect(() => parseLayer(null, 6)).toThrow(/got null/);
  });

  it("labels layers for people", () => {
    expect(layerLabel(0, 6)).toBe("layer 0 (embeddings)");
    expect(layerLabel(6, 6)).toBe("layer 6 (last)");
    expect(layerLabel(3, 6)).toBe("layer 3");
    expect(layerLabel("first_last", 6)).toBe("first-last average (layers 1 + 6)");
    expect(layerLabel("last_two", 6)).toBe("last-two average (layers 5 + 6)");
  });
});
