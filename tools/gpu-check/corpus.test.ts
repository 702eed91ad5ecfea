import { describe, expect, it } from "vitest";
import { stsSentences } from "./corpus";

const CSV = [
  "main-captions\tMSRvid\t2012test\t0024\t2.500\tA girl is styling her hair.\tA girl is brushing her hair.",
  "main-captions\tMSRvid\t2012test\t0033\t3.600\tA girl is styling her hair.\tA group of men play soccer.",
  "main-news\theadlines\t2015\t0001\t1.0\t  Spaces are trimmed.  \tSecond of four.\tsource-a\tsource-b",
].join("\n");

describe("stsSentences", () => {
  it("takes both sentences of each pair in file order, once each, trimmed", () => {
    expect(stsSentences(CSV, 5)).toEqual([
      "A girl is styling her hair.",
      "A girl is brushing her hair.",
      "A group of men play soccer.",
      "Spaces are trimmed.",
      "Second of four.",
    ]);
  });

  it("stops at the count asked for", () => {
    expect(stsSentences(CSV, 2)).toEqual(["A girl is styling her hair.", "A girl is brushing her hair."]);
  });

  it("says how many it found when the file has too few", () => {
    expect(() => stsSentences(CSV, 6)).toThrow(/^expected at least 6 distinct STS sentences, found 5$/);
    expect(() => stsSentences(CSV, 0)).toThrow(/^expected a positive whole number of texts, got 0$/);
  });
});
