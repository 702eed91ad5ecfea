"use client";

import { scenarioSchema } from "@/lib/lab/scenarios/schema";
import type { Scenario } from "@/lib/lab/scenarios/types";

const FIELDS = [
  { key: "name", label: "Name" },
  { key: "query", label: "Query" },
  { key: "strong", label: "Strong (should score highest)" },
  { key: "weak", label: "Weak" },
  { key: "unrelated", label: "Unrelated (should score lowest)" },
] as const;

interface Props {
  index: number;
  scenario: Scenario;
  onChange: (patch: Partial<Scenario>) => void;
  onRemove: () => void;
}

/** One editable scenario; problems are listed under it as you type, and keep it out of runs until fixed. */
export function ScenarioRow({ index, scenario, onChange, onRemove }: Props) {
  const parsed = scenarioSchema.safeParse(scenario);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
  return (
    <li data-testid="scenario-row" className="rounded-md border border-slate-200 p-3">
      <fieldset>
        <legend className="sr-only">Scenario {index + 1}</legend>
        <div className="grid gap-2 md:grid-cols-[minmax(8rem,1fr)_repeat(4,minmax(10rem,2fr))_auto]">
          {FIELDS.map(({ key, label }) => (
            <label key={key} className="flex flex-col text-xs font-medium text-slate-600">
              {label}
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
            aria-label={`Remove scenario ${index + 1} (${scenario.name || "unnamed"})`}
            className="self-end rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50"
          >
            Remove
          </button>
        </div>
      </fieldset>
      {problems.length ? (
        <p className="mt-1 text-xs text-amber-800" data-testid="scenario-problems">
          Not run until fixed: {problems.join("; ")}
        </p>
      ) : null}
    </li>
  );
}
