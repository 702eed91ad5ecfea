import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { POOLINGS } from "@/lib/pooling/strategies";
import { buildLabRow, buildLabTable, mapPoolings } from "./table";
import { LAB_CSV_COLUMNS, toLabCsv } from "./csv";
import { toLabMarkdown, toLabSummaryMarkdown, toStsBySizeMarkdown, toStsMarkdown } from "./markdown";
import type { LabModel } from "./model";
import { claimFor, toLabJson, type LabLang, type LabReport } from "./report";
import { ARTICLE_SCENARIOS_ZH } from "./scenarios/article-zh";

const model: LabModel = {
  id: "hand-made",
  description: "",
  languages: ["zh"],
  isDefault: false,
  architecture: "encoder",
  modelType: "bert",
  hiddenSize: 4,
  numLayers: 1,
  maxTokens: 512,
  contextTokens: 512,
  shape: { attentionHeads: 1, keyValueHeads: 1, headDim: 4, intermediateSize: 16, vocabSize: 100 },
  nativePooling: "cls",
  prompts: {},
  graphs: ["fp32"],
};

/** Scenario i, pooling p (index k): strong 0.9 - 0.1k, weak 0.5, unrelated 0.1 + 0.01i; cls wins every row. */
function report(lang: LabLang, count = 2): LabReport {
  const scenarios = ARTICLE_SCENARIOS_ZH.slice(0, count);
  const rows = scenarios.map((scenario, i) =>
    buildLabRow(scenario.name, mapPoolings((p) => ({ strong: 0.9 - 0.1 * POOLINGS.indexOf(p), weak: 0.5, unrelated: 0.1 + 0.01 * i }))),
  );
  return { model, graph: "fp32", device: "cpu", loadMs: 0, lang, scenarios, run: { table: buildLabTable(rows), truncated: [], embedMs: 1 } };
}

describe("toLabJson", () => {
  it("has exactly the issue's shape, scores rounded to four decimals", () => {
    const json = toLabJson(report("zh"));
    expect(Object.keys(json)).toEqual(["model", "lang", "scenarios", "average_delta", "native"]);
    expect(json.model).toBe("hand-made");
    expect(json.native).toBe("cls");
    expect(json.scenarios[1]).toEqual({
      name: "2. 上位概念",
      pooling: {
        cls: { strong: 0.9, weak: 0.5, unrelated: 0.11, delta: 0.79 },
        mean: { strong: 0.8, weak: 0.5, unrelated: 0.11, delta: 0.69 },
        mean_content: { strong: 0.7, weak: 0.5, unrelated: 0.11, delta: 0.59 },
        last_token: { strong: 0.6, weak: 0.5, unrelated: 0.11, delta: 0.49 },
        max: { strong: 0.5, weak: 0.5, unrelated: 0.11, delta: 0.39 },
      },
    });
    expect(json.average_delta).toEqual({ cls: 0.795, mean: 0.695, mean_content: 0.595, last_token: 0.495, max: 0.395 });
  });
});

describe("claimFor", () => {
  it("returns the article's claim for its own scenarios, CLS and Mean only", () => {
    expect(claimFor("zh", 0, "cls")).toEqual({ strong: 0.7214, unrelated: 0.3102, delta: 0.4112 });
    expect(claimFor("en", 7, "mean")?.delta).toBe(0.4575);
    expect(claimFor("zh", 0, "last_token")).toBeUndefined();
    expect(claimFor("custom", 0, "cls")).toBeUndefined();
  });
});

