"use client";

import { useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import { DOCUMENT_FORMATS, MAX_DOCUMENT_BYTES, type ChunkingSpec } from "@/lib/api/contract";
import { useEngineStatus } from "../use-engine-status";
import { fetchSavedKb } from "../library/library-api";
import { ChunkingPanel } from "./chunking-panel";
import { ChunkingPicker } from "./chunking-picker";
import { documentStrings, pageLanguage } from "./strings";
import { useDocumentSearch, type DocumentSource } from "./use-document-search";

const ACCEPT = ".txt,.md,.markdown,.html,.htm,.pdf,.docx,.csv,.tsv,.jsonl";
const TOP_K = 20;

/** The documents page: a document in, one or two chunkings, a query; matches shown in place and ranked beside. */
export function DocumentPage() {
  const strings = useMemo(() => documentStrings(pageLanguage()), []);
  const status = useEngineStatus(null);
  const model = status.status?.defaultModel ?? "";
  const [text, setText] = useState("");
  const [file, setFile] = useState<Extract<DocumentSource, { kind: "file" }> | null>(null);
  const [first, setFirst] = useState<ChunkingSpec>({ method: "recursive" });
  const [second, setSecond] = useState<ChunkingSpec | null>(null);
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const search = useDocumentSearch();
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = search.phase.kind !== "idle";

  // A shared link (/documents?kb=<id>&q=<query>) opens the saved document with its chunking, and searches it.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const kb = params.get("kb");
    if (!kb) return;
    const q = (params.get("q") ?? "").slice(0, 2000);
    setQuery(q);
    void fetchSavedKb(kb).then(
      ({ kb: saved, source }) => {
        if (!source) return setNotice(`"${saved.name}" is a list of entries, not a document: open it in the Radar.`);
        search.adopt({ key: `saved:${kb}`, kbId: kb, document: source.document, chunking: source.chunking, chunks: source.chunks });
        if (q) void search.searchSaved(kb, q, TOP_K);
      },
      (error: Error) => setNotice(error.message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const link = search.built.length === 1 && search.responses[0] ? `/documents?${new URLSearchParams({ kb: search.built[0].kbId, q: search.responses[0].query })}` : null;
  useEffect(() => {
    if (link) window.history.replaceState(window.history.state, "", link);
  }, [link]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    if (chosen.size > MAX_DOCUMENT_BYTES) {
      setNotice(`${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB: expected at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    setFile({ kind: "file", name: chosen.name, base64: btoa(binary), size: chosen.size });
    setNotice(null);
  }

  function onSearch() {
    const source: DocumentSource | null = file ?? (text.trim() ? { kind: "text", text } : null);
    if (!source || !model || !query.trim()) return;
    void search.run({ model, source, chunkings: second ? [first, second] : [first], query: query.trim(), topK: TOP_K });
  }

  return (
    <main id="main" className="mx-auto flex max-w-screen-2xl flex-col gap-4 p-3 sm:p-4">
      <h1 className="text-2xl font-bold">{strings.title}</h1>
      <p className="text-slate-700">{strings.intro}</p>
      <section aria-label={strings.document} className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-lg font-semibold">{strings.document}</h2>
          <button type="button" onClick={() => fileInput.current?.click()} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100">
            {strings.importFile}
          </button>
          <input ref={fileInput} type="file" accept={ACCEPT} className="hidden" onChange={onFile} data-testid="document-file" aria-label={strings.importFile} />
        </div>
        {file ? (
          <p data-testid="document-file-name" className="text-sm">
            {strings.fileLoaded(file.name, `${(file.size / 1024).toFixed(0)} KB`)}{" "}
            <button type="button" className="text-blue-700 underline" onClick={() => setFile(null)}>
              {strings.clearFile}
            </button>
          </p>
        ) : (
          <textarea data-testid="document-text" aria-label={strings.document} value={text} onChange={(e) => setText(e.target.value)} rows={8} placeholder={strings.pastePlaceholder} className="w-full rounded-lg border border-slate-300 bg-white p-3 text-sm" />
        )}
        <div className="flex flex-wrap gap-6">
          <ChunkingPicker label={strings.chunking} value={first} onChange={setFirst} strings={strings} testId="chunking-a" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" data-testid="compare-chunking" checked={second !== null} onChange={(e) => setSecond(e.target.checked ? { method: "tokens" } : null)} />
            {strings.compareWith}
          </label>
          {second ? <ChunkingPicker label={`${strings.chunking} 2`} value={second} onChange={setSecond} strings={strings} testId="chunking-b" /> : null}
        </div>
      </section>
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onSearch();
        }}
      >
        <input type="search" data-testid="document-query" aria-label={strings.query} value={query} onChange={(e) => setQuery(e.target.value)} placeholder={strings.queryPlaceholder} className="flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2" />
        <button type="submit" data-testid="document-search" disabled={busy || !model} className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-50">
          {strings.search}
        </button>
      </form>
      {search.phase.kind !== "idle" ? (
        <div data-testid="document-progress" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex-1">
            <p>
              {search.phase.kind === "embedding" && search.phase.total
                ? `${strings.embedding(search.phase.done, search.phase.total)}${search.phase.secondsLeft !== null ? ` · ${strings.left(search.phase.secondsLeft)}` : ""}`
                : strings.starting}
            </p>
            <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={search.phase.kind === "embedding" && search.phase.total ? Math.round((100 * search.phase.done) / search.phase.total) : 0} className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200">
              <div className="h-full bg-blue-600" style={{ width: `${search.phase.kind === "embedding" && search.phase.total ? (100 * search.phase.done) / search.phase.total : 0}%` }} />
            </div>
          </div>
          <button type="button" data-testid="document-cancel" onClick={search.cancel} className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100">
            {strings.cancel}
          </button>
        </div>
      ) : null}
      {search.error ? (
        <p role="alert" data-testid="document-error" className="rounded-md border border-amber-400 bg-amber-50 p-2 text-sm">
          {search.error.code === "cancelled" ? strings.cancelled : search.error.message}
        </p>
      ) : null}
      {notice ? <p role="status" className="text-sm text-amber-800">{notice}</p> : null}
      <div className={`grid gap-6 ${search.built.length > 1 ? "2xl:grid-cols-2" : ""}`}>
        {search.built.map((built, i) => (
          <ChunkingPanel key={built.key} idPrefix={`c${i}`} built={built} response={search.responses[i]} strings={strings} />
        ))}
      </div>
      <p className="text-xs text-slate-500">{DOCUMENT_FORMATS.join(" · ")}</p>
    </main>
  );
}
