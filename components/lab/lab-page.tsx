"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { defaultLangFor, type LabModel } from "@/lib/lab/model";
import { scenarioSchema } from "@/lib/lab/scenarios/schema";
import type { Scenario } from "@/lib/lab/scenarios/types";
import type { LabRunBody } from "./lab-api";
import { ALL_MODELS, type ScenarioChoice } from "./lab-choices";
import { LabControls } from "./lab-controls";
import { LabResults } from "./lab-results";
import { LayersPanel } from "./layers-panel";
import { ScenarioEditor } from "./scenario-editor";
import { useCustomScenarios } from "./use-custom-scenarios";
import { useLabChoices } from "./use-lab-choices";
import { useLabRunner } from "./use-lab-runner";
import { useI18n } from "../i18n/use-messages";

/** The Pooling Lab: the article's experiment on real models, every pooling, its claims beside our numbers. */
export function LabPage({ models }: { models: LabModel[] }) {
  const { t } = useI18n();
  const defaultModel = models.find((m) => m.isDefault) ?? models[0];
  const { choices, restored, update } = useLabChoices(models);
  const { model: modelChoice, scenarios: scenarioChoice, graph } = choices;
  const [notice, setNotice] = useState<{ kind: "none-complete" } | { kind: "skipped"; models: string } | null>(null);
  const custom = useCustomScenarios();
  const runner = useLabRunner();
  const ready = useMemo(
    () => custom.scenarios.flatMap((s) => { const parsed = scenarioSchema.safeParse(s); return parsed.success ? [parsed.data] : []; }),
    [custom.scenarios],
  );

  const run = useCallback(
    (choice = modelChoice, scenarios: ScenarioChoice = scenarioChoice, customRows: Scenario[] = ready) => {
      setNotice(null);
      if (scenarios === "custom" && customRows.length === 0) {
        setNotice({ kind: "none-complete" });
        return;
      }
      const chosen = choice === ALL_MODELS ? models : models.filter((m) => m.id === choice);
      const lacking = chosen.filter((m) => !m.graphs.includes(graph));
      if (lacking.length) setNotice({ kind: "skipped", models: lacking.map((m) => m.id).join(", ") });
      const plan: LabRunBody[] = chosen
        .filter((m) => !lacking.includes(m))
        .map((m) => ({
          model: m.id,
          graph,
          ...(scenarios === "custom" ? { scenarios: customRows } : { lang: scenarios === "auto" ? defaultLangFor(m) : scenarios }),
        }));
      if (plan.length) void runner.run(plan);
    },
    [modelChoice, scenarioChoice, ready, models, runner, graph],
  );

  // A visit shows real numbers at once: what was picked last (restored from the browser), else the default model on
  // the article's scenarios in its language. It waits for the saved choices and your scenarios to be read.
  const firstRun = useRef(false);
  useEffect(() => {
    if (!restored || !custom.loaded || firstRun.current || !defaultModel) return;
    firstRun.current = true;
    run();
  }, [restored, custom.loaded, defaultModel, run]);

  if (!defaultModel) {
    return (
      <main id="main" tabIndex={-1} className="mx-auto max-w-3xl p-6">
        <h1 className="text-2xl font-bold">{t.lab.title}</h1>
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {t.lab.noModel}
        </p>
      </main>
    );
  }

  // "all models" sweeps the default one: a sweep is minutes of CPU per model.
  const layersModel = models.find((m) => m.id === modelChoice)?.id ?? defaultModel.id;
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-screen-2xl space-y-4 px-3 py-4 sm:px-4">
      <header>
        <h1 className="text-2xl font-bold">{t.lab.title}</h1>
        <p className="max-w-4xl text-slate-700">{t.lab.intro}</p>
      </header>
      <LabControls
        models={models}
        modelChoice={modelChoice}
        onModelChoice={(model) => update({ model })}
        scenarioChoice={scenarioChoice}
        onScenarioChoice={(scenarios) => update({ scenarios })}
        graph={graph}
        onGraph={(next) => update({ graph: next })}
        readyCustom={ready.length}
        phase={runner.phase}
        onRun={() => run()}
        onCancel={runner.cancel}
      />
      {notice ? (
        <p role="alert" data-testid="lab-notice" className="rounded-md bg-amber-50 p-3 text-amber-900">
          {notice.kind === "none-complete" ? t.lab.noneComplete : t.lab.skippedGraph(notice.models, graph)}
        </p>
      ) : null}
      {runner.failures.map((f) => (
        <p key={f.model} role="alert" data-testid="lab-error" className="rounded-md bg-red-50 p-3 text-red-900">
          <strong>{f.model}</strong>: {f.message}
        </p>
      ))}
      <LabResults models={models} reports={runner.reports} fallbackModel={models.find((m) => m.id === modelChoice) ?? defaultModel} graph={graph} />
      <LayersPanel key={layersModel} model={layersModel} />
      <ScenarioEditor store={custom} />
    </main>
  );
}
