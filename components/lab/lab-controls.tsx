"use client";

import type { Graph } from "@/lib/api/contract";
import type { LabModel } from "@/lib/lab/model";
import { ALL_MODELS, graphsOf, type ScenarioChoice } from "./lab-choices";
import type { RunPhase } from "./use-lab-runner";
import { useI18n } from "../i18n/use-messages";

interface Props {
  models: LabModel[];
  modelChoice: string;
  onModelChoice: (value: string) => void;
  scenarioChoice: ScenarioChoice;
  onScenarioChoice: (value: ScenarioChoice) => void;
  graph: Graph;
  onGraph: (value: Graph) => void;
  readyCustom: number;
  phase: RunPhase;
  onRun: () => void;
  onCancel: () => void;
}

/** Pick a model (or all) and a scenario set, run, and watch the progress across models. */
export function LabControls(props: Props) {
  const { t } = useI18n();
  const { models, modelChoice, scenarioChoice, phase } = props;
  const running = phase.kind === "running";
  const field = "flex min-w-0 max-w-full flex-col text-sm font-medium text-slate-700";
  const select = "mt-1 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base font-normal";
  return (
    <form
      className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!running) props.onRun();
      }}
    >
      <label className={field}>
        {t.lab.model}
        <select value={modelChoice} onChange={(e) => props.onModelChoice(e.target.value)} className={select} data-testid="lab-model">
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {t.lab.modelOption(m.id, t.results.poolings[m.nativePooling], m.isDefault)}
            </option>
          ))}
          {models.length > 1 ? <option value={ALL_MODELS}>{t.lab.allModels(models.length)}</option> : null}
        </select>
      </label>
      <label className={field}>
        {t.lab.scenarios}
        <select value={scenarioChoice} onChange={(e) => props.onScenarioChoice(e.target.value as ScenarioChoice)} className={select} data-testid="lab-scenarios">
          <option value="auto">{t.lab.scenariosAuto}</option>
          <option value="zh">{t.lab.scenariosZh}</option>
          <option value="en">{t.lab.scenariosEn}</option>
          <option value="custom">{t.lab.scenariosCustom(props.readyCustom)}</option>
        </select>
      </label>
      <label className={field}>
        {t.lab.graph}
        <select value={props.graph} onChange={(e) => props.onGraph(e.target.value as Graph)} className={select} data-testid="lab-graph">
          {graphsOf(models).map((g) => (
            <option key={g} value={g}>{g === "int8" ? t.lab.graphInt8 : g}</option>
          ))}
        </select>
      </label>
      {running ? (
        <button type="button" onClick={props.onCancel} className="rounded-md border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100">
          {t.common.cancel}
        </button>
      ) : (
        <button type="submit" data-testid="run-lab" className="rounded-md bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700">
          {t.lab.run}
        </button>
      )}
      {running ? (
        <div className="min-w-64 flex-1" data-testid="lab-progress">
          <p className="text-sm text-slate-700">
            {t.lab.progress(phase.index + 1, phase.total)} <strong>{phase.model}</strong> {t.lab.progressLoading}
          </p>
          <div className="mt-1 h-2 overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={t.lab.progressLabel}
            aria-valuemin={0} aria-valuemax={phase.total} aria-valuenow={phase.index}>
            <div className="h-full animate-pulse bg-sky-600" style={{ width: `${(100 * (phase.index + 0.5)) / phase.total}%` }} />
          </div>
        </div>
      ) : null}
    </form>
  );
}
