import { describe, expect, it } from "vitest";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import { argmaxPooling, buildLabRow, buildLabTable, mapPoolings, round4, scorePooling, type CandidateScores } from "./table";
import { ARTICLE_CLAIMS } from "./scenarios/article-claims";

const flat = (strong: number, weak: number, unrelated: number): CandidateScores => ({ strong, weak, unrelated });
/** Every pooling gets `base`, except those overridden. */
const scores = (base: CandidateScores, overrides: Partial<Record<Pooling, CandidateScores>> = {}) =>
  mapPoolings((p) => overrides[p] ?? base);

describe("scorePooling", () => {
  it("takes delta as strong minus unrelated and checks strong > weak > unrelated", () => {
    const scored = scorePooling(flat(0.8, 0.5, 0.2));
    expect(scored.delta).toBeCloseTo(0.6, 12);
    expect(scored.ordered).toBe(true);
  });

  it("fails the ordering when weak beats strong, unrelated beats weak, or two tie", () => {
    expect(scorePooling(flat(0.5, 0.8, 0.2)).ordered).toBe(false);
    expect(scorePooling(flat(0.8, 0.2, 0.5)).ordered).toBe(false);
    expect(scorePooling(flat(0.8, 0.8, 0.2)).ordered).toBe(false);
  });

  it("gives a negative delta when the unrelated candidate scores higher", () => {
    expect(scorePooling(flat(0.3, 0.2, 0.45)).delta).toBeCloseTo(-0.15, 12);
  });
});

describe("buildLabRow", () => {
  it("names the pooling with the largest delta the winner", () => {
    const row = buildLabRow("s", scores(flat(0.6, 0.4, 0.3), { last_token: flat(0.9, 0.5, 0.1), mean: flat(0.9, 0.5, 0.2) }));
    expect(row.winner).toBe("last_token");
    expect(row.pooling.last_token.delta).toBeCloseTo(0.8, 12);
  });

  it("breaks an exact tie by POOLINGS order", () => {
    expect(buildLabRow("s", scores(flat(0.6, 0.4, 0.3))).winner).toBe(POOLINGS[0]);
    expect(argmaxPooling({ cls: 0.1, mean: 0.5, mean_content: 0.2, last_token: 0.5, max: 0.5 })).toBe("mean");
  });
});

describe("buildLabTable", () => {
  const rows = [
    buildLabRow("a", scores(flat(0.5, 0.4, 0.3), { cls: flat(0.9, 0.5, 0.1) })),
    buildLabRow("b", scores(flat(0.5, 0.4, 0.3), { cls: flat(0.6, 0.7, 0.4), max: flat(0.8, 0.2, 0.3) })),
    buildLabRow("c", scores(flat(0.7, 0.5, 0.3))),
  ];
  const table = buildLabTable(rows);

  it("averages each pooling's deltas over the scenarios", () => {
    expect(table.averageDelta.cls).toBeCloseTo((0.8 + 0.2 + 0.4) / 3, 12);
    expect(table.averageDelta.max).toBeCloseTo((0.2 + 0.5 + 0.4) / 3, 12);
    expect(table.averageDelta.mean).toBeCloseTo((0.2 + 0.2 + 0.4) / 3, 12);
  });

  it("counts wins and kept orderings per pooling", () => {
    expect(table.wins).toEqual({ cls: 2, mean: 0, mean_content: 0, last_token: 0, max: 1 });
    expect(table.orderedCount).toEqual({ cls: 2, mean: 3, mean_content: 3, last_token: 3, max: 2 });
    expect(table.bestAverage).toBe("cls");
  });

  it("refuses an empty list instead of averaging to NaN", () => {
    expect(() => buildLabTable([])).toThrow(/Expected at least 1 scenario to tabulate, got 0/);
  });

  it("reproduces the article's CLS average from its own rows, and shows its Mean average is not theirs", () => {
    const articleRows = ARTICLE_CLAIMS.map((claim, i) =>
      buildLabRow(`${i + 1}`, scores(flat(0, 0, 0), {
        cls: flat(claim.cls.strong, (claim.cls.strong + claim.cls.unrelated) / 2, claim.cls.unrelated),
        mean: flat(claim.mean.strong, (claim.mean.strong + claim.mean.unrelated) / 2, claim.mean.unrelated),
      })),
    );
    const article = buildLabTable(articleRows);
    expect(round4(article.averageDelta.cls)).toBe(0.265);
    expect(round4(article.averageDelta.mean)).toBe(0.4205);
    expect(article.wins.mean).toBe(8);
  });
});

describe("round4", () => {
  it("rounds to four decimals and never prints -0", () => {
    expect(round4(0.123456)).toBe(0.1235);
    expect(Object.is(round4(-0.00001), 0)).toBe(true);
  });
});
