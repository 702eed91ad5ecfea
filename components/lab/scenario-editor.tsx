"use client";

import { useRef, useState } from "react";
import { asAppError } from "@/lib/api/client";
import { SCENARIOS_MAX, SCENARIO_TEXT_MAX_CHARS, articleScenarios, parseCustomScenarios, serializeCustomScenarios } from "@/lib/lab/scenarios/index";
import type { ScenarioLang } from "@/lib/lab/scenarios/types";
import { downloadText, fileStamp } from "./download";
import { ScenarioRow } from "./scenario-row";
import type { useCustomScenarios } from "./use-custom-scenarios";

type Notice = { kind: "ok"; text: string; undo?: () => void } | { kind: "error"; text: string };

/** Add, edit and remove your own scenarios (kept in localStorage), export them as JSON and import them back. */
export function ScenarioEditor({ store }: { store: ReturnType<typeof useCustomScenarios> }) {
  const { scenarios, setScenarios, update, add, remove } = store;
  const [notice, setNotice] = useState<Notice | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const full = scenarios.length >= SCENARIOS_MAX;

  const replaceWith = (rows: typeof scenarios, text: string) => {
    const previous = scenarios;
    setScenarios(rows);
    setNotice({ kind: "ok", text, undo: previous.length ? () => (setScenarios(previous), setNotice(null)) : undefined });
  };
  const copyArticle = (lang: ScenarioLang) =>
    replaceWith([...articleScenarios(lang)].map((s) => ({ ...s })), `Copied the article's 8 scenarios (${lang}) to edit.`);
  const exportJson = () => downloadText(`lab-scenarios-${fileStamp()}.json`, serializeCustomScenarios(scenarios), "application/json");
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const rows = parseCustomScenarios(await file.text());
      replaceWith(rows, `Imported ${rows.length} scenario${rows.length === 1 ? "" : "s"} from ${file.name}.`);
    } catch (error) {
      setNotice({ kind: "error", text: `Could not import ${file.name}: ${asAppError(error).message}` });
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50";
  return (
    <section data-testid="scenario-editor" aria-labelledby="scenario-editor-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <header className="flex flex-wrap items-center gap-2">
        <h2 id="scenario-editor-title" className="mr-auto text-lg font-semibold">
          Your scenarios <span className="font-normal text-slate-500">({scenarios.length} of at most {SCENARIOS_MAX}, kept in this browser)</span>
        </h2>
        <button type="button" className={button} onClick={() => add()} disabled={full} data-testid="add-scenario">
          Add scenario
        </button>
        <button type="button" className={button} onClick={() => copyArticle("en")}>Copy the article&apos;s (English)</button>
        <button type="button" className={button} onClick={() => copyArticle("zh")}>Copy the article&apos;s (中文)</button>
        <button type="button" className={button} onClick={exportJson} disabled={!scenarios.length} data-testid="export-scenarios">
          Export JSON
        </button>
        <button type="button" className={button} onClick={() => fileInput.current?.click()} data-testid="import-scenarios">
          Import JSON
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Import scenarios from a JSON file"
          data-testid="import-scenarios-file"
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
      </header>
      {notice ? (
        <p role={notice.kind === "error" ? "alert" : "status"} data-testid="scenario-notice"
          className={`mt-3 rounded-md px-3 py-2 text-sm ${notice.kind === "error" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`}>
          {notice.text}{" "}
          {notice.kind === "ok" && notice.undo ? (
            <button type="button" className="font-semibold underline" onClick={notice.undo}>Undo</button>
          ) : null}
        </p>
      ) : null}
      {scenarios.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          No scenarios yet. Add one, or copy the article&apos;s to start from: each has a query, a strong candidate (should
          score highest), a weak one, and an unrelated one (should score lowest). Texts up to {SCENARIO_TEXT_MAX_CHARS} characters.
        </p>
      ) : (
        <ol className="mt-3 space-y-3">
          {scenarios.map((scenario, index) => (
            <ScenarioRow key={index} index={index} scenario={scenario} onChange={(patch) => update(index, patch)} onRemove={() => remove(index)} />
          ))}
        </ol>
      )}
    </section>
  );
}
