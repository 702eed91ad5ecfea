"use client";

import type { Pooling } from "@/lib/pooling/strategies";
import { errorText } from "../i18n/error-text";
import { useI18n } from "../i18n/use-messages";
import { JoinCard } from "../room/join-card";
import { shareOrigin } from "../room/use-room-info";
import { CalibrationCard } from "./calibration/calibration-card";
import { PinPooling } from "./calibration/pin-pooling";
import { useCalibration } from "./calibration/use-calibration";
import { EmbedProgress } from "./embed-progress";
import { ErrorBanner } from "./error-banner";
import { exampleKbText, exampleQuery, isExampleKb, SCENARIOS } from "./examples";
import { useExplanation } from "./explain/use-explanation";
import { KbEditor } from "./kb-editor";
import { KeywordColumn } from "./keyword-column";
import { LibraryPicker } from "./library/library-picker";
import { ResultActions } from "./library/result-actions";
import { useLibrary } from "./library/use-library";
import { useShareLink } from "./library/use-share-link";
import { QueryBox } from "./query-box";
import { ResultsBar } from "./results-bar";
import { ResultsPanel } from "./results-panel";
import { VariantControls } from "./variant-controls";
import type { RadarSettings } from "./settings";
import { Sidebar } from "./sidebar";
import { useRadar } from "./use-radar";
import { usePresentation } from "./use-presentation";
import type { StorageProblem } from "./use-settings";
import { ScriptWarning, WhyViews } from "./why-section";

/**
 * The radar: settings on the left, the query on top, the pooling one tap above the ranked results, the knowledge
 * base beside or under them. Presentation mode keeps only the query, the pooling and large results.
 */
export function Radar({ initial }: { initial: { settings: RadarSettings; problem: StorageProblem | null } }) {
  const i18n = useI18n();
  const { t } = i18n;
  const radar = useRadar(initial);
  const { settings, update, searching, model, view, language } = radar;
  const { phase, response } = searching;
  const shown: [Pooling] | [Pooling, Pooling] = view === "side_by_side" ? settings.compare : [view];
  const { room } = radar;
  const library = useLibrary(response?.kbId);
  const share = useShareLink({ settings, update, runSearch: radar.runSearch, ready: radar.ready, modelId: model?.id ?? "", view, response });
  const explanation = useExplanation();
  const calibration = useCalibration(model?.id, radar.ready);
  const { presenting, toggle: togglePresenting } = usePresentation();
  const tooMany = radar.cleaned.report.kept > room.maxEntries;
  const problem =
    radar.inputProblem === "empty-kb"
      ? t.search.emptyKb
      : radar.inputProblem === "empty-query"
        ? t.search.emptyQuery
        : radar.inputProblem === "too-many"
          ? t.kb.overLimit(i18n.n(radar.cleaned.report.kept), i18n.n(room.maxEntries))
          : null;
  const searchError = searching.error;
  const message = problem ?? (searchError ? errorText(searchError, i18n) : null);

  const query = (
    <QueryBox
      query={settings.query}
      onQuery={(next) => update({ query: next })}
      onSearch={radar.runSearch}
      busy={phase.kind !== "idle"}
      examples={isExampleKb(settings.kbText) ? SCENARIOS[language].map((s) => s.query) : []}
      large={presenting}
    />
  );
  const results = response ? (
    <ResultsPanel
      response={response}
      poolings={shown}
      nativePooling={radar.native}
      threshold={settings.threshold}
      truncated={radar.resultTruncation}
      calibrationFor={(pooling) => calibration.calibration?.poolings[pooling]}
      explanation={presenting ? undefined : explanation}
      large={presenting}
      extra={<KeywordColumn response={response} />}
    />
  ) : (
    <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-500">{radar.ready ? t.search.firstSearch : t.search.waitingForModel}</p>
  );
  const bar = (
    <ResultsBar view={view} nativePooling={radar.native} architecture={model?.architecture} onView={(next) => update({ view: next })} presenting={presenting} onPresent={togglePresenting} />
  );
  const messages = (
    <>
      <EmbedProgress phase={phase} onCancel={searching.cancel} />
      {message ? <ErrorBanner message={message} tone={!problem && searchError?.code === "cancelled" ? "notice" : "error"} onDismiss={radar.dismissError} /> : null}
    </>
  );

  if (presenting) {
    return (
      <main id="main" className="mx-auto flex max-w-screen-2xl flex-col gap-3 p-3 sm:p-4" data-testid="presentation">
        {query}
        {bar}
        {messages}
        <section aria-label={t.search.resultsLabel} data-testid="results" data-query={response?.query ?? ""} data-stale={radar.stale} data-busy={phase.kind !== "idle"}>
          {results}
        </section>
      </main>
    );
  }

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
        onCompare={(compare) => update({ compare })}
        threshold={settings.threshold}
        onThreshold={(threshold) => update({ threshold })}
        topK={settings.topK}
        onTopK={(topK) => update({ topK })}
        dimensions={radar.dimensions}
        onDimensions={(dimensions) => update({ dimensions })}
        library={<LibraryPicker library={library} currentKbId={response?.kbId} onOpen={(id) => void share.open(id)} />}
        extra={
          <>
            <PinPooling pinned={settings.pinned} onPinned={(pinned) => update({ pinned })} />
            <VariantControls numLayers={model?.numLayers} value={settings} onChange={update} />
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
        room={<JoinCard room={room} />}
      />
      <main className="flex min-w-0 flex-col gap-4">
        {query}
        {bar}
        {messages}
        {radar.storageProblem ? (
          <div role="status" data-testid="storage-problem" className="text-sm text-amber-800">
            {radar.storageProblem.restoreFailed ? <p>{t.kb.storageRestoreFailed}</p> : null}
            {radar.storageProblem.refused ? <p>{t.kb.storageRefused}</p> : null}
          </div>
        ) : null}
        {share.notice ? <ErrorBanner message={share.notice} onDismiss={share.dismissNotice} /> : null}
        <ScriptWarning entries={radar.cleaned.entries} model={model} />
        {/* Two result columns need the width: side by side puts the knowledge base underneath. On a phone the results
            come first, right under the query (order-first), the knowledge base after them. */}
        <div className={view === "side_by_side" ? "flex flex-col gap-6" : "grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"}>
          <KbEditor
            text={settings.kbText}
            onText={(kbText) => update({ kbText })}
            report={radar.cleaned.report}
            truncated={radar.truncated}
            maxTokens={model?.maxTokens}
            maxEntries={room.maxEntries}
            example={{ language, text: exampleKbText(language) }}
            onLoadExample={() => update({ query: exampleQuery(language) })}
          />
          <section
            className={`order-first flex min-w-0 flex-col gap-2 ${view === "side_by_side" ? "" : "xl:order-none"}`}
            aria-label={t.search.resultsLabel}
            data-testid="results"
            data-query={response?.query ?? ""}
            data-stale={radar.stale}
            data-busy={phase.kind !== "idle"}
            data-too-many={tooMany}
          >
            {radar.stale ? <p className="text-sm text-slate-600">{t.search.stale}</p> : null}
            {response ? <ResultActions response={response} link={share.link} origin={shareOrigin(room, window.location.origin)} /> : null}
            {results}
          </section>
        </div>
        <WhyViews
          response={response}
          shown={shown}
          explanation={explanation}
          compare={{ model, models: radar.models, entries: radar.cleaned.entries, topK: settings.topK, threshold: settings.threshold, stale: radar.stale }}
        />
      </main>
    </div>
  );
}
