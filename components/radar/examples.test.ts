import { describe, expect, it } from "vitest";
import { cleanEntries, splitLines } from "@/lib/kb/clean";
import { exampleKbText, exampleLanguageFor, exampleQuery, isExampleKb, isExampleQuery, SCENARIOS } from "./examples";

describe("the article's examples", () => {
  it("has the same eight scenarios in Chinese and English", () => {
    expect(SCENARIOS.zh).toHaveLength(8);
    expect(SCENARIOS.en).toHaveLength(8);
    expect(SCENARIOS.zh[0]).toMatchObject({ query: "我饿了", strong: "肚子咕咕叫", weak: "我刚吃完饭", unrelated: "天空是蓝色的" });
  });

  it("makes a 24-entry knowledge base that cleaning leaves whole", () => {
    for (const language of ["zh", "en"] as const) {
      const { report } = cleanEntries(splitLines(exampleKbText(language)));
      expect(report).toMatchObject({ given: 24, kept: 24 });
    }
  });

  it("recognizes its own examples, and not an edited one", () => {
    expect(isExampleKb(exampleKbText("zh"))).toBe(true);
    expect(isExampleKb(`${exampleKbText("en")}\nmy entry`)).toBe(false);
    expect(isExampleQuery(exampleQuery("zh"))).toBe(true);
    expect(isExampleQuery("something else")).toBe(false);
  });

  it("uses Chinese only for a Chinese-only model", () => {
    expect(exampleLanguageFor(["zh"])).toBe("zh");
    expect(exampleLanguageFor(["en"])).toBe("en");
    expect(exampleLanguageFor(["zh", "en"])).toBe("en");
    expect(exampleLanguageFor([])).toBe("en");
  });
});
