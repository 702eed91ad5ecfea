"use client";

import { scenarioSchema } from "@/lib/lab/scenarios/schema";
import type { Scenario } from "@/lib/lab/scenarios/types";
import { useI18n } from "../i18n/use-messages";

const FIELDS = ["name", "query", "strong", "weak", "unrelated"] as const;

interface Props {
  index: number;
  scenario: Scenario;
  onChange: (patch: Partial<Scenario>) => void;
  onRemove: () => void;
}

/** One editable scenario; problems are listed under it as you type, and keep it out of runs until fixed. */
export function ScenarioRow({ index, scenario, onChange, onRemove }: Props) {
  const { t } = useI18n();
  const parsed = scenarioSchema.safeParse(scenario);
  // Each problem named by its field's label, as the person sees it above the box.
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${t.lab.fields[issue.path[0] as (typeof FIELDS)[number]] ?? String(issue.path[0])}: ${issue.message}`);
  return (
    <li data-testid="scenario-row" className="rounded-md border border-slate-200 p-3">
      <fieldset>
        <legend className="sr-only">{t.lab.scenarioLegend(index + 1)}</legend>
        <div className="grid gap-2 sm:grid-cols-2 xl:grid-cols-[minmax(0,1fr)_repeat(4,minmax(0,2fr))_auto]">
          {FIELDS.map((key) => (
            <label key={key} className="flex min-w-0 flex-col text-xs font-medium text-slate-600">
              {t.lab.fields[key]}
              <input
                value={scenario[key]}
                onChange={(event) => onChange({ [key]: event.target.value })}
                data-testid={`scenario-${key}`}
                className="mt-1 rounded border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900"
              />
            </label>
          ))}
          <button
            type="button"
            onClick={onRemove}
            aria-label={t.lab.removeLabel(index + 1, scenario.name)}
            className="self-end rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50"
          >
            {t.lab.remove}
          </button>
        </div>
      </fieldset>
      {problems.length ? (
        <p className="mt-1 text-xs text-amber-800" data-testid="scenario-problems">
          {t.lab.notRun(problems.join("; "))}
        </p>
      ) : null}
    </li>
  );
}
