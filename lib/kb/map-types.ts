/** A knowledge base on a 2-D map, one layout per pooling: what mapKb takes and gives. Types and constants, pure. */
import type { Pooling } from "../pooling/strategies";
import type { Timings } from "./types";

export const MAP_METHODS = ["pca", "umap"] as const;
export type MapMethod = (typeof MAP_METHODS)[number];

/**
 * A knowledge base larger than this is drawn from a seeded sample of this many entries. UMAP's neighbour search
 * and 500 epochs cost seconds per thousand points on a CPU; PCA's power iteration is linear and takes more.
 */
export const MAP_MAX_POINTS: Record<MapMethod, number> = { pca: 5_000, umap: 1_000 };

/** The seed of the sample and of UMAP: the same knowledge base always gives the same picture. */
export const MAP_SEED = 42;

/** A point's hover text is the entry cut to this many characters. */
export const MAP_PREVIEW_CHARS = 120;

/** A map request, checked: known poolings, each once; a query with something to embed in it, trimmed. */
export interface MapInput {
  kbId: string;
  poolings: readonly Pooling[];
  method: MapMethod;
  query?: string;
}

export interface MapPoint {
  /** Index of the entry in the knowledge base. */
  index: number;
  x: number;
  y: number;
  /** Cosine with the query, when one was given. */
  score?: number;
  /** The entry, cut to MAP_PREVIEW_CHARS. */
  text: string;
}

export interface PoolingMap {
  points: MapPoint[];
  query?: { x: number; y: number };
  /** PCA: each axis's share of the variance of the points drawn. */
  explainedVariance?: [number, number];
}

export interface KbMap {
  kbId: string;
  model: string;
  method: MapMethod;
  /** Entries in the knowledge base. */
  count: number;
  /** Set when only a seeded sample of the entries is drawn. */
  sample: { kept: number; of: number; seed: number } | null;
  poolings: Partial<Record<Pooling, PoolingMap>>;
  timings: Timings;
}
