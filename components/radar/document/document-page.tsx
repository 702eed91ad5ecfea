"use client";

import { useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import { DOCUMENT_FORMATS, MAX_DOCUMENT_BYTES, type ChunkingSpec } from "@/lib/api/contract";
import { errorText } from "../../i18n/error-text";
import { useI18n } from "../../i18n/use-messages";
import { useEngineStatus } from "../use-engine-status";
import { fetchSavedKb } from "../library/library-api";
import { ChunkingPanel } from "./chunking-panel";
import { ChunkingPicker } from "./chunking-picker";
import { DocumentProgress } from "./document-progress";
import { activeFilter, filterColumns } from "./filter-columns";
import { MetadataFilter } from "./metadata-filter";
import { useDocumentSearch, type DocumentSource } from "./use-document-search";

const ACCEPT = ".txt,.md,.markdown,.html,.htm,.pdf,.docx,.csv,.tsv,.jsonl";
const TOP_K = 20;
/** A shared link's filter columns: ?kb=…&q=…&where.category=food */
const FILTER_PARAM = "where.";

/** The documents page: a document in, one or two chunkings, a query; matches shown in place and ranked beside. */
export function DocumentPage() {
  const i18n = useI18n();
  const words = i18n.t.documents;
  const status = useEngineStatus(null);
  const model = status.status?.defaultModel ?? "";
  const [text, setText] = useState("");
  const [file, setFile] = useState<Extract<DocumentSource, { kind: "file" }> | null>(null);
  const [first, setFirst] = useState<ChunkingSpec>({ method: "recursive" });
  const [second, setSecond] = useState<ChunkingSpec | null>(null);
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const search = useDocumentSearch();
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = search.phase.kind !== "idle";
  const columns = useMemo(() => filterColumns(search.built[0]?.document.blocks ?? []), [search.built]);
  const filter = activeFilter(chosen);

  // A shared link (/documents?kb=<id>&q=<query>[&where.<column>=<value>]) opens the saved document with its
  // chunking and filter, and searches it.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const kb = params.get("kb");
    if (!kb) return;
    const q = (params.get("q") ?? "").slice(0, 2000);
    const where = Object.fromEntries([...params].filter(([key]) => key.startsWith(FILTER_PARAM)).map(([key, value]) => [key.slice(FILTER_PARAM.length), value]));
    setQuery(q);
    setChosen(where);
    void fetchSavedKb(kb).then(
      ({ kb: saved, source }) => {
        if (!source) return setNotice(words.notADocument(saved.name));
        search.adopt({ key: `saved:${kb}`, kbId: kb, document: source.document, chunking: source.chunking, chunks: source.chunks });
        if (q) void search.searchShown({ query: q, topK: TOP_K, filter: activeFilter(where) });
      },
      (error: Error) => setNotice(error.message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shownQuery = search.responses[0]?.query;
  const link = search.built.length === 1 && shownQuery !== undefined ? shareLink(search.built[0].kbId, shownQuery, filter) : null;
  useEffect(() => {
    if (link) window.history.replaceState(window.history.state, "", link);
  }, [link]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosenFile = event.target.files?.[0];
    event.target.value = "";
    if (!chosenFile) return;
    if (chosenFile.size > MAX_DOCUMENT_BYTES) {
      setNotice(words.fileTooBig(chosenFile.name, megabytes(chosenFile.size, i18n.n), megabytes(MAX_DOCUMENT_BYTES, i18n.n)));
      return;
    }
    const bytes = new Uint8Array(await chosenFile.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    setFile({ kind: "file", name: chosenFile.name, base64: btoa(binary), size: chosenFile.size });
    setChosen({});
    setNotice(null);
  }

  function onSearch() {
    const source: DocumentSource | null = file ?? (text.trim() ? { kind: "text", text } : null);
    if (!model || !query.trim()) return;
    // No document on the page but one on view (a shared link): search that one again.
    if (!source) return void search.searchShown({ query: query.trim(), topK: TOP_K, filter });
    void search.run({ model, source, chunkings: second ? [first, second] : [first], query: query.trim(), topK: TOP_K, filter });
  }

  function onFilter(column: string, value: string) {
    const next = { ...chosen, [column]: value };
    setChosen(next);
    if (query.trim()) void search.searchShown({ query: query.trim(), topK: TOP_K, filter: activeFilter(next) });
  }

  return (
    <main id="main" className="mx-auto flex max-w-screen-2xl flex-col gap-4 p-3 sm:p-4">
      <h1 className="text-2xl font-bold">{words.pageTitle}</h1>
      <p className="text-slate-700">{words.intro}</p>
      <section aria-label={words.document} className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-lg font-semibold">{words.document}</h2>
          <button type="button" onClick={() => fileInput.current?.click()} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100">
            {words.importFile}
          </button>
          <input ref={fileInput} type="file" accept={ACCEPT} className="hidden" onChange={onFile} data-testid="document-file" aria-label={words.importFile} />
        </div>
        {file ? (
          <p data-testid="document-file-name" className="text-sm">
            {words.fileLoaded(file.name, `${i18n.n(Math.round(file.size / 1024))} KB`)}{" "}
            <button type="button" className="text-blue-700 underline" onClick={() => setFile(null)}>
              {words.clearFile}
            </button>
          </p>
        ) : (
          <textarea data-testid="document-text" aria-label={words.document} value={text} onChange={(e) => setText(e.target.value)} rows={8} placeholder={words.pastePlaceholder} className="w-full rounded-lg border border-slate-300 bg-white p-3 text-sm" />
        )}
        <div className="flex flex-wrap gap-6">
          <ChunkingPicker label={words.chunking} value={first} onChange={setFirst} testId="chunking-a" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" data-testid="compare-chunking" checked={second !== null} onChange={(e) => setSecond(e.target.checked ? { method: "tokens" } : null)} />
            {words.compareWith}
          </label>
          {second ? <ChunkingPicker label={words.secondChunking} value={second} onChange={setSecond} testId="chunking-b" /> : null}
        </div>
      </section>
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onSearch();
        }}
      >
        <input type="search" data-testid="document-query" aria-label={words.query} value={query} onChange={(e) => setQuery(e.target.value)} placeholder={words.queryPlaceholder} className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2" />
        <button type="submit" data-testid="document-search" disabled={busy || !model} className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-50">
          {words.search}
        </button>
      </form>
      <MetadataFilter columns={columns} chosen={chosen} onChoose={onFilter} filtered={search.responses[0]?.filtered} />
      {search.phase.kind !== "idle" ? <DocumentProgress phase={search.phase} onCancel={search.cancel} /> : null}
      {search.error ? (
        <p role="alert" data-testid="document-error" className="rounded-md border border-amber-400 bg-amber-50 p-2 text-sm">
          {search.error.code === "cancelled" ? words.cancelled : errorText(search.error, i18n)}
        </p>
      ) : null}
      {notice ? (
        <p role="status" data-testid="document-notice" className="text-sm text-amber-800">
          {notice}
        </p>
      ) : null}
      <div className={`grid gap-6 ${search.built.length > 1 ? "2xl:grid-cols-2" : ""}`}>
        {search.built.map((built, i) => (
          <ChunkingPanel key={built.key} idPrefix={`c${i}`} built={built} response={search.responses[i]} />
        ))}
      </div>
      <p className="text-xs text-slate-500">
        {words.formats}: {DOCUMENT_FORMATS.join(" · ")}
      </p>
    </main>
  );
}

function shareLink(kbId: string, query: string, filter: Record<string, string> | undefined): string {
  const params = new URLSearchParams({ kb: kbId, q: query });
  for (const [column, value] of Object.entries(filter ?? {})) params.set(`${FILTER_PARAM}${column}`, value);
  return `/documents?${params}`;
}

function megabytes(bytes: number, n: (value: number) => string): string {
  return `${n(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}
