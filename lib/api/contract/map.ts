/** POST /api/map: a 2-D layout of a knowledge base per pooling, with the query among it (answers MapResponse). */
import { z } from "zod";
import { MAP_METHODS, type KbMap, type MapInput } from "../../kb/map-types";
import { idField, poolingListField, searchQueryField } from "./fields";

export { MAP_MAX_POINTS, MAP_METHODS, MAP_PREVIEW_CHARS, MAP_SEED } from "../../kb/map-types";
export type { MapMethod, MapPoint, PoolingMap } from "../../kb/map-types";

export const mapRequestSchema = z.object({
  kbId: idField("a kbId returned by POST /api/kb"),
  poolings: poolingListField(5, "expected at most 5 pooling names (there are 5)"),
  method: z.enum(MAP_METHODS, { error: `expected method "pca" or "umap"` }),
  /** Placed on the map and used to colour each entry by its score. */
  query: searchQueryField("expected the query as a string").optional(),
}) satisfies z.ZodType<MapInput>;

export type MapRequest = z.infer<typeof mapRequestSchema>;

export type MapResponse = KbMap;
