// tokenStates and embedTokens on the real default model, through the worker as the server runs them.
import { beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { pooledUnit } from "../pooling/attribution";
import { POOLINGS } from "../pooling/strategies";
import { loadEngine } from "./index";
import { MAX_STATE_TEXTS, type EmbeddingEngine } from "./types";

const TEXTS = ["The cat sat on the mat.", "Swimming is fun"];

describe("token states on all-MiniLM-L6-v2", () => {
  let engine: EmbeddingEngine;
  beforeAll(async () => {
    engine = await loadEngine("all-MiniLM-L6-v2");
  });

  it("returns each token as it reads and one hidden row per token", async () => {
    const [cat, swim] = await engine.tokenStates(TEXTS);
    expect(cat.tokens).toEqual(["[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]"]);
    expect(swim.tokens).toEqual(["[CLS]", "swimming", "is", "fun", "[SEP]"]);
    expect(cat.specials).toEqual([true, false, false, false, false, false, false, false, true]);
    expect(cat.hidden.length).toBe(cat.ids.length * cat.dims);
    expect(cat.dims).toBe(384);
  });

  it("pools to the vectors embed() gives, every pooling", async () => {
    const states = await engine.tokenStates(TEXTS);
    const embedded = await engine.embed(TEXTS);
    for (const [i, s] of states.entries()) {
      for (const p of POOLINGS) {
        const row = embedded.embeddings[p]!.subarray(i * 384, (i + 1) * 384);
        expect(cosine(pooledUnit(s, p), row)).toBeGreaterThan(0.9999);
      }
    }
  });

  it("embeds token-id rows as embed() embeds the texts, in one call with rows of different lengths", async () => {
    const states = await engine.tokenStates(TEXTS);
    const fromIds = await engine.embedTokens(states, { poolings: ["cls", "max"] });
    const embedded = await engine.embed(TEXTS, { poolings: ["cls", "max"] });
    expect(fromIds.count).toBe(2);
    for (const p of ["cls", "max"] as const) {
      for (let i = 0; i < 2; i++) {
        expect(cosine(fromIds.embeddings[p]!.subarray(i * 384, (i + 1) * 384), embedded.embeddings[p]!.subarray(i * 384, (i + 1) * 384))).toBeGreaterThan(0.9999);
      }
    }
  });

  it("refuses too many texts and a malformed row", async () => {
    await expect(engine.tokenStates(Array(MAX_STATE_TEXTS + 1).fill("a"))).rejects.toThrow(/at most 8 texts.*got 9/);
    await expect(engine.embedTokens([{ ids: [101, 102], specials: [true] }])).rejects.toThrow(/token row 0: expected as many special flags as ids/);
  });
});