describe("toLabMarkdown", () => {
  const markdown = toLabMarkdown(report("zh"));

  it("prints one row per scenario and pooling, the native pooling and the winner marked", () => {
    expect(markdown).toContain("native pooling cls");
    expect(markdown).toMatch(/\| 1\. 同义替换 \| CLS \/ first token \(native\) \| 0\.9000 \| 0\.5000 \| 0\.1000 \| \*\*0\.8000\*\* \| ✓ \| 0\.7214 \/ 0\.3102 \/ 0\.4112 \|/);
    expect(markdown).toMatch(/\|  \| Max \| 0\.5000 \| 0\.5000 \| 0\.1000 \| 0\.4000 \| ✗ \|  \|/);
  });

  it("prints the averages beside the article's, flagging the article's inconsistent Mean average", () => {
    expect(markdown).toMatch(/\| CLS \/ first token \(native\) \| \*\*0\.7950\*\* \| 2\/2 \| 2\/2 \| 0\.2650 \|/);
    expect(markdown).toMatch(/\| Mean \| 0\.6950 \| 0\/2 \| 2\/2 \| 0\.4016 \(its own rows average 0\.4205\) \|/);
  });

  it("shows no article claims beside custom scenarios", () => {
    expect(toLabMarkdown(report("custom"))).not.toContain("0.7214");
  });

  it("summarizes models in one table, native starred and best in bold", () => {
    expect(toLabSummaryMarkdown([report("zh")])).toMatch(/\| hand-made \| zh \| cls \| \*\*0\.7950\*\*\* \| 0\.6950 \|/);
  });
});

describe("toStsMarkdown", () => {
  it("prints Spearman per pooling, the native one marked and the best in bold", () => {
    const markdown = toStsMarkdown({
      model: "m", graph: "fp32", device: "cpu", dataset: "stsb-en", pairs: 1379, native: "cls", seconds: 9,
      spearman: { cls: 85.86, mean: 86.8, mean_content: 86.82, last_token: 85.86, max: 85.29 }, bySize: [], matryoshka: false,
    });
    expect(markdown).toMatch(/^STS stsb-en, 1379 pairs/);
    expect(markdown).toContain("| CLS / first token (native) | 85.86 |");
    expect(markdown).toContain("| Mean (content tokens only) | **86.82** |");
  });
});

describe("toLabCsv", () => {
  it("writes one line per scenario and pooling with the claims and texts, readable back", () => {
    const csv = toLabCsv([report("zh")]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...LAB_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(2 * POOLINGS.length);
    expect(parsed.data[0]).toMatchObject({
      model: "hand-made",
      scenario: "1. 同义替换",
      pooling: "cls",
      native: "true",
      delta: "0.8",
      ordered: "true",
      winner: "true",
      article_delta: "0.4112",
      query: "我饿了",
      unrelated_text: "天空是蓝色的",
    });
    expect(parsed.data[4]).toMatchObject({ pooling: "max", ordered: "false", article_delta: "" });
  });
});

describe("toStsBySizeMarkdown", () => {
  const spearman = (x: number) => ({ cls: x, mean: x + 1, mean_content: x + 2, last_token: x, max: x - 1 });
  const sts = {
    model: "m", graph: "fp32" as const, device: "cpu" as const, dataset: "stsb-en" as const, pairs: 1379, native: "mean" as const, seconds: 9,
    spearman: spearman(80), bySize: [{ dims: 32, spearman: spearman(70) }, { dims: 384, spearman: spearman(80) }],
  };

  it("prints one row per cut, the full size last and marked, a column per pooling", () => {
    const markdown = toStsBySizeMarkdown({ ...sts, matryoshka: true });
    expect(markdown).toMatch(/^STS stsb-en per Matryoshka cut \(first d dimensions, renormalized; its card declares Matryoshka training\)/);
    expect(markdown).toContain("| Dimensions | CLS / first token | Mean (native) |");
    expect(markdown).toContain("| 32 | 70.00 | 71.00 | 72.00 | 70.00 | 69.00 |");
    expect(markdown).toContain("| 384 (full) | 80.00 | 81.00 |");
  });

  it("says when the model was not trained for the cuts, and prints nothing without cuts", () => {
    expect(toStsBySizeMarkdown({ ...sts, matryoshka: false })).toContain("no Matryoshka training: cuts it was not trained for");
    expect(toStsBySizeMarkdown({ ...sts, matryoshka: false, bySize: [] })).toBe("");
  });
});
