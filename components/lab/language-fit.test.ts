import { describe, expect, it } from "vitest";
import type { LabReport } from "@/lib/lab/report";
import { articleScenarios } from "@/lib/lab/scenarios";
import { languageMisfit } from "./language-fit";

function run(lang: LabReport["lang"], languages: string[], scenarios = articleScenarios(lang === "zh" ? "zh" : "en")) {
  return { lang, model: { id: "m", languages } as unknown as LabReport["model"], scenarios: [...scenarios] };
}

describe("languageMisfit", () => {
  it("flags the article's Chinese scenarios on an English-only model, and English ones on a Chinese-only model", () => {
    expect(languageMisfit(run("zh", ["en"]))).toEqual({ scenarios: "zh", model: ["en"] });
    expect(languageMisfit(run("en", ["zh"]))).toEqual({ scenarios: "en", model: ["zh"] });
  });

  it("lets a fitting or multilingual model through", () => {
    expect(languageMisfit(run("zh", ["zh"]))).toBeNull();
    expect(languageMisfit(run("en", ["en"]))).toBeNull();
    expect(languageMisfit(run("zh", ["en", "zh"]))).toBeNull();
  });

  it("judges custom scenarios by their script", () => {
    expect(languageMisfit(run("custom", ["en"], articleScenarios("zh")))).toEqual({ scenarios: "zh", model: ["en"] });
    expect(languageMisfit(run("custom", ["en"], articleScenarios("en")))).toBeNull();
  });
});
