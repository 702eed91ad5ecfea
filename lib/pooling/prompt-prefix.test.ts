import { describe, expect, it } from "vitest";
import { pool } from "./pool";
import { completeWithPrompt, summarizePrompt, tailPoolingWeights } from "./prompt-prefix";
import { POOLINGS, type Pooling } from "./strategies";
import { WEIGHTED_POOLINGS, splitPooled } from "./weights";

// What the pooled graph computes over the tails, in plain loops: pooled = weights @ hidden, and the max over the
// tokens the mean row weighs (lib/engine/pooled-graph.mjs).
function graphPooling(hidden: Float32Array, weights: Float32Array, batch: number, seq: number, dim: number): Record<Pooling, Float32Array> {
  const k = WEIGHTED_POOLINGS.length;
  const pooled = new Float32Array(batch * k * dim);
  const pooledMax = new Float32Array(batch * dim).fill(-Infinity);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seq; t++) {
      const attended = weights[(b * k + 1) * seq + t] > 0;
      for (let d = 0; d < dim; d++) {
        const h = hidden[(b * seq + t) * dim + d];
        for (let j = 0; j < k; j++) pooled[(b * k + j) * dim + d] += weights[(b * k + j) * seq + t] * h;
        const masked = attended ? h : h - 1e9;
        if (masked > pooledMax[b * dim + d]) pooledMax[b * dim + d] = masked;
      }
    }
  }
  return splitPooled(pooled, pooledMax, batch, dim);
}

const close = (actual: Float32Array, expected: number[]) => expect([...actual].map((v, i) => v - expected[i]).every((diff) => Math.abs(diff) < 1e-6), `${[...actual]} vs ${expected}`).toBe(true);

describe("summarizePrompt", () => {
  it("keeps the first state, sums all and content states, and the elementwise max", () => {
    // BOS (special) [1, 0], then "x" [3, 4]
    const summary = summarizePrompt(Float32Array.from([1, 0, 3, 4]), [1, 0], 2);
    expect(summary).toMatchObject({ tokens: 2, contentTokens: 1, dim: 2 });
    expect([...summary.first]).toEqual([1, 0]);
    expect([...summary.sum]).toEqual([4, 4]);
    expect([...summary.contentSum]).toEqual([3, 4]);
    expect([...summary.max]).toEqual([3, 4]);
  });

  it("refuses states that do not match the flags", () => {
    expect(() => summarizePrompt(Float32Array.from([1, 0, 3]), [0, 0], 2)).toThrow(/expected \[tokens, 2\]/);
  });
});

describe("a cached prompt completed with its tail", () => {
  it("gives the poolings of the whole text, worked by hand", () => {
    // Whole text: BOS [1, 0] | "x" [3, 4] || "y" [5, -1] | EOS [0, 2]; the tail is left-padded to 3.
    const prompt = summarizePrompt(Float32Array.from([1, 0, 3, 4]), [1, 0], 2);
    const mask = [0, 1, 1];
    const specials = [0, 0, 1];
    const hidden = Float32Array.from([9, 9, 5, -1, 0, 2]); // the pad's state is never used
    const weights = tailPoolingWeights(mask, specials, 1, 3, prompt);
    // cls row empty; mean 1/4 over the 2 attended tail tokens; content 1/2 (x and y); last token one-hot
    expect([...weights]).toEqual([0, 0, 0, 0, 0.25, 0.25, 0, 0.5, 0, 0, 0, 1]);
    const rows = completeWithPrompt(graphPooling(hidden, weights, 1, 3, 2), prompt, mask, specials, 1, 3);
    close(rows.cls, [1, 0]);
    close(rows.mean, [9 / 4, 5 / 4]);
    close(rows.mean_content, [4, 1.5]);
    close(rows.last_token, [0, 2]);
    close(rows.max, [5, 4]);
  });

  it("equals lib/pooling over the whole texts, for every pooling, in a left-padded batch of mixed lengths", () => {
    const dim = 3;
    const value = (i: number) => Math.sin(i * 12.9898) * 4; // fixed, varied, signed
    const promptStates = Float32Array.from({ length: 4 * dim }, (_, i) => value(i));
    const promptSpecials = [1, 0, 0, 0];
    const tails = [2, 5]; // tail lengths; each tail ends with a special EOS
    const seq = Math.max(...tails);
    const tailHidden = new Float32Array(2 * seq * dim);
    const mask: number[] = [];
    const specials: number[] = [];
    tails.forEach((length, row) => {
      for (let t = 0; t < seq; t++) {
        const attended = t >= seq - length;
        mask.push(attended ? 1 : 0);
        specials.push(attended && t === seq - 1 ? 1 : 0);
        for (let d = 0; d < dim; d++) tailHidden[(row * seq + t) * dim + d] = attended ? value(100 + row * 50 + t * dim + d) : 1e3;
      }
    });
    const prompt = summarizePrompt(promptStates, promptSpecials, dim);
    const rows = completeWithPrompt(graphPooling(tailHidden, tailPoolingWeights(mask, specials, 2, seq, prompt), 2, seq, dim), prompt, mask, specials, 2, seq);

    // The whole texts, prompt then tail, left-padded to 4 + seq, pooled by lib/pooling in one piece.
    const full = 4 + seq;
    const hidden = new Float32Array(2 * full * dim);
    const fullMask: number[] = [];
    const fullSpecials: number[] = [];
    tails.forEach((length, row) => {
      const pad = seq - length;
      for (let t = 0; t < full; t++) {
        const attended = t >= pad;
        fullMask.push(attended ? 1 : 0);
        const promptAt = t - pad;
        const tailAt = pad + (t - pad - 4);
        fullSpecials.push(!attended ? 0 : promptAt < 4 ? promptSpecials[promptAt] : specials[row * seq + tailAt]);
        for (let d = 0; d < dim; d++) {
          hidden[(row * full + t) * dim + d] = !attended ? 0 : promptAt < 4 ? promptStates[promptAt * dim + d] : tailHidden[(row * seq + tailAt) * dim + d];
        }
      }
    });
    for (const p of POOLINGS) {
      const expected = pool(p, { hidden, attentionMask: fullMask, specialMask: fullSpecials, batch: 2, seq: full, dim });
      close(rows[p], [...expected]);
    }
  });
});
