"use client";

import type { ModelSummary, Pooling, SearchResponse } from "@/lib/api/contract";
import { scriptMismatch } from "@/lib/kb/script-check";
import { percentileReading } from "./calibration/reading";
import type { useCalibration } from "./calibration/use-calibration";
import { ExplanationPanel } from "./explain/explanation-panel";
import type { PanelWhy } from "./explain/panel-why";
import type { useExplanation } from "./explain/use-explanation";
import { MapPanel } from "./map/map-panel";
import { ModelCompare } from "./compare-models/model-compare";

type Explanation = ReturnType<typeof useExplanation>;
type Calibration = ReturnType<typeof useCalibration>;

/** What the results panel needs from issue 10's state: readings per score and the explain action. */
export function panelWhy(response: SearchResponse | null, shown: Pooling[], explanation: Explanation, calibration: Calibration): PanelWhy | undefined {
  if (!response) return undefined;
  return {
    readingFor: (pooling, score) => percentileReading(score, calibration.calibration?.poolings[pooling]),
    onExplain: (index) => explanation.open({ kbId: response.kbId, query: response.query, index, poolings: shown }),
  };
}

/** A warning above the results when the entries' script is not the model's. */
export function ScriptWarning({ entries, model }: { entries: readonly string[]; model: ModelSummary | undefined }) {
  const mismatch = model ? scriptMismatch(entries, model.languages, model.id) : null;
  if (!mismatch) return null;
  return (
    <p role="alert" data-testid="script-warning" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {mismatch.message}
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

/** The explanation (when a result was picked) above the results; the map and model against model under them. */
export function WhyViews({ response, shown, explanation, where, compare }: { response: SearchResponse | null; shown: Pooling[]; explanation: Explanation; where: "above" | "below"; compare?: CompareContext }) {
  if (!response) return null;
  if (where === "above") {
    return explanation.target ? <ExplanationPanel results={explanation.results} loading={explanation.loading} error={explanation.error} onClose={explanation.close} /> : null;
  }
  return (
    <>
      <MapPanel kbId={response.kbId} query={response.query} poolings={shown} onExplain={(index) => explanation.open({ kbId: response.kbId, query: response.query, index, poolings: shown })} />
      {compare?.model && !compare.stale && compare.models.length > 1 && response.model === compare.model.id ? (
        <ModelCompare
          base={response}
          baseModel={compare.model}
          models={compare.models}
          entries={compare.entries}
          topK={compare.topK}
          threshold={compare.threshold}
          onExplain={(kbId, query, index, pooling) => explanation.open({ kbId, query, index, poolings: [pooling] })}
        />
      ) : null}
    </>
  );
}
