import { describe, expect, it } from "vitest";
import type { EmbedOptions, EmbedResult, EmbeddingEngine, LoadedModelInfo } from "@/lib/engine/types";
import { POOLINGS } from "@/lib/pooling/strategies";
import { runLab } from "./run";
import type { Scenario } from "./scenarios/types";

/**
 * A hand-made engine for the plumbing: each text maps to a 2-d unit vector at a chosen angle, rotated per pooling,
 * so every cosine is cos(angle difference) and is independent of the pooling (which checks rows, not models).
 * The real model runs in lab-real-model.test.ts.
 */
function angleEngine(angles: Record<string, number>, truncatedText?: string) {
  const calls: Array<{ texts: readonly string[]; options?: EmbedOptions }> = [];
  const engine = {
    info: {} as LoadedModelInfo,
    countTokens: async (texts: readonly string[]) => texts.map((text) => text.length),
    tokenSpans: async () => [],
    tokenStates: async () => [],
    embedTokens: async () => ({ count: 0, dims: 2, embeddings: {}, inferenceMs: 0 }),
    embedLayers: async () => {
      throw new Error("the lab's scenario run asks for one layer at a time");
    },
    dispose: async () => {},
    async embed(texts: readonly string[], options?: EmbedOptions): Promise<EmbedResult> {
      calls.push({ texts, options });
      const embeddings = Object.fromEntries(
        POOLINGS.map((pooling, p) => {
          const matrix = new Float32Array(texts.length * 2);
          texts.forEach((text, row) => {
            matrix[2 * row] = Math.cos(angles[text] + p);
            matrix[2 * row + 1] = Math.sin(angles[text] + p);
          });
          return [pooling, matrix];
        }),
      );
      const cut = texts.indexOf(truncatedText ?? "");
      return {
        count: texts.length,
        dims: 2,
        embeddings,
        norms: Object.fromEntries(Object.keys(embeddings).map((pooling) => [pooling, new Float32Array(texts.length).fill(1)])),
        tokenCounts: texts.map((text) => text.length),
        truncated: cut >= 0 ? [{ index: cut, tokens: 600, kept: 512, dropped: 88 }] : [],
        timings: { tokenizeMs: 0, queueMs: 0, inferenceMs: 0, poolMs: 0, totalMs: 0 },
      };
    },
  } satisfies EmbeddingEngine;
  return { engine, calls };
}

const scenarios: Scenario[] = [
  { name: "first", query: "q1", strong: "s1", weak: "w1", unrelated: "u1" },
  { name: "second", query: "q2", strong: "s2", weak: "w2", unrelated: "u2" },
];
const angles = { q1: 0, s1: 0.1, w1: 0.5, u1: 1.2, q2: 2, s2: 2.9, w2: 2.3, u2: 3.5 };

describe("runLab", () => {
  it("embeds queries as queries and candidates as documents, one call each, every pooling", async () => {
    const { engine, calls } = angleEngine(angles);
    await runLab(engine, scenarios);
    expect(calls.map((call) => call.options?.kind)).toEqual(["query", "document"]);
    expect(calls[0].texts).toEqual(["q1", "q2"]);
    expect(calls[1].texts).toEqual(["s1", "w1", "u1", "s2", "w2", "u2"]);
    for (const call of calls) expect(call.options?.poolings).toEqual(POOLINGS);
  });

  it("scores each query against its own three candidates", async () => {
    const { table } = (await runLab(angleEngine(angles).engine, scenarios));
    const [first, second] = table.rows;
    expect(first.name).toBe("first");
    expect(first.pooling.mean.strong).toBeCloseTo(Math.cos(0.1), 6);
    expect(first.pooling.mean.weak).toBeCloseTo(Math.cos(0.5), 6);
    expect(first.pooling.mean.unrelated).toBeCloseTo(Math.cos(1.2), 6);
    expect(first.pooling.cls.ordered).toBe(true);
    expect(second.pooling.max.strong).toBeCloseTo(Math.cos(0.9), 6);
    expect(second.pooling.max.ordered).toBe(false);
    expect(table.averageDelta.last_token).toBeCloseTo((Math.cos(0.1) - Math.cos(1.2) + Math.cos(0.9) - Math.cos(1.5)) / 2, 6);
  });

  it("reports truncated texts by their text", async () => {
    const run = await runLab(angleEngine(angles, "w2").engine, scenarios);
    expect(run.truncated).toEqual([{ text: "w2", tokens: 600, kept: 512 }]);
  });

  it("refuses an empty scenario list with an AppError", async () => {
    await expect(runLab(angleEngine(angles).engine, [])).rejects.toMatchObject({
      code: "empty_input",
      message: "Expected at least 1 scenario to run, got 0",
    });
  });
});
