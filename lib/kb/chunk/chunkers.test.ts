import { describe, expect, it } from "vitest";
import { parseText } from "../document/parse-text";
import { MAX_ENTRY_CHARS } from "../limits";
import { chunkParsed, resolveChunking } from "./chunk-document";
import { distinctKeys, piecesOf } from "./pieces";
import { sentenceSpans } from "./sentences";

/** A tokenizer stand-in that is easy to count by hand: every piece is one token. */
function onePerPiece(text: string): Map<string, number> {
  return new Map(distinctKeys(piecesOf(text)).map((key) => [key, 1]));
}

const budget = { window: 40, overhead: 2 };
const slices = (text: string, spans: { start: number; end: number }[]) => spans.map(({ start, end }) => text.slice(start, end));

describe("pieces", () => {
  it("cuts at spaces, keeps each Chinese character apart, and says when a space came before", () => {
    const table = piecesOf("Hello, world. 苹果是水果。 http://example.com/a/very/long/path/that/goes/on");
    expect(table.keys.slice(0, 8)).toEqual(["Hello,", " world.", " 苹", "果", "是", "水", "果", "。"]);
    // A run longer than 24 characters is cut so that a chunk can end inside it.
    expect(table.keys.slice(8)).toEqual([" http://example.com/a/ver", "y/long/path/that/goes/on"]);
    expect(Array.from(table.starts.slice(0, 3))).toEqual([0, 7, 14]);
  });
});

describe("sentences", () => {
  it("splits English and Chinese sentences, trimmed, with offsets into the text", () => {
    const text = "  Dr. Smith went home. He said hi?  苹果是水果。我饿了！";
    expect(slices(text, sentenceSpans(text, 0, text.length))).toEqual(["Dr. Smith went home.", "He said hi?", "苹果是水果。", "我饿了！"]);
  });

  it("handles a block far longer than one segmenter call, losing no character", () => {
    const text = "One sentence here. ".repeat(2000).trim();
    const spans = sentenceSpans(text, 0, text.length);
    expect(spans).toHaveLength(2000);
    expect(spans.every((s) => text.slice(s.start, s.end) === "One sentence here.")).toBe(true);
  });
});

