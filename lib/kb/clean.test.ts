import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { cleanEntries, cleanKnowledgeBase, cutToChars, splitLines, summarizeReport, wellFormed } from "./clean";
import { MAX_ENTRIES, MAX_ENTRY_CHARS } from "./limits";

describe("splitLines", () => {
  it("splits on \\n, \\r\\n and \\r alike", () => {
    expect(splitLines("a\nb\r\nc\rd")).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps empty lines so the report can count them", () => {
    expect(splitLines("a\n\nb\n")).toEqual(["a", "", "b", ""]);
  });
});

describe("wellFormed", () => {
  it("replaces each lone surrogate with U+FFFD and keeps pairs", () => {
    expect(wellFormed("a\uD800b\uDC00c\uD83D\uDE42")).toBe("a\uFFFDb\uFFFDc🙂");
    expect(wellFormed("\uDE42\uD83D")).toBe("\uFFFD\uFFFD"); // a pair in the wrong order is two lone halves
  });
});

describe("cleanEntries", () => {
  it("makes a lone surrogate U+FFFD, as the store's UTF-8 would, so the id is computed from the text saved", () => {
    expect(cleanEntries(["caf\uD800 menu", "caf\uFFFD menu"])).toMatchObject({ entries: ["caf\uFFFD menu"], report: { duplicates: 1 } });
  });

  it("trims, and drops blank, symbol-only and duplicate lines, counting each", () => {
    const { entries, report } = cleanEntries(["  我饿了 ", "", "   ", "---", "。。。", "🙂", "I am hungry", "我饿了", "I am hungry"]);
    expect(entries).toEqual(["我饿了", "I am hungry"]);
    expect(report).toEqual({ given: 9, kept: 2, blank: 2, symbolsOnly: 3, duplicates: 2, cutToChars: [] });
  });

  it("keeps lines with a digit or a letter in any script", () => {
    expect(cleanEntries(["42", "Ω", "é", "한국어", "١٢٣"]).entries).toHaveLength(5);
  });

  it("cuts an entry over the character limit and reports it by its kept index", () => {
    const long = "x".repeat(MAX_ENTRY_CHARS + 5);
    const { entries, report } = cleanEntries(["", "short", long]);
    expect(entries[1]).toHaveLength(MAX_ENTRY_CHARS);
    expect(report.cutToChars).toEqual([{ index: 1, chars: MAX_ENTRY_CHARS + 5 }]);
  });

  it("keeps the given count equal to kept plus everything removed", () => {
    const lines = ["a", "", "a", "#", "b", " ", "c"];
    const { report } = cleanEntries(lines);
    expect(report.kept + report.blank + report.symbolsOnly + report.duplicates).toBe(report.given);
  });
});

describe("cutToChars", () => {
  it("never splits a surrogate pair", () => {
    const cut = cutToChars("ab😀cd", 3);
    expect(cut).toBe("ab");
    expect(cutToChars("abc", 5)).toBe("abc");
  });
});

describe("cleanKnowledgeBase", () => {
  it("refuses no lines at all, saying what was expected and given", () => {
    expect(() => cleanKnowledgeBase([])).toThrow(/expected at least one entry, got none/);
  });

  it("refuses a knowledge base that cleaning empties, with the counts", () => {
    const attempt = () => cleanKnowledgeBase(["", "***", " "]);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/empty after cleaning: expected at least one entry with a letter or digit, got 3 \(2 blank, 1 only symbols\)/);
  });

  it("refuses more than MAX_ENTRIES entries with code too_large", () => {
    const lines = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `entry ${i}`);
    try {
      cleanKnowledgeBase(lines);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe("too_large");
      expect((error as AppError).message).toMatch(/expected at most 50,000, got 50,001/);
    }
  });

  it("accepts exactly MAX_ENTRIES entries", () => {
    const lines = Array.from({ length: MAX_ENTRIES }, (_, i) => `entry ${i}`);
    expect(cleanKnowledgeBase(lines).entries).toHaveLength(MAX_ENTRIES);
  });
});

describe("summarizeReport", () => {
  it("says what was kept and what was removed", () => {
    const { report } = cleanEntries(["a", "", "a", "#", "b"]);
    expect(summarizeReport(report)).toBe("2 entries (1 blank line, 1 line of only symbols, 1 duplicate removed)");
  });

  it("says only the count when nothing was removed", () => {
    expect(summarizeReport(cleanEntries(["a"]).report)).toBe("1 entry");
  });

  it("mentions cut entries", () => {
    const { report } = cleanEntries(["y".repeat(MAX_ENTRY_CHARS + 1)]);
    expect(summarizeReport(report)).toBe("1 entry (1 entry over 10,000 characters cut)");
  });
});
