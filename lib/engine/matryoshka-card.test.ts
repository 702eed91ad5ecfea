import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { matryoshkaOf } from "./matryoshka-card";
import { describeModel } from "./registry";

// The loss block sentence-transformers writes into the card of a model trained with MatryoshkaLoss.
const ST_CARD = `### Training Details\n[MatryoshkaLoss](https://sbert.net/docs/package_reference/sentence_transformer/losses.html#matryoshkaloss) with these parameters:\n\`\`\`json\n{\n    "loss": "MultipleNegativesRankingLoss",\n    "matryoshka_dims": [\n        768,\n        512,\n        256,\n        128,\n        64\n    ],\n    "matryoshka_weights": [1, 1, 1, 1, 1]\n}\n\`\`\``;
const QWEN3_CARD = "- Embedding Dimension: Up to 1024, supports user-defined output dimensions ranging from 32 to 1024";

describe("matryoshkaOf", () => {
  it("reads our semantic_radar.json: a minimum, or the listed sizes", () => {
    expect(matryoshkaOf({ ours: { min: 32 } }, 1024)).toEqual({ min: 32, sizes: [32, 64, 128, 256, 512, 1024] });
    expect(matryoshkaOf({ ours: { sizes: [256, 64, 128] } }, 384)).toEqual({ min: 64, sizes: [64, 128, 256, 384] });
    expect(matryoshkaOf({ ours: {} }, 384)).toEqual({ min: 32, sizes: [32, 64, 128, 256, 384] });
  });

  it("reads a sentence-transformers card's matryoshka_dims and the Qwen3-Embedding card's range", () => {
    expect(matryoshkaOf({ card: ST_CARD }, 768)).toEqual({ min: 64, sizes: [64, 128, 256, 512, 768] });
    expect(matryoshkaOf({ card: QWEN3_CARD }, 1024)).toEqual({ min: 32, sizes: [32, 64, 128, 256, 512, 1024] });
  });

  it("declares nothing for a card that says nothing, and our file's false overrides a card", () => {
    expect(matryoshkaOf({ card: "# all-MiniLM-L6-v2\nmean pooling" }, 384)).toBeUndefined();
    expect(matryoshkaOf({}, 384)).toBeUndefined();
    expect(matryoshkaOf({ ours: false, card: QWEN3_CARD }, 1024)).toBeUndefined();
  });

  it("leaves only the full size when the declared minimum exceeds a toy's hidden size", () => {
    expect(matryoshkaOf({ card: QWEN3_CARD }, 16)).toEqual({ min: 16, sizes: [16] });
  });

  it.each([[7], ["32"], [{ min: 0 }], [{ min: 2.5 }], [{ sizes: [] }], [{ sizes: [64, "x"] }]])("refuses a malformed declaration %j, saying the shape", (ours) => {
    expect(() => matryoshkaOf({ ours }, 384)).toThrow(/semantic_radar\.json: expected `matryoshka` as \{"min"\?: an integer >= 1/);
  });
});

describe("the registry's ModelInfo.matryoshka", () => {
  /** The 8-wide tiny encoder's folder, with extra files written into a copy. */
  function folder(files: Record<string, string>): string {
    const dir = join(mkdtempSync(join(tmpdir(), "radar-mrl-card-")), "m");
    cpSync(resolve("models", "tiny", "tiny-encoder"), dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it("comes from semantic_radar.json, else the card; a folder with neither has none", () => {
    expect(describeModel(folder({ "semantic_radar.json": JSON.stringify({ matryoshka: { min: 2 } }) }), "m").matryoshka).toEqual({ min: 2, sizes: [2, 4, 8] });
    expect(describeModel(folder({ "README.md": '"matryoshka_dims": [8, 4]' }), "m").matryoshka).toEqual({ min: 4, sizes: [4, 8] });
    expect(describeModel(folder({}), "m").matryoshka).toBeUndefined();
  });

  it("makes a malformed declaration the folder's own error (model_corrupt), naming the file", () => {
    expect(() => describeModel(folder({ "semantic_radar.json": '{"matryoshka": {"min": "small"}}' }), "m")).toThrow(/semantic_radar\.json: expected `matryoshka`/);
  });
});
