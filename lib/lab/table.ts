/**
 * The article's table, computed: per scenario and pooling, the cosine of the query with its strong, weak and
 * unrelated candidate, the discrimination (delta = strong - unrelated, the article's 区分度), the ordering check
 * (strong > weak > unrelated) and the pooling that wins the scenario. Pure: safe for client components.
 */
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import type { CandidateRole } from "./scenarios/types";

/** Cosine of the query with each candidate. */
export type CandidateScores = Record<CandidateRole, number>;

export interface PoolingScores extends CandidateScores {
  /** strong - unrelated: how far apart the pooling puts the right answer and the wrong one. */
  delta: number;
  /** The hand-made ranking holds: strong > weak > unrelated. */
  ordered: boolean;
}

export interface LabRow {
  name: string;
  pooling: Record<Pooling, PoolingScores>;
  /** The pooling with the largest delta (the first in POOLINGS order on an exact tie). */
  winner: Pooling;
}

export interface LabTable {
  rows: LabRow[];
  /** Mean of the per-scenario deltas: the article's 平均区分度. */
  averageDelta: Record<Pooling, number>;
  /** How many scenarios each pooling wins. */
  wins: Record<Pooling, number>;
  /** How many scenarios keep strong > weak > unrelated, per pooling. */
  orderedCount: Record<Pooling, number>;
  /** The pooling with the largest average delta. */
  bestAverage: Pooling;
}

export function scorePooling(scores: CandidateScores): PoolingScores {
  return {
    ...scores,
    delta: scores.strong - scores.unrelated,
    ordered: scores.strong > scores.weak && scores.weak > scores.unrelated,
  };
}

/** The key with the largest value; POOLINGS order breaks exact ties so the answer never depends on object order. */
export function argmaxPooling(values: Record<Pooling, number>): Pooling {
  return POOLINGS.reduce((best, pooling) => (values[pooling] > values[best] ? pooling : best), POOLINGS[0]);
}

export function buildLabRow(name: string, scores: Record<Pooling, CandidateScores>): LabRow {
  const pooling = mapPoolings((p) => scorePooling(scores[p]));
  return { name, pooling, winner: argmaxPooling(mapPoolings((p) => pooling[p].delta)) };
}

/** Throws on an empty list: an average of nothing would be NaN in every cell. */
export function buildLabTable(rows: readonly LabRow[]): LabTable {
  if (rows.length === 0) throw new RangeError("Expected at least 1 scenario to tabulate, got 0");
  const averageDelta = mapPoolings((p) => rows.reduce((sum, row) => sum + row.pooling[p].delta, 0) / rows.length);
  return {
    rows: [...rows],
    averageDelta,
    wins: mapPoolings((p) => rows.filter((row) => row.winner === p).length),
    orderedCount: mapPoolings((p) => rows.filter((row) => row.pooling[p].ordered).length),
    bestAverage: argmaxPooling(averageDelta),
  };
}

export function mapPoolings<T>(make: (pooling: Pooling) => T): Record<Pooling, T> {
  return Object.fromEntries(POOLINGS.map((pooling) => [pooling, make(pooling)])) as Record<Pooling, T>;
}

/** Four decimals, as the article prints its scores; -0 prints as 0. */
export function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4 + 0;
}
