import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ARTICLE_CLAIMED_AVERAGE,
  ARTICLE_CLAIMS,
  ARTICLE_SCENARIOS_EN,
  ARTICLE_SCENARIOS_ZH,
  CANDIDATE_ROLES,
  articleScenarios,
} from "./index";

const tablesFile = fileURLToPath(new URL("./article-tables.txt", import.meta.url));
const seedArticle = fileURLToPath(new URL("../../../../shared/seeds/000_bcbfa55b7cf6347b.txt", import.meta.url));
const tableLines = readFileSync(tablesFile, "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"));

const fmt = (value: number) => value.toFixed(4);

describe("the article's scenarios", () => {
  it("are the eight rows of the article's first table, texts exactly as written", () => {
    const rows = tableLines.slice(1, 9);
    expect(ARTICLE_SCENARIOS_ZH).toHaveLength(8);
    ARTICLE_SCENARIOS_ZH.forEach((s, i) => {
      expect(rows[i]).toBe(`${s.name}“${s.query}”“${s.strong}”“${s.weak}”“${s.unrelated}”`);
    });
  });

  it("have an English version of the same eight, in the same order", () => {
    expect(ARTICLE_SCENARIOS_EN).toHaveLength(ARTICLE_SCENARIOS_ZH.length);
    ARTICLE_SCENARIOS_EN.forEach((s, i) => {
      expect(s.name.startsWith(`${i + 1}. `)).toBe(true);
      const texts = [s.query, ...CANDIDATE_ROLES.map((role) => s[role])];
      expect(new Set(texts).size).toBe(4);
      for (const text of texts) expect(text).toMatch(/^[\x20-\x7E]+$/);
    });
    expect(articleScenarios("en")).toBe(ARTICLE_SCENARIOS_EN);
    expect(articleScenarios("zh")).toBe(ARTICLE_SCENARIOS_ZH);
  });

  it.skipIf(!existsSync(seedArticle))("copy their tables verbatim from the seed article", () => {
    const articleLines = new Set(readFileSync(seedArticle, "utf8").split("\n"));
    for (const line of tableLines) expect(articleLines.has(line), line).toBe(true);
  });
});

describe("the article's claimed numbers", () => {
  it("are the rows of the article's results table, CLS then Mean per scenario", () => {
    const rows = tableLines.slice(10, 26);
    ARTICLE_CLAIMS.forEach((claim, i) => {
      const { cls, mean } = claim;
      expect(rows[2 * i]).toBe(`${ARTICLE_SCENARIOS_ZH[i].name}[CLS]${fmt(cls.strong)}${fmt(cls.unrelated)}${fmt(cls.delta)}`);
      expect(rows[2 * i + 1]).toBe(`Mean${fmt(mean.strong)}${fmt(mean.unrelated)}${fmt(mean.delta)}`);
    });
    expect(tableLines.slice(26)).toEqual([
      `平均区分度[CLS]${fmt(ARTICLE_CLAIMED_AVERAGE.cls)}`,
      `Mean${fmt(ARTICLE_CLAIMED_AVERAGE.mean)}`,
    ]);
  });

  it("have deltas equal to strong minus unrelated, as the article defines them", () => {
    for (const claim of ARTICLE_CLAIMS) {
      for (const scores of [claim.cls, claim.mean]) {
        expect(scores.delta).toBeCloseTo(scores.strong - scores.unrelated, 4);
      }
    }
  });

  it("average to the printed CLS figure, but not to the printed Mean figure (0.4205, not 0.4016)", () => {
    const average = (pick: (i: number) => number) => ARTICLE_CLAIMS.reduce((sum, _, i) => sum + pick(i), 0) / 8;
    expect(fmt(average((i) => ARTICLE_CLAIMS[i].cls.delta))).toBe(fmt(ARTICLE_CLAIMED_AVERAGE.cls));
    expect(fmt(average((i) => ARTICLE_CLAIMS[i].mean.delta))).toBe("0.4205");
  });
});
