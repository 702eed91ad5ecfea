/** What the main thread asks the map worker (map-worker.ts) and what it answers. Types only. */
import type { MapMethod } from "./map-types";

export interface MapWorkerRequest {
  type: "layout";
  method: MapMethod;
  /** Unit rows [count, dims] (transferred). */
  rows: Float32Array;
  count: number;
  dims: number;
  /** The query's unit vector [dims]: laid out (UMAP) or projected (PCA) with the rows, and each row scored. */
  query?: Float32Array;
  seed: number;
}

export interface LayoutReply {
  /** [count (+1 for the query), 2]. */
  coords: Float32Array;
  explainedVariance?: [number, number];
  /** Each row's cosine with the query. */
  scores?: Float32Array;
}
