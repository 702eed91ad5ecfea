import { describe, expect, it } from "vitest";
import { crossRankChange } from "./cross-rank";

const hit = (index: number, rank: number) => ({ index, rank, text: `e${index}`, score: 1 - rank / 10, ranks: {} });
const other = [hit(2, 1), hit(0, 2), hit(1, 3)];

describe("crossRankChange", () => {
  it("compares ranks of the same entry across two searches", () => {
    expect(crossRankChange(hit(0, 1), other, "bge")).toMatchObject({ delta: 1, direction: "up", label: "▲ 1", description: "up 1 place from rank 2 under bge" });
    expect(crossRankChange(hit(2, 3), other, "bge")).toMatchObject({ delta: -2, direction: "down", label: "▼ 2" });
    expect(crossRankChange(hit(1, 3), other, "bge")).toMatchObject({ direction: "same", label: "=" });
  });

  it("says new when the entry is not in the other top-k", () => {
    expect(crossRankChange(hit(7, 1), other, "bge")).toMatchObject({ direction: "new", description: "not in the top 3 of bge" });
  });
});
