/**
 * The lab on the real installed models (fp32 graphs), as `npm run lab` and /lab run it: what users see.
 */
import { describe, expect, it } from "vitest";
import { loadEngine } from "@/lib/engine/index";
import { cosine } from "@/lib/pooling/normalize";
import { POOLINGS } from "@/lib/pooling/strategies";
import { toLabJson } from "./report";
import { runLabOnModel } from "./service";
import { ARTICLE_SCENARIOS_EN } from "./scenarios/article-en";
import { CANDIDATE_ROLES } from "./scenarios/types";

describe("the lab on all-MiniLM-L6-v2 (trained with mean pooling)", async () => {
  const report = await runLabOnModel("all-MiniLM-L6-v2", { lang: "en", graph: "fp32" });

  it("runs every pooling on the eight English scenarios and marks mean as native", () => {
    expect(report.model).toMatchObject({ id: "all-MiniLM-L6-v2", architecture: "encoder", nativePooling: "mean", hiddenSize: 384 });
    expect(report.graph).toBe("fp32");
    expect(report.run.table.rows.map((row) => row.name)).toEqual(ARTICLE_SCENARIOS_EN.map((s) => s.name));
    for (const row of report.run.table.rows) {
      for (const pooling of POOLINGS) {
        for (const role of CANDIDATE_ROLES) {
          expect(Math.abs(row.pooling[pooling][role])).toBeLessThanOrEqual(1.0001);
        }
      }
    }
  });

  it("gives the same cosines as embedding each text on its own (the table's rows are the right texts)", async () => {
    const engine = await loadEngine("all-MiniLM-L6-v2", { graph: "fp32" });
    const scenario = ARTICLE_SCENARIOS_EN[3];
    const query = await engine.embed([scenario.query], { kind: "query" });
    for (const role of CANDIDATE_ROLES) {
      const candidate = await engine.embed([scenario[role]], { kind: "document" });
      for (const pooling of POOLINGS) {
        const alone = cosine(query.embeddings[pooling]!, candidate.embeddings[pooling]!);
        expect(report.run.table.rows[3].pooling[pooling][role]).toBeCloseTo(alone, 4);
      }
    }
  });

  it("separates strong from unrelated better with its native mean pooling than with CLS", () => {
    const json = toLabJson(report);
    expect(json.native).toBe("mean");
    expect(json.average_delta.mean).toBeGreaterThan(json.average_delta.cls + 0.1);
  });
});

describe("the lab on bge-small-zh-v1.5 (trained with [CLS] pooling), the article's Chinese scenarios", async () => {
  const report = await runLabOnModel("bge-small-zh-v1.5", { graph: "fp32" });

  it("defaults to the Chinese scenarios and marks CLS as native", () => {
    expect(report.lang).toBe("zh");
    expect(report.model.nativePooling).toBe("cls");
  });

  it("contradicts the article: CLS, not mean, has the largest average discrimination", () => {
    const { averageDelta, bestAverage } = report.run.table;
    expect(bestAverage).toBe("cls");
    expect(averageDelta.cls).toBeGreaterThan(averageDelta.mean);
  });
});
