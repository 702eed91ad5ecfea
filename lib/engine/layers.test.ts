// Layers on the real default model, through the worker as the server runs them: any layer pools as the last
// one does, the last layer is exactly what every earlier number came from, and the layer averages match an
// average computed here from the raw hidden states with plain loops (not the graph's nodes).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { pooledUnit } from "../pooling/attribution";
import { POOLINGS } from "../pooling/strategies";
import { getModelInfo, loadEngine } from "./index";
import { loadInThreadEngine } from "./in-thread-engine";
import { listModelsIn } from "./registry";
import type { EmbeddingEngine, TokenStates } from "./types";

const TEXTS = ["The cat sat on the mat.", "Swimming is fun", "A man is playing a guitar on the street."];
const DIMS = 384;
const row = (matrix: Float32Array, i: number) => matrix.subarray(i * DIMS, (i + 1) * DIMS);

/** Token by token, the average of two layers' hidden states of one text: plain loops. */
function averageStates(a: TokenStates, b: TokenStates): TokenStates {
  const hidden = new Float32Array(a.hidden.length);
  for (let i = 0; i < hidden.length; i++) hidden[i] = (a.hidden[i] + b.hidden[i]) / 2;
  return { ...a, hidden };
}

describe("layers of all-MiniLM-L6-v2 (6 encoder layers)", () => {
  let engine: EmbeddingEngine;
  beforeAll(async () => {
    engine = await loadEngine("all-MiniLM-L6-v2");
  });

  it("exposes layers 0 (embeddings) to 6", () => {
    expect(getModelInfo("all-MiniLM-L6-v2").numLayers).toBe(6);
    expect(engine.info.layers).toBe(7);
  });

  it("gives the last layer by number exactly as without one, and the sweep's last layer to float precision", async () => {
    const plain = await engine.embed(TEXTS);
    const numbered = await engine.embed(TEXTS, { layer: 6 });
    const sweep = await engine.embedLayers(TEXTS, { layers: [6, 0] });
    expect(Object.keys(sweep.layers).sort()).toEqual(["0", "6"]);
    for (const p of POOLINGS) {
      expect([...numbered.embeddings[p]!]).toEqual([...plain.embeddings[p]!]);
      sweep.layers["6"][p]!.forEach((x, i) => expect(x).toBeCloseTo(plain.embeddings[p]![i], 6));
    }
  });

  it("pools each layer's token states into the vectors embed() gives for that layer, every pooling", async () => {
    for (const layer of [0, 3] as const) {
      const states = await engine.tokenStates(TEXTS, { layer });
      const embedded = await engine.embed(TEXTS, { layer });
      const swept = await engine.embedLayers(TEXTS, { layers: [layer] });
      states.forEach((s, i) => {
        for (const p of POOLINGS) {
          expect(cosine(pooledUnit(s, p), row(embedded.embeddings[p]!, i)), `${layer} ${p}`).toBeGreaterThan(0.99999);
          expect(cosine(row(swept.layers[String(layer)][p]!, i), row(embedded.embeddings[p]!, i))).toBeGreaterThan(0.99999);
        }
      });
    }
  });

  it("averages layers 1 and 6 (first_last) and 5 and 6 (last_two) token by token before pooling", async () => {
    const [first, fifth, last] = await Promise.all([1, 5, 6].map((layer) => engine.tokenStates(TEXTS, { layer })));
    const swept = await engine.embedLayers(TEXTS, { layers: ["first_last", "last_two"] });
    const single = await engine.embed(TEXTS, { layer: "first_last", poolings: ["max"] });
    TEXTS.forEach((_, i) => {
      for (const p of POOLINGS) {
        expect(cosine(pooledUnit(averageStates(first[i], last[i]), p), row(swept.layers.first_last[p]!, i))).toBeGreaterThan(0.99999);
        expect(cosine(pooledUnit(averageStates(fifth[i], last[i]), p), row(swept.layers.last_two[p]!, i))).toBeGreaterThan(0.99999);
      }
      // max of the average is not the average of the maxes: the averaging happens before pooling
      expect(cosine(row(single.embeddings.max!, i), row(swept.layers.first_last.max!, i))).toBeGreaterThan(0.99999);
    });
  });

  it("embeds a text the same alone and inside a padded batch, at an inner layer", async () => {
    const batch = await engine.embedLayers(TEXTS, { layers: [2] });
    const alone = await engine.embedLayers([TEXTS[1]], { layers: [2] });
    for (const p of POOLINGS) expect(cosine(row(batch.layers["2"][p]!, 1), row(alone.layers["2"][p]!, 0))).toBeGreaterThan(0.99999);
  });

  it("has layers that differ from one another (layer 0 is not layer 6)", async () => {
    const swept = await engine.embedLayers([TEXTS[0]], { layers: [0, 6], poolings: ["mean"] });
    expect(cosine(swept.layers["0"].mean!, swept.layers["6"].mean!)).toBeLessThan(0.9);
  });

  it("refuses a layer the model does not have, saying which it has", async () => {
    await expect(engine.embed(TEXTS, { layer: 7 })).rejects.toThrow(/expected a layer from 0 to 6, "first_last" or "last_two" for all-MiniLM-L6-v2; got "7"/);
  });
});

describe("a graph whose layers cannot be found (the tiny encoder's exporter names no modules)", () => {
  it("pools its last layer and refuses any other, saying why", async () => {
    const engine = await loadInThreadEngine(listModelsIn(join(process.cwd(), "models", "tiny")).find((m) => m.id === "tiny-encoder")!, "cpu");
    expect(engine.info.layers).toBe(0);
    await expect(engine.embed(["hello"], { layer: engine.info.model.numLayers })).resolves.toMatchObject({ count: 1 });
    await expect(engine.embed(["hello"], { layer: 0 })).rejects.toThrow(/can pool only its last layer \(1\) here: its graph's layers could not be found/);
  });
});
