/** The layer sweep on the real default model, on a few STS-B pairs (the full set is `npm run lab -- layers`). */
import { beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../engine";
import { loadStsDataset } from "../eval/sts-data";
import { POOLINGS } from "../pooling/strategies";
import { toLayersMarkdown } from "./layer-markdown";
import { pairSpearman } from "./layer-metrics";
import { indexPairs, sweepLayers, toLayersJson, type LayerSweep } from "./layer-sweep";
import { articleScenarios } from "./scenarios";

const PAIRS = loadStsDataset("stsb-en").slice(0, 40);
let sweep: LayerSweep;

beforeAll(async () => {
  const engine = await loadEngine("all-MiniLM-L6-v2");
  sweep = await sweepLayers(engine, PAIRS, { dataset: "stsb-en", scenarios: articleScenarios("en"), anisotropyPairs: 500 });
}, 600_000);

describe("sweepLayers on all-MiniLM-L6-v2", () => {
  it("prints exactly the JSON shape `npm run lab -- layers --json` promises, layers 0..n", () => {
    const json = toLayersJson(sweep);
    expect(Object.keys(json)).toEqual(["model", "dataset", "layers", "spearman", "first_last", "whitened", "anisotropy", "precision"]);
    expect(json).toMatchObject({ model: "all-MiniLM-L6-v2", dataset: "stsb-en", layers: 6 });
    const numbered = ["0", "1", "2", "3", "4", "5", "6"];
    for (const grid of [json.spearman, json.whitened, json.anisotropy]) {
      expect(Object.keys(grid)).toEqual(numbered);
      for (const key of numbered) expect(Object.keys(grid[key])).toEqual([...POOLINGS]);
    }
    expect(Object.keys(json.first_last)).toEqual([...POOLINGS]);
    expect(Object.keys(json.precision)).toEqual(["float32", "int8", "binary"]);
    expect(Object.values(json.spearman).flatMap((cells) => Object.values(cells)).every(Number.isFinite)).toBe(true);
  });

  it("scores the last layer with no correction exactly as the engine's default vectors score", async () => {
    const engine = await loadEngine("all-MiniLM-L6-v2");
    const { sentences, indexed } = indexPairs(PAIRS);
    const plain = await engine.embed(sentences, { poolings: ["mean", "cls"] });
    expect(sweep.spearman["6"].mean).toBeCloseTo(pairSpearman(plain.embeddings.mean!, plain.dims, indexed), 6);
    expect(sweep.spearman["6"].cls).toBeCloseTo(pairSpearman(plain.embeddings.cls!, plain.dims, indexed), 6);
    expect(sweep.precision.float32.mean).toBe(sweep.spearman["6"].mean);
  });

  it("finds the embedding layer's [CLS] one vector for every sentence: no ranking, and anisotropy 1", () => {
    expect(sweep.spearman["0"].cls).toBe(0);
    expect(sweep.anisotropy["0"].cls).toBeCloseTo(1, 5);
  });

  it("scores the article's scenarios on every layer and both averages, and writes markdown tables of it all", () => {
    expect(Object.keys(sweep.scenarios!.averageDelta)).toEqual(["0", "1", "2", "3", "4", "5", "6", "first_last", "last_two"]);
    expect(sweep.scenarios!.ordered["6"].mean).toBeLessThanOrEqual(8);
    const markdown = toLayersMarkdown(sweep);
    expect(markdown).toMatch(/whitened/);
    expect(markdown).toMatch(/first-last average \(layers 1 \+ 6\)/);
    expect(markdown).toMatch(/scenarios: average delta/);
  });
});
