/** Rank changes between two poolings for the side-by-side view. Pure. */
import type { Pooling } from "../pooling/strategies";
import type { SearchHit } from "./types";

export interface RankChange {
  /** Positive: the entry ranks higher (better) in this column than in the other. */
  delta: number;
  direction: "up" | "down" | "same" | "new";
  /** "▲ 3", "▼ 2", "=" or "new" (not ranked in the other column's search). */
  label: string;
  /** For screen readers and tooltips: "up 3 places from rank 5 under Mean". */
  description: string;
}

/** How `hit` moved compared to its rank under `other`. */
export function rankChange(hit: SearchHit, other: Pooling, otherLabel: string = other): RankChange {
  const otherRank = hit.ranks[other];
  if (otherRank === undefined) {
    return { delta: 0, direction: "new", label: "new", description: `not ranked under ${otherLabel}` };
  }
  const delta = otherRank - hit.rank;
  if (delta === 0) return { delta, direction: "same", label: "=", description: `same rank under ${otherLabel}` };
  const places = `${Math.abs(delta)} place${Math.abs(delta) === 1 ? "" : "s"}`;
  const direction = delta > 0 ? "up" : "down";
  return {
    delta,
    direction,
    label: `${delta > 0 ? "▲" : "▼"} ${Math.abs(delta)}`,
    description: `${direction} ${places} from rank ${otherRank} under ${otherLabel}`,
  };
}

/** How many entries the two top-k lists share (the side-by-side caption). */
export function overlapCount(left: readonly SearchHit[], right: readonly SearchHit[]): number {
  const rightIndices = new Set(right.map((hit) => hit.index));
  return left.filter((hit) => rightIndices.has(hit.index)).length;
}
