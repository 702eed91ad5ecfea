"use client";

import type { ModelSummary, Pooling, SearchResponse } from "@/lib/api/contract";
import { scriptMismatch } from "@/lib/kb/script-check";
import { useI18n } from "../i18n/use-messages";
import { ModelCompare } from "./compare-models/model-compare";
import { ExplanationPanel } from "./explain/explanation-panel";
import type { Explanation } from "./explain/use-explanation";
import { MapPanel } from "./map/map-panel";

const MAP_ORIGIN = "map";

/** A warning above the results when the entries' script is not the model's. */
export function ScriptWarning({ entries, model }: { entries: readonly string[]; model: ModelSummary | undefined }) {
  const { t } = useI18n();
  const mismatch = model ? scriptMismatch(entries, model.languages, model.id) : null;
  if (!mismatch || !model) return null;
  const share = `${Math.round(mismatch.share * 100)}%`;
  return (
    <p role="alert" data-testid="script-warning" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {mismatch.script === "Chinese"
        ? t.why.scriptChinese(share, model.id, model.languages.map((l) => (l === "en" || l === "zh" ? t.lab.languageNames[l] : l)).join(", ") || t.why.otherLanguages)
        : t.why.scriptLatin(share, model.id)}
    </p>
  );
}

interface CompareContext {
  model: ModelSummary | undefined;
  models: ModelSummary[];
  entries: string[];
  topK: number;
  threshold: number;
  /** The results are for an earlier knowledge base or query: no comparison until searched again. */
  stale: boolean;
}

/** Under the results: the map (following the query and the pooling) and model against model. */
export function WhyViews({ response, shown, explanation, compare }: { response: SearchResponse | null; shown: Pooling[]; explanation: Explanation; compare: CompareContext }) {
  if (!response) return null;
  return (
    <>
      <MapPanel
        kbId={response.kbId}
        query={response.query}
        poolings={shown}
        onExplain={(index, opener) => explanation.open({ kbId: response.kbId, query: response.query, index, poolings: shown, origin: MAP_ORIGIN, opener })}
        explanation={explanation.target?.origin === MAP_ORIGIN ? <ExplanationPanel explanation={explanation} /> : undefined}
      />
      {compare.model && !compare.stale && compare.models.length > 1 && response.model === compare.model.id ? (
        <ModelCompare
          base={response}
          baseModel={compare.model}
          models={compare.models}
          entries={compare.entries}
          topK={compare.topK}
          threshold={compare.threshold}
          explanation={explanation}
        />
      ) : null}
    </>
  );
}
