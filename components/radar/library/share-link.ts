/**
 * Shareable links: `/?kb=<id>&q=<query>&model=<id>&pooling=<p>` opens the radar on a saved knowledge base with
 * that query searched; `&layer=<l>&correction=<c>&precision=<p>` appear only off the defaults. Pure.
 */
import { MAX_ID_CHARS, MAX_QUERY_CHARS } from "@/lib/api/contract/limits";
import { isCorrection, type Correction } from "@/lib/pooling/correction-names";
import { isPrecision, type Precision } from "@/lib/pooling/precision";
import { isPooling, type Pooling } from "@/lib/pooling/strategies";

// The same shape the settings keep (settings.ts's LAYER_SETTING), without importing the browser's settings.
const LAYER = /^(first_last|last_two|\d{1,3})$/;

export interface ShareParams {
  kb: string;
  query: string;
  model?: string;
  pooling?: Pooling;
  /** A layer number, "first_last" or "last_two"; absent: the last layer. */
  layer?: string;
  correction?: Correction;
  precision?: Precision;
}

/** The link's parameters, or null when the URL does not name a knowledge base; bad values are dropped, not trusted. */
export function parseShareParams(search: string): ShareParams | null {
  const params = new URLSearchParams(search);
  const kb = params.get("kb") ?? "";
  if (!kb || kb.length > MAX_ID_CHARS) return null;
  const model = params.get("model") ?? "";
  const pooling = params.get("pooling");
  const layer = params.get("layer") ?? "";
  const correction = params.get("correction");
  const precision = params.get("precision");
  return {
    kb,
    query: (params.get("q") ?? "").slice(0, MAX_QUERY_CHARS),
    ...(model && model.length <= MAX_ID_CHARS ? { model } : {}),
    ...(isPooling(pooling) ? { pooling } : {}),
    ...(LAYER.test(layer) ? { layer } : {}),
    ...(isCorrection(correction) && correction !== "none" ? { correction } : {}),
    ...(isPrecision(precision) && precision !== "float32" ? { precision } : {}),
  };
}

/** The path and query of the link for a search (relative: the page's own origin is prepended when copied). */
export function shareLinkFor(params: ShareParams): string {
  const query = new URLSearchParams({ kb: params.kb, q: params.query });
  if (params.model) query.set("model", params.model);
  if (params.pooling) query.set("pooling", params.pooling);
  if (params.layer) query.set("layer", params.layer);
  if (params.correction && params.correction !== "none") query.set("correction", params.correction);
  if (params.precision && params.precision !== "float32") query.set("precision", params.precision);
  return `/?${query}`;
}
