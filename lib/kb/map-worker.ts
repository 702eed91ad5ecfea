/**
 * The map worker: lays out vectors in 2-D (projection.ts). A UMAP of a thousand points takes seconds of CPU,
 * so it runs here, off the server's event loop and off the rank worker (searches never wait behind a layout).
 */
import { AppError } from "../errors";
import { serveRequests } from "../engine/worker/serve";
import { pcaLayout, umapLayout, MIN_UMAP_POINTS } from "./projection";
import type { LayoutReply, MapWorkerRequest } from "./map-protocol";

serveRequests<MapWorkerRequest>((request) => {
  const { rows, count, dims, query, seed } = request;
  const extra = query ?? new Float32Array(0);
  if (request.method === "umap" && count < MIN_UMAP_POINTS) {
    throw new AppError("invalid_input", `expected at least ${MIN_UMAP_POINTS} entries for a UMAP layout, got ${count}; use "pca"`);
  }
  const layout = request.method === "pca" ? pcaLayout(rows, count, dims, extra) : umapLayout(rows, count, dims, seed, extra);
  const scores = query ? new Float32Array(count) : undefined; // cosine of each unit row with the unit query
  if (scores && query) for (let r = 0; r < count; r++) for (let d = 0; d < dims; d++) scores[r] += rows[r * dims + d] * query[d];
  const reply: LayoutReply = { coords: layout.coords, explainedVariance: layout.explainedVariance, scores };
  return { result: reply, transfer: [layout.coords.buffer as ArrayBuffer, ...(scores ? [scores.buffer as ArrayBuffer] : [])] };
});
