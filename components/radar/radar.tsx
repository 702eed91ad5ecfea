"use client";

import { exampleKbText, exampleQuery, isExampleKb, SCENARIOS } from "./examples";
import type { Pooling } from "@/lib/pooling/strategies";
import { EmbedProgress } from "./embed-progress";
import { ErrorBanner } from "./error-banner";
import { KbEditor } from "./kb-editor";
import { LibraryPicker } from "./library/library-picker";
import { ResultActions } from "./library/result-actions";
import { useLibrary } from "./library/use-library";
import { useShareLink } from "./library/use-share-link";
import { QueryBox } from "./query-box";
import { ResultsPanel } from "./results-panel";
import { Sidebar } from "./sidebar";
import { useRadar } from "./use-radar";
// issue 10 (why): explanations, map, calibration, script warning
import { CalibrationCard } from "./calibration/calibration-card";
import { useCalibration } from "./calibration/use-calibration";
import { useExplanation } from "./explain/use-explanation";
import { panelWhy, ScriptWarning, WhyViews } from "./why-section";
import { PinPooling } from "./calibration/pin-pooling";

/** The radar: settings on the left, the query on top, the knowledge base and the ranked results under it. */
export function Radar() {
  const radar = useRadar();
  const { settings, update, searching, model, view, language } = radar;
  const { phase, response } = searching;
  const shown: [Pooling] | [Pooling, Pooling] = view === "side_by_side" ? settings.compare : [view];
  // Saved knowledge bases and shareable links (issue 9): components/radar/library/.
  const library = useLibrary(response?.kbId);
  const share = useShareLink({ settings, update, runSearch: radar.runSearch, ready: radar.ready, modelId: model?.id ?? "", view, response });
  // issue 10 (why)
  const explanation = useExplanation();
  const calibration = useCalibration(model?.id, radar.ready);
  const why = panelWhy(response, shown, explanation, calibration);

  return (
    <div className="mx-auto grid max-w-screen-2xl gap-4 p-3 sm:p-4 lg:grid-cols-[18rem_minmax(0,1fr)] lg:gap-6">
      <Sidebar
        models={radar.models}
        broken={radar.status.status?.broken ?? []}
        model={model}
        engine={radar.status.engine}
        statusError={radar.status.error}
        onRetry={radar.status.retry}
        onModel={radar.chooseModel}
        view={view}
        compare={settings.compare}
        onView={(next) => update({ view: next })}
        onCompare={(compare) => update({ compare })}
        threshold={settings.threshold}
        onThreshold={(threshold) => update({ threshold })}
        topK={settings.topK}
        onTopK={(topK) => update({ topK })}
        library={<LibraryPicker library={library} currentKbId={response?.kbId} onOpen={(id) => void share.open(id)} />}
        extra={
          <>
            <PinPooling pinned={settings.pinned} onPinned={(pinned) => update({ pinned })} />
            <CalibrationCard
              modelId={model?.id ?? ""}
              calibration={calibration.calibration}
              loading={calibration.loading}
              progress={calibration.progress}
              error={calibration.error}
              poolings={shown}
              threshold={settings.threshold}
              onThreshold={(threshold) => update({ threshold })}
            />
          </>
        }
      />
      <main className="flex min-w-0 flex-col gap-4">
        <QueryBox
          query={settings.query}
          onQuery={(query) => update({ query })}
          onSearch={radar.runSearch}
          busy={phase.kind !== "idle"}
          examples={isExampleKb(settings.kbText) ? SCENARIOS[language].map((s) => s.query) : []}
        />
        <EmbedProgress phase={phase} onCancel={searching.cancel} />
        {radar.message ? <ErrorBanner message={radar.message} tone={radar.messageTone} onDismiss={radar.dismissError} /> : null}
        {radar.storageWarning ? <p className="text-sm text-amber-800">{radar.storageWarning}</p> : null}
        {share.notice ? <ErrorBanner message={share.notice} onDismiss={share.dismissNotice} /> : null}
        <ScriptWarning entries={radar.cleaned.entries} model={model} />
        <WhyViews response={response} shown={shown} explanation={explanation} where="above" />
        {/* Two result columns need the width: side by side puts the knowledge base underneath. On a phone the results
            come first, right under the query (order-first), the knowledge base after them. */}
        <div className={view === "side_by_side" ? "flex flex-col gap-6" : "grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"}>
          <KbEditor
            text={settings.kbText}
            onText={(kbText) => update({ kbText })}
            report={radar.cleaned.report}
            truncated={radar.truncated}
            maxTokens={model?.maxTokens}
            example={{ label: language === "zh" ? "Load the example (中文)" : "Load the example (English)", text: exampleKbText(language) }}
            onLoadExample={() => update({ query: exampleQuery(language) })}
          />
          <section
            className={`order-first flex min-w-0 flex-col gap-2 ${view === "side_by_side" ? "" : "xl:order-none"}`}
            aria-label="Results"
            data-testid="results"
            data-query={response?.query ?? ""}
            data-stale={radar.stale}
            data-busy={phase.kind !== "idle"}
          >
            {radar.stale ? <p className="text-sm text-slate-600">These results are for an earlier query or knowledge base: press Enter to search again.</p> : null}
            {response ? <ResultActions response={response} link={share.link} /> : null}
            {response ? (
              <ResultsPanel response={response} poolings={shown} nativePooling={radar.native} threshold={settings.threshold} truncated={radar.resultTruncation} why={why} />
            ) : (
              <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-500">
                {radar.ready ? "Type a query and press Enter to rank the knowledge base." : "Results appear here once the model is loaded."}
              </p>
            )}
          </section>
        </div>
        <WhyViews
          response={response}
          shown={shown}
          explanation={explanation}
          where="below"
          compare={{ model, models: radar.models, entries: radar.cleaned.entries, topK: settings.topK, threshold: settings.threshold, stale: radar.stale }}
        />
      </main>
    </div>
  );
}
