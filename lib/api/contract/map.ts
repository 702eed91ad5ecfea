/** POST /api/map: a 2-D layout of a knowledge base per pooling, with the query among it (answers MapResponse). */
import { z } from "zod";
import { idField, queryField } from "./fields";
import type { Pooling, Timings } from "./wire-types";

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

export const mapRequestSchema = z.object({
  kbId: idField("a kbId returned by POST /api/kb"),
  poolings: z
    .array(z.string({ error: "expected pooling names as strings" }), { error: 'expected an array of pooling names such as ["cls", "mean"]' })
    .min(1, { error: "expected at least one pooling name" })
    .max(5, { error: "expected at most 5 pooling names (there are 5)" }),
  method: z.enum(MAP_METHODS, { error: `expected method "pca" or "umap"` }),
  /** Placed on the map and used to colour each entry by its score. */
  query: queryField("expected the query as a string").optional(),
});

export type MapRequest = z.infer<typeof mapRequestSchema>;

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

export interface MapResponse {
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
