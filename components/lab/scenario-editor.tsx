"use client";

import { useRef, useState } from "react";
import { asAppError } from "@/lib/api/client";
import { SCENARIOS_MAX, SCENARIO_TEXT_MAX_CHARS, articleScenarios, parseCustomScenarios, serializeCustomScenarios } from "@/lib/lab/scenarios/index";
import type { ScenarioLang } from "@/lib/lab/scenarios/types";
import { downloadText, fileStamp } from "./download";
import { ScenarioRow } from "./scenario-row";
import type { useCustomScenarios } from "./use-custom-scenarios";
import { useI18n } from "../i18n/use-messages";

type Notice = { kind: "ok"; text: string; undo?: () => void } | { kind: "error"; text: string };

/** Add, edit and remove your own scenarios (kept in localStorage), export them as JSON and import them back. */
export function ScenarioEditor({ store }: { store: ReturnType<typeof useCustomScenarios> }) {
  const { t } = useI18n();
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
    replaceWith([...articleScenarios(lang)].map((s) => ({ ...s })), t.lab.copied(lang));
  const exportJson = () => downloadText(`lab-scenarios-${fileStamp()}.json`, serializeCustomScenarios(scenarios), "application/json");
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const rows = parseCustomScenarios(await file.text());
      replaceWith(rows, t.lab.imported(rows.length, file.name));
    } catch (error) {
      setNotice({ kind: "error", text: t.lab.importFailed(file.name, asAppError(error).message) });
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50";
  return (
    <section data-testid="scenario-editor" aria-labelledby="scenario-editor-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <header className="flex flex-wrap items-center gap-2">
        <h2 id="scenario-editor-title" className="mr-auto text-lg font-semibold">
          {t.lab.editorTitle} <span className="font-normal text-slate-500">{t.lab.editorCount(scenarios.length, SCENARIOS_MAX)}</span>
        </h2>
        <button type="button" className={button} onClick={() => add({ name: t.lab.newScenario(scenarios.length + 1), query: "", strong: "", weak: "", unrelated: "" })} disabled={full} data-testid="add-scenario">
          {t.lab.addScenario}
        </button>
        <button type="button" className={button} onClick={() => copyArticle("en")}>{t.lab.copyEnglish}</button>
        <button type="button" className={button} onClick={() => copyArticle("zh")}>{t.lab.copyChinese}</button>
        <button type="button" className={button} onClick={exportJson} disabled={!scenarios.length} data-testid="export-scenarios">
          {t.lab.exportJson}
        </button>
        <button type="button" className={button} onClick={() => fileInput.current?.click()} data-testid="import-scenarios">
          {t.lab.importJson}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label={t.lab.importJsonLabel}
          data-testid="import-scenarios-file"
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
      </header>
      {notice ? (
        <p role={notice.kind === "error" ? "alert" : "status"} data-testid="scenario-notice"
          className={`mt-3 rounded-md px-3 py-2 text-sm ${notice.kind === "error" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`}>
          {notice.text}{" "}
          {notice.kind === "ok" && notice.undo ? (
            <button type="button" className="font-semibold underline" onClick={notice.undo}>{t.lab.undo}</button>
          ) : null}
        </p>
      ) : null}
      {scenarios.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t.lab.noScenarios(SCENARIO_TEXT_MAX_CHARS)}</p>
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
