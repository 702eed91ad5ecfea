/**
 * Shareable links: `/?kb=<id>&q=<query>&model=<id>&pooling=<p>` opens the radar on a saved knowledge base with
 * that query searched. Pure.
 */
import { MAX_ID_CHARS, MAX_QUERY_CHARS } from "@/lib/api/contract/limits";
import { isPooling, type Pooling } from "@/lib/pooling/strategies";

export interface ShareParams {
  kb: string;
  query: string;
  model?: string;
  pooling?: Pooling;
}

/** The link's parameters, or null when the URL does not name a knowledge base; bad values are dropped, not trusted. */
export function parseShareParams(search: string): ShareParams | null {
  const params = new URLSearchParams(search);
  const kb = params.get("kb") ?? "";
  if (!kb || kb.length > MAX_ID_CHARS) return null;
  const model = params.get("model") ?? "";
  const pooling = params.get("pooling");
  return {
    kb,
    query: (params.get("q") ?? "").slice(0, MAX_QUERY_CHARS),
    ...(model && model.length <= MAX_ID_CHARS ? { model } : {}),
    ...(isPooling(pooling) ? { pooling } : {}),
  };
}

/** The path and query of the link for a search (relative: the page's own origin is prepended when copied). */
export function shareLinkFor(params: ShareParams): string {
  const query = new URLSearchParams({ kb: params.kb, q: params.query });
  if (params.model) query.set("model", params.model);
  if (params.pooling) query.set("pooling", params.pooling);
  return `/?${query}`;
}