describe("chunkParsed", () => {
  const text = "Refunds\n\nYou can return any item. Refunds take five days.\n\nShipping is free above fifty euros.";
  const doc = parseText(text);

  it("paragraphs: one chunk a block, with tokens counted (pieces + overhead)", () => {
    const out = chunkParsed(doc, { method: "paragraphs" }, onePerPiece(text), budget, "m");
    expect(out.entries).toEqual(["Refunds", "You can return any item. Refunds take five days.", "Shipping is free above fifty euros."]);
    expect(out.tokens).toEqual([1 + 2, 9 + 2, 6 + 2]);
    expect(out.chunks.map(({ start, end }) => text.slice(start, end))).toEqual(out.entries);
    expect(out.report).toMatchObject({ method: "paragraphs", count: 3, window: 40, overWindow: [], tokens: { min: 3, median: 8, max: 11 } });
  });

  it("sentences: never across a block", () => {
    const out = chunkParsed(doc, { method: "sentences" }, onePerPiece(text), budget, "m");
    expect(out.entries).toEqual(["Refunds", "You can return any item.", "Refunds take five days.", "Shipping is free above fifty euros."]);
  });

  it("tokens: windows of `size` pieces sharing `overlap`, across paragraphs", () => {
    const out = chunkParsed(doc, { method: "tokens", size: 16, overlap: 4 }, onePerPiece(text), { window: 40, overhead: 2 }, "m");
    // 16 pieces in all: one window.
    expect(out.entries).toEqual([text]);
    // Two tokens a piece: 8 pieces a window, then back 2 pieces (4 tokens) shared.
    const small = chunkParsed(doc, { method: "tokens", size: 16, overlap: 4 }, new Map([...onePerPiece(text).keys()].map((k) => [k, 2])), budget, "m");
    expect(small.entries).toEqual(["Refunds\n\nYou can return any item. Refunds take", "Refunds take five days.\n\nShipping is free above", "free above fifty euros."]);
    expect(small.tokens).toEqual([16 + 2, 16 + 2, 8 + 2]);
  });

  it("recursive: a block that fits stays whole, a longer one is cut into packed sentences, a long sentence into windows", () => {
    const long = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau.";
    const out = chunkParsed(parseText(long), { method: "recursive", size: 16 }, onePerPiece(long), budget, "m");
    expect(out.entries).toEqual(["Alpha beta gamma. Delta epsilon zeta.", "Eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau."]);
    const tight = chunkParsed(parseText(long), { method: "recursive", size: 16, overlap: 0 }, onePerPiece(long), { window: 18, overhead: 2 }, "m");
    expect(Math.max(...tight.tokens)).toBeLessThanOrEqual(18);
    const small = chunkParsed(parseText(long), { method: "recursive", size: 16 }, new Map(distinctKeys(piecesOf(long)).map((k) => [k, 2])), budget, "m");
    // 2 tokens a piece: the first two sentences (6 + 6) pack into 16; the third (32) becomes windows of 8 pieces.
    expect(small.entries).toEqual(["Alpha beta gamma. Delta epsilon zeta.", "Eta theta iota kappa lambda mu nu xi", "omicron pi rho sigma tau."]);
    expect(small.tokens.every((n) => n <= 16 + 2)).toBe(true);
  });

  it("lists chunks over the window instead of cutting them silently", () => {
    const out = chunkParsed(doc, { method: "paragraphs" }, onePerPiece(text), { window: 8, overhead: 2 }, "m");
    expect(out.report.overWindow).toEqual([1]);
    expect(out.report.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
  });

  it("keeps the PDF page each chunk starts on", () => {
    const pdfLike = { ...parseText("Page one text.\n\nPage two text."), format: "pdf" as const, pages: [{ number: 1, start: 0, end: 14 }, { number: 2, start: 16, end: 30 }] };
    const out = chunkParsed(pdfLike, { method: "paragraphs" }, onePerPiece(pdfLike.text), budget, "m");
    expect(out.chunks).toEqual([{ index: 0, start: 0, end: 14, page: 1 }, { index: 1, start: 16, end: 30, page: 2 }]);
  });

  it("cuts a chunk over the entry limit without splitting a surrogate pair, and says so", () => {
    const long = `${"a".repeat(MAX_ENTRY_CHARS - 1)}\u{1F600}b`;
    const out = chunkParsed(parseText(long), { method: "paragraphs" }, onePerPiece(long), budget, "m");
    expect(out.entries).toEqual(["a".repeat(MAX_ENTRY_CHARS - 1)]);
    expect(out.cutToChars).toEqual([{ index: 0, chars: MAX_ENTRY_CHARS + 2 }]);
  });

  it("drops pieces with nothing to embed and says how many", () => {
    const out = chunkParsed(parseText("Real words.\n\n----\n\n* * *"), { method: "paragraphs" }, new Map(), budget, "m");
    expect(out.entries).toEqual(["Real words."]);
    expect(out.report.dropped).toBe(2);
  });

  it("refuses a size over the model's window or an overlap not below the size, saying the range", () => {
    expect(() => resolveChunking({ method: "tokens", size: 500 }, { window: 256, overhead: 2 }, "all-MiniLM-L6-v2")).toThrow(/`chunking.size`: expected 16 to 254 tokens for all-MiniLM-L6-v2 \(its window of 256 less 2 special and prompt tokens\), got 500/);
    expect(() => resolveChunking({ method: "tokens", size: 64, overlap: 64 }, { window: 256, overhead: 2 }, "m")).toThrow(/`chunking.overlap`: expected 0 to 63 tokens/);
    expect(resolveChunking({ method: "recursive" }, { window: 256, overhead: 2 }, "m")).toEqual({ method: "recursive", size: 254, overlap: 0 });
  });
});
