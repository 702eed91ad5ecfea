"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { AppError } from "@/lib/errors";
import type { Pooling } from "@/lib/pooling/strategies";
import { VIEWS, type RadarSettings, type View } from "../settings";
import type { SearchResponse } from "@/lib/api/contract";
import { fetchSavedKb } from "./library-api";
import { parseShareParams, shareLinkFor } from "./share-link";
import { errorText } from "../../i18n/error-text";
import { useI18n } from "../../i18n/use-messages";

interface RadarHandle {
  settings: RadarSettings;
  update: (patch: Partial<RadarSettings>) => void;
  runSearch: () => void;
  ready: boolean;
  modelId: string;
  view: View;
  response: SearchResponse | null;
}

/**
 * Opening saved knowledge bases (from the picker or a shared link) and keeping the address bar on a link to
 * the current search. An opened knowledge base goes into the editor as its entries; searching it finds the
 * stored vectors under the same content address, so nothing is embedded again.
 */
export function useShareLink(radar: RadarHandle) {
  const [notice, setNotice] = useState<string | null>(null);
  const i18n = useI18n();
  // The notice is worded in the language of the moment; `open` stays the same function.
  const language = useRef(i18n);
  language.current = i18n;
  const pending = useRef<{ kbText: string; model: string } | null>(null);
  const { settings, update, runSearch, ready, modelId, view, response } = radar;

  const open = useCallback(
    async (id: string, options: { query?: string; model?: string; pooling?: Pooling; variant?: Pick<RadarSettings, "layer" | "correction" | "precision"> } = {}) => {
      setNotice(null);
      try {
        const { kb, entries } = await fetchSavedKb(id);
        // A document's knowledge base opens in the document view, with its chunks in place.
        if (kb.document) return window.location.assign(`/documents?${new URLSearchParams({ kb: id, q: options.query ?? "" })}`);
        const kbText = entries.join("\n");
        pending.current = { kbText, model: kb.model };
        update({ kbText, model: kb.model, ...(options.query ? { query: options.query } : {}), ...viewFor(options.pooling), ...options.variant });
      } catch (caught) {
        const missing = caught instanceof AppError && caught.code === "kb_not_found";
        const { t } = language.current;
        setNotice(
          missing
            ? t.library.linkMissing(id.slice(0, 40))
            : t.library.linkFailed(id.slice(0, 40), caught instanceof AppError ? errorText(caught, language.current) : t.common.tryAgain),
        );
      }
    },
    [update],
  );

  // A shared link opens once, on the first render in the browser. Not on a reload: the address bar follows the
  // searches, and a reload must keep what the editor holds (restored from the browser), not the last search's.
  useEffect(() => {
    const shared = parseShareParams(window.location.search);
    if (!shared || isReload()) return;
    // A link says its layer, correction and precision when they are off the defaults: without them it means the defaults.
    const variant = { layer: shared.layer ?? "last", correction: shared.correction ?? "none", precision: shared.precision ?? "float32" } as const;
    void open(shared.kb, { query: shared.query, model: shared.model, pooling: shared.pooling, variant });
  }, [open]);

  // Search once the opened entries are in the editor and their model is ready.
  useEffect(() => {
    const want = pending.current;
    if (!want || !ready || settings.kbText !== want.kbText || modelId !== want.model) return;
    pending.current = null;
    runSearch();
  }, [ready, settings.kbText, modelId, runSearch]);

  const pooling = view === "side_by_side" ? settings.compare[0] : view;
  const v = response?.variant;
  const variant = v ? { ...(v.layer !== String(v.lastLayer) ? { layer: v.layer } : {}), correction: v.correction, precision: v.precision } : {};
  const link = response ? shareLinkFor({ kb: response.kbId, query: response.query, model: response.model, pooling, ...variant }) : null;

  // The address bar follows the searches (replaceState: no history entry per query).
  useEffect(() => {
    if (link) window.history.replaceState(window.history.state, "", link);
  }, [link]);

  return { open, notice, dismissNotice: () => setNotice(null), link };
}

function viewFor(pooling: Pooling | undefined): Partial<RadarSettings> {
  if (!pooling) return {};
  if ((VIEWS as readonly string[]).includes(pooling)) return { view: pooling as View };
  return { view: "side_by_side", compare: [pooling, pooling === "mean" ? "cls" : "mean"] };
}

function isReload(): boolean {
  const [navigation] = performance.getEntriesByType?.("navigation") ?? [];
  return (navigation as PerformanceNavigationTiming | undefined)?.type === "reload";
}
