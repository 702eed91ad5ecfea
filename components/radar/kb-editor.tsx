"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { AppError } from "@/lib/errors";
import { cleanEntries, splitLines } from "@/lib/kb/clean";
import { parseCsv } from "@/lib/kb/import-csv";
import { MAX_BODY_BYTES } from "@/lib/api/contract";
import type { CleaningReport as Report, TruncatedEntry } from "@/lib/api/contract";
import { useI18n } from "../i18n/use-messages";
import { CleaningReport } from "./cleaning-report";
import { CsvImport } from "./csv-import";
import { KbTextEditor } from "./kb-text-editor";
import type { ExampleLanguage } from "./examples";

interface Props {
  text: string;
  onText: (text: string) => void;
  report: Report;
  truncated: TruncatedEntry[] | null;
  maxTokens: number | undefined;
  maxEntries: number;
  example: { language: ExampleLanguage; text: string };
  /** Called after the example replaced the text (the radar sets the example query too). */
  onLoadExample: () => void;
}

// The API refuses bodies over this, so a bigger file is refused here, before it fills the editor.
const MAX_FILE_BYTES = MAX_BODY_BYTES;

/** Where the editor is: the target of "Edit the knowledge base" at the top of the results. */
export const KB_EDITOR_ID = "kb-editor";

/** One entry per line; .txt/.csv/.tsv import (with column pick and undo); the cleaning report underneath. */
export function KbEditor({ text, onText, report, truncated, maxTokens, maxEntries, example, onLoadExample }: Props) {
  const i18n = useI18n();
  const { t, n } = i18n;
  const fileInput = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState<{ fileName: string; text: string } | null>(null);
  const [notice, setNotice] = useState<{ message: string; previous?: string } | null>(null);
  function replaceWith(next: string, message: string) {
    setNotice({ message, previous: text });
    onText(next);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again must fire change again
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setNotice({ message: t.kb.fileTooLarge(file.name, (file.size / 1024 / 1024).toFixed(1)) });
      return;
    }
    const content = await file.text();
    if (!/\.(csv|tsv)$/i.test(file.name)) {
      replaceWith(content, t.kb.imported(file.name));
      return;
    }
    try {
      parseCsv(content);
      setCsv({ fileName: file.name, text: content });
    } catch (error) {
      setNotice({ message: error instanceof AppError ? t.kb.csvProblem(file.name, error.message) : t.kb.notCsv(file.name) });
    }
  }

  function keepFirst() {
    const entries = cleanEntries(splitLines(text)).entries;
    replaceWith(entries.slice(0, maxEntries).join("\n"), t.kb.keptFirst(n(maxEntries), n(entries.length - maxEntries)));
  }

  const button = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100";
  return (
    <section className="flex min-w-0 flex-col gap-2" aria-label={t.kb.title}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">{t.kb.title}</h2>
        <button type="button" onClick={() => fileInput.current?.click()} className={button}>
          {t.kb.importFile}
        </button>
        <input ref={fileInput} type="file" accept=".txt,.csv,.tsv,text/plain,text/csv" className="hidden" onChange={onFile} data-testid="kb-file" />
        <button
          type="button"
          data-testid="load-example"
          onClick={() => {
            replaceWith(example.text, t.kb.loadedExample);
            onLoadExample();
          }}
          className={button}
        >
          {t.kb.loadExample(example.language)}
        </button>
      </div>
      {csv ? (
        <CsvImport
          fileName={csv.fileName}
          text={csv.text}
          onCancel={() => setCsv(null)}
          onImport={(entries) => {
            replaceWith(entries.join("\n"), t.kb.imported(csv.fileName));
            setCsv(null);
          }}
        />
      ) : null}
      {notice ? (
        <p data-testid="kb-notice" className="flex flex-wrap items-center gap-2 text-sm text-slate-700" role="status">
          {notice.message}
          {notice.previous !== undefined ? (
            <button type="button" className="font-medium text-blue-700 underline" onClick={() => { onText(notice.previous ?? ""); setNotice(null); }}>
              {t.kb.undo}
            </button>
          ) : null}
        </p>
      ) : null}
      {report.kept > maxEntries ? (
        <div data-testid="kb-over-limit" role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span>{t.kb.overLimit(n(report.kept), n(maxEntries))}</span>
          <button type="button" data-testid="kb-keep-first" onClick={keepFirst} className="rounded-md bg-amber-800 px-2 py-1 font-medium text-white hover:bg-amber-900">
            {t.kb.keepFirst(n(maxEntries))}
          </button>
        </div>
      ) : null}
      <KbTextEditor text={text} onText={onText} id={KB_EDITOR_ID} label={t.kb.editorLabel} placeholder={t.kb.placeholder} />
      <CleaningReport report={report} truncated={truncated} maxTokens={maxTokens} maxEntries={maxEntries} />
    </section>
  );
}
