"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { cleanEntries, splitLines } from "@/lib/kb/clean";
import { exampleKbText, exampleLanguageFor, exampleQuery, isExampleKb, isExampleQuery } from "./examples";
import { dimensionsFor, VIEWS, variantRequest, type RadarSettings, type View } from "./settings";
import { useEngineStatus } from "./use-engine-status";
import { kbKey, useSearch } from "./use-search";
import { useSettings, type StorageProblem } from "./use-settings";
import { useRoomInfo } from "../room/use-room-info";

/** Something the person has to fix before a search can run: said in the interface language. */
export type InputProblem = "empty-kb" | "empty-query" | "too-many";

// Typing a top-k digit by digit should search once, for the number meant.
const TOP_K_DEBOUNCE_MS = 300;

/** The radar's state: saved settings, the engine's status, the search, and what follows from them. */
export function useRadar(initial: { settings: RadarSettings; problem: StorageProblem | null }) {
  const { settings, update, storageProblem } = useSettings(initial);
  const status = useEngineStatus(settings.model);
  const searching = useSearch();
  const { search, response, built, dismissError: dismissSearchError } = searching;
  const [inputProblem, setInputProblem] = useState<InputProblem | null>(null);
  const room = useRoomInfo();

  const models = status.status?.models ?? [];
  const model = models.find((m) => m.id === (settings.model ?? status.status?.defaultModel));
  const modelId = model?.id ?? "";
  const native = model?.nativePooling;
  const view: View = settings.view ?? ((VIEWS as readonly string[]).includes(native ?? "") ? (native as View) : "mean");
  const language = exampleLanguageFor(model?.languages ?? ["en"]);
  const ready = status.engine?.status === "ready";
  const dimensions = dimensionsFor(settings.dimensions, model);

  // Cleaning follows typing a beat behind (useDeferredValue), so a large paste stays responsive.
  const deferredKb = useDeferredValue(settings.kbText);
  const cleaned = useMemo(() => cleanEntries(splitLines(deferredKb)), [deferredKb]);
  const currentKey = useMemo(() => kbKey(modelId, cleaned.entries), [modelId, cleaned.entries]);

  // The latest settings for searches started from a click (an example query) before React re-rendered.
  const latest = useRef(settings);
  latest.current = settings;
  const latestModel = useRef(model);
  latestModel.current = model;
  const runSearch = useCallback(
    (query?: string) => {
      if (!modelId) return;
      const current = latest.current;
      const text = (query ?? current.query).trim();
      const entries = cleanEntries(splitLines(current.kbText)).entries;
      // Past the server's limit the editor offers to keep the first entries; sending them all would only be refused.
      const problem = entries.length === 0 ? "empty-kb" : entries.length > room.maxEntries ? "too-many" : text === "" ? "empty-query" : null;
      setInputProblem(problem);
      if (!problem) void search({ model: modelId, entries, query: text, topK: current.topK, dimensions: dimensionsFor(current.dimensions, latestModel.current), variant: variantRequest(current) });
    },
    [modelId, search, room.maxEntries],
  );

  useAutoSearch(ready, modelId, settings.query.trim() !== "" && cleaned.entries.length > 0, runSearch);
  useSearchOnChange(settings.topK, response !== null, runSearch);
  useSearchOnDimensions(dimensions, response !== null, runSearch);
  useSearchOnChange(`${settings.layer} ${settings.correction} ${settings.precision}`, response !== null, runSearch);

  // A saved model that is no longer installed: fall back to the default rather than poll an error forever.
  useEffect(() => {
    if (status.error?.code === "model_not_found" && settings.model) update({ model: null });
  }, [status.error, settings.model, update]);

  const chooseModel = useCallback(
    (id: string) => {
      const nextLanguage = exampleLanguageFor(models.find((m) => m.id === id)?.languages ?? ["en"]);
      // Swap the example for the new model's language, but never replace what the person typed.
      update({
        model: id,
        // A new model starts on its own native pooling unless the person pinned one (side by side stays).
        ...(settings.pinned || settings.view === "side_by_side" ? {} : { view: null }),
        ...(isExampleKb(settings.kbText) ? { kbText: exampleKbText(nextLanguage) } : {}),
        ...(isExampleQuery(settings.query) ? { query: exampleQuery(nextLanguage) } : {}),
      });
    },
    [models, settings.kbText, settings.query, settings.pinned, settings.view, update],
  );

  const stale = Boolean(response && (response.query !== settings.query.trim() || built?.key !== currentKey || response.model !== modelId));
  const dismissError = useCallback(() => {
    setInputProblem(null);
    dismissSearchError();
  }, [dismissSearchError]);

  return {
    settings, update, storageProblem, status, searching, models, model, native, view, language, ready, cleaned, stale, dimensions,
    truncated: built?.key === currentKey ? built.done.truncated : null,
    // The truncation facts of the knowledge base the shown results were ranked in (tags on long entries).
    resultTruncation: response && built?.done.kbId === response.kbId ? built.done.truncated : [],
    inputProblem, room,
    runSearch, chooseModel, dismissError,
  };
}

/** A first visit (and a model switch) shows results as soon as the model is ready, once per model. */
function useAutoSearch(ready: boolean, modelId: string, canSearch: boolean, runSearch: () => void) {
  const searchedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || searchedFor.current === modelId) return;
    searchedFor.current = modelId;
    if (canSearch) runSearch();
  }, [ready, modelId, canSearch, runSearch]);
}

/**
 * A new top-k, layer, correction or precision searches the same knowledge base again: nothing is re-sent, only
 * the search runs again.
 */
function useSearchOnChange(value: number | string, hasResults: boolean, runSearch: () => void) {
  const last = useRef(value);
  useEffect(() => {
    if (last.current === value) return;
    last.current = value;
    if (!hasResults) return;
    const timer = setTimeout(() => runSearch(), TOP_K_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value, hasResults, runSearch]);
}

/** A new Matryoshka cut re-ranks the same knowledge base at once (a select, not typing): no re-embedding. */
function useSearchOnDimensions(dimensions: number | undefined, hasResults: boolean, runSearch: () => void) {
  const last = useRef(dimensions);
  useEffect(() => {
    if (last.current === dimensions) return;
    last.current = dimensions;
    if (hasResults) runSearch();
  }, [dimensions, hasResults, runSearch]);
}
