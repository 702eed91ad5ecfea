"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { AppError } from "@/lib/errors";
import { parseCsv } from "@/lib/kb/import-csv";
import { MAX_BODY_BYTES } from "@/lib/api/contract";
import type { CleaningReport as Report, TruncatedEntry } from "@/lib/api/contract";
import { CleaningReport } from "./cleaning-report";
import { CsvImport } from "./csv-import";

interface Props {
  text: string;
  onText: (text: string) => void;
  report: Report;
  truncated: TruncatedEntry[] | null;
  maxTokens: number | undefined;
  example: { label: string; text: string };
  /** Called after the example replaced the text (the radar sets the example query too). */
  onLoadExample: () => void;
}

// The API refuses bodies over this, so a bigger file is refused here, before it fills the editor.
const MAX_FILE_BYTES = MAX_BODY_BYTES;

/** One entry per line; .txt/.csv/.tsv import (with column pick and undo); the cleaning report underneath. */
export function KbEditor({ text, onText, report, truncated, maxTokens, example, onLoadExample }: Props) {
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
      setNotice({ message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: expected at most 10 MB. Split it into smaller files.` });
      return;
    }
    const content = await file.text();
    if (!/\.(csv|tsv)$/i.test(file.name)) {
      replaceWith(content, `Imported ${file.name}.`);
      return;
    }
    try {
      parseCsv(content);
      setCsv({ fileName: file.name, text: content });
    } catch (error) {
      setNotice({ message: error instanceof AppError ? `${file.name}: ${error.message}` : `${file.name} could not be read as CSV.` });
    }
  }

  return (
    <section className="flex flex-col gap-2" aria-label="Knowledge base">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">Knowledge base</h2>
        <button type="button" onClick={() => fileInput.current?.click()} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100">
          Import .txt / .csv
        </button>
        <input ref={fileInput} type="file" accept=".txt,.csv,.tsv,text/plain,text/csv" className="hidden" onChange={onFile} data-testid="kb-file" />
        <button
          type="button"
          data-testid="load-example"
          onClick={() => {
            replaceWith(example.text, "Loaded the example knowledge base.");
            onLoadExample();
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100"
        >
          {example.label}
        </button>
      </div>
      {csv ? (
        <CsvImport
          fileName={csv.fileName}
          text={csv.text}
          onCancel={() => setCsv(null)}
          onImport={(entries) => {
            replaceWith(entries.join("\n"), `Imported ${csv.fileName}.`);
            setCsv(null);
          }}
        />
      ) : null}
      {notice ? (
        <p data-testid="kb-notice" className="flex items-center gap-2 text-sm text-slate-700" role="status">
          {notice.message}
          {notice.previous !== undefined ? (
            <button type="button" className="font-medium text-blue-700 underline" onClick={() => { onText(notice.previous ?? ""); setNotice(null); }}>
              Undo
            </button>
          ) : null}
        </p>
      ) : null}
      <textarea
        data-testid="kb-editor"
        aria-label="Knowledge base, one entry per line"
        value={text}
        onChange={(event) => onText(event.target.value)}
        spellCheck={false}
        rows={16}
        placeholder={"One entry per line, for example:\nTo reset your password, open Settings.\nShipping takes five days."}
        className="min-h-64 w-full resize-y rounded-lg border border-slate-300 bg-white p-3 font-mono text-sm leading-6"
      />
      <CleaningReport report={report} truncated={truncated} maxTokens={maxTokens} />
    </section>
  );
}
