import { describe, expect, it } from "vitest";
import { overlapCount, rankChange } from "./rank-diff";
import type { SearchHit } from "./types";

const hit = (index: number, rank: number, ranks: SearchHit["ranks"]): SearchHit => ({ index, text: `e${index}`, score: 0.5, rank, ranks });

describe("rankChange", () => {
  it("shows an entry that ranks better here as up, by how many places", () => {
    expect(rankChange(hit(0, 2, { cls: 2, mean: 5 }), "mean", "Mean")).toEqual({
      delta: 3,
      direction: "up",
      label: "▲ 3",
      description: "up 3 places from rank 5 under Mean",
    });
  });

  it("shows a worse rank as down", () => {
    const change = rankChange(hit(0, 4, { cls: 4, mean: 3 }), "mean");
    expect(change).toMatchObject({ delta: -1, direction: "down", label: "▼ 1" });
    expect(change.description).toMatch(/^down 1 place from rank 3/);
  });

  it("shows the same rank as =", () => {
    expect(rankChange(hit(0, 1, { cls: 1, mean: 1 }), "mean")).toMatchObject({ delta: 0, direction: "same", label: "=" });
  });

  it("says when the other pooling was not searched", () => {
    expect(rankChange(hit(0, 1, { cls: 1 }), "max")).toMatchObject({ direction: "new", label: "new" });
  });
});

describe("overlapCount", () => {
  it("counts entries present in both lists", () => {
    const left = [hit(1, 1, {}), hit(2, 2, {}), hit(3, 3, {})];
    const right = [hit(3, 1, {}), hit(4, 2, {}), hit(1, 3, {})];
    expect(overlapCount(left, right)).toBe(2);
  });
});
