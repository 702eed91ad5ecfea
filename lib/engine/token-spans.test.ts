// Token offsets: hand-made tokens for the matcher, then the real tokenizers through the worker (loadEngine).
import { describe, expect, it } from "vitest";
import { loadEngine } from "./index";
import { tokenSpans, type RawToken } from "./token-spans";

const lower = (c: string) => c.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
const word = (id: number, token: string): RawToken => ({ id, token, special: false });

describe("tokenSpans (hand-made tokens)", () => {
  it("places word pieces, skipping spaces, and keeps special tokens without offsets", () => {
    const tokens = [{ id: 101, token: "[CLS]", special: true }, word(1, "play"), word(2, "##ing"), word(3, "cafe"), { id: 102, token: "[SEP]", special: true }];
    expect(tokenSpans("Playing  Café", tokens, { normalizeChar: lower })).toEqual([
      { id: 101, text: "[CLS]", special: true, start: null, stop: null },
      { id: 1, text: "Play", special: false, start: 0, stop: 4 },
      { id: 2, text: "ing", special: false, start: 4, stop: 7 },
      { id: 3, text: "Café", special: false, start: 9, stop: 13 },
      { id: 102, text: "[SEP]", special: true, start: null, stop: null },
    ]);
  });

  it("gives an unknown token the whole word it replaced, and counts offsets in UTF-16 units", () => {
    const spans = tokenSpans("hi 😀😀 there", [word(1, "hi"), word(100, "[UNK]"), word(2, "there")], { normalizeChar: lower, unkToken: "[UNK]" });
    expect(spans.map((s) => [s.text, s.start, s.stop])).toEqual([["hi", 0, 2], ["😀😀", 3, 7], ["there", 8, 13]]);
  });

  it("falls back to the decoded text (byte-level pieces), and to null offsets when nothing matches", () => {
    const spans = tokenSpans("hello world", [{ ...word(1, "Ġhello"), decoded: " hello" }, { ...word(2, "zzz"), decoded: "zzz" }, word(3, "world")], { normalizeChar: (c) => c });
    expect(spans.map((s) => [s.text, s.start, s.stop])).toEqual([["hello", 0, 5], ["zzz", null, null], ["world", 6, 11]]);
  });
});

describe("tokenSpans of the real tokenizers, through the model's worker", () => {
  it.each([
    ["all-MiniLM-L6-v2", "Héllo, Wörld! Tokenization isn't hard."],
    ["bge-small-zh-v1.5", "我饿了，想吃 pizza。"],
  ])("%s: every word token's slice normalizes to the token, in order, without overlap", async (model, text) => {
    const engine = await loadEngine(model, { device: "cpu" });
    const [spans] = await engine.tokenSpans([text]);
    expect(spans[0]).toMatchObject({ text: "[CLS]", special: true, start: null });
    expect(spans.at(-1)).toMatchObject({ text: "[SEP]", special: true, stop: null });
    let last = 0;
    for (const span of spans.filter((s) => !s.special)) {
      expect(span.start).not.toBeNull();
      expect(span.start!).toBeGreaterThanOrEqual(last);
      last = span.stop!;
      expect(span.text).toBe(text.slice(span.start!, span.stop!));
    }
    expect(spans.filter((s) => !s.special).map((s) => s.text).join("")).toBe(text.replace(/\s+/g, ""));
  });

  it("adds no special tokens when asked, and offsets count from the query prompt's start", async () => {
    const engine = await loadEngine("bge-small-en-v1.5", { device: "cpu" });
    const [plain] = await engine.tokenSpans(["cats"], { addSpecialTokens: false });
    expect(plain.map((s) => s.text)).toEqual(["cats"]);
    const [prompted] = await engine.tokenSpans(["cats"], { kind: "query" });
    const prompt = engine.info.model.prompts.query!;
    expect(prompted.at(-2)).toMatchObject({ text: "cats", start: prompt.length, stop: prompt.length + 4 });
  });
});
