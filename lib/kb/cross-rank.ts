/** Rank changes between two searches of the same entries (two models, or one model and another pooling). Pure. */
import type { SearchHit } from "./types";
import type { RankChange } from "./rank-diff";

/** How `hit` moved compared to the same entry (by index) in `other`; "new" when it is not in other's top-k. */
export function crossRankChange(hit: SearchHit, other: readonly SearchHit[], otherLabel: string): RankChange {
  const otherRank = other.find((o) => o.index === hit.index)?.rank;
  if (otherRank === undefined) return { delta: 0, direction: "new", label: "new", description: `not in the top ${other.length} of ${otherLabel}` };
  const delta = otherRank - hit.rank;
  if (delta === 0) return { delta, direction: "same", label: "=", description: `same rank under ${otherLabel}` };
  const places = `${Math.abs(delta)} place${Math.abs(delta) === 1 ? "" : "s"}`;
  const direction = delta > 0 ? "up" : "down";
  return { delta, direction, label: `${delta > 0 ? "▲" : "▼"} ${Math.abs(delta)}`, description: `${direction} ${places} from rank ${otherRank} under ${otherLabel}` };
}
