"use client";

import { useId, useRef, useState } from "react";
import type { LibraryKb } from "@/lib/api/contract";
import { exportUrl } from "./library-api";
import type { Library } from "./use-library";
import { useI18n } from "../../i18n/use-messages";

interface Props {
  library: Library;
  /** The kbId of the current results, marked in the list. */
  currentKbId: string | undefined;
  onOpen: (id: string) => void;
}

/**
 * This browser's library (and what the teacher published): save the searched knowledge base under a name, open
 * one into the radar, rename, delete, export to a file, import a file. Always shown on wide screens; on a phone
 * folded under one bar (like the settings), so the query and results come first.
 */
export function LibraryPicker({ library, currentKbId, onOpen }: Props) {
  const { t, n } = useI18n();
  const { kbs, error } = library;
  const [open, setOpen] = useState(false);
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section className="flex flex-col gap-2" aria-labelledby="library-heading" data-testid="library">
      <button
        type="button"
        data-testid="library-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((current) => !current)}
        className="flex w-full items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-left lg:hidden"
      >
        <span className="font-semibold">{t.library.title}</span>
        <span className="min-w-0 flex-1 truncate text-sm text-slate-600">{kbs ? t.library.saved(n(kbs.length)) : ""}</span>
        <span aria-hidden>{open ? "▴" : "▾"}</span>
      </button>
      <div id={id} className={`${open ? "flex" : "hidden"} flex-col gap-2 lg:flex`}>
        <h2 id="library-heading" className="hidden text-sm font-semibold text-slate-700 lg:block">
          {t.library.title}
        </h2>
        {error ? (
          <p role="alert" className="text-sm text-red-800" data-testid="library-error">
            {error}{" "}
            <button type="button" className="underline" onClick={library.dismissError}>
              {t.common.dismiss}
            </button>
          </p>
        ) : null}
        {currentKbId && kbs && !kbs.some((kb) => kb.id === currentKbId && kb.mine) ? <SaveCurrent kbId={currentKbId} library={library} /> : null}
        {kbs === null ? <p className="text-sm text-slate-600">{t.common.loading}</p> : null}
        {kbs?.length === 0 ? <p className="text-sm text-slate-600">{t.library.none}</p> : null}
        <ul className="flex flex-col gap-2" data-testid="library-list">
          {kbs?.map((kb) => <LibraryItem key={kb.id} kb={kb} current={kb.id === currentKbId} library={library} onOpen={onOpen} />)}
        </ul>
        <p className="text-xs text-slate-600">{t.library.private}</p>
        {/* A button in the page's language; the browser's own file field would speak the browser's. */}
        <button type="button" onClick={() => fileInput.current?.click()} className="self-start rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
          {t.library.importFile}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          data-testid="library-import"
          className="hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void library.importFile(file);
            event.target.value = "";
          }}
        />
      </div>
    </section>
  );
}

/** Saving is a choice: the searched knowledge base enters the library when it is given a name. */
function SaveCurrent({ kbId, library }: { kbId: string; library: Library }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const id = useId();
  return (
    <form
      className="flex flex-col gap-1 rounded border border-dashed border-slate-300 p-2 text-sm"
      data-testid="library-save"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) void library.rename(kbId, name.trim());
      }}
    >
      <label htmlFor={id} className="font-medium">{t.library.saveCurrent}</label>
      <div className="flex flex-wrap gap-1">
        <input id={id} data-testid="library-save-name" className="min-w-0 flex-1 rounded border border-slate-300 px-1" placeholder={t.library.saveNamePlaceholder} value={name} maxLength={120} required onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">{t.library.saveButton}</button>
      </div>
    </form>
  );
}

function LibraryItem({ kb, current, library, onOpen }: { kb: LibraryKb; current: boolean; library: Library; onOpen: (id: string) => void }) {
  const { t, n } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(kb.name);
  const button = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100";
  return (
    <li className={`rounded border p-2 text-sm ${current ? "border-blue-400 bg-blue-50" : "border-slate-200"}`} data-testid="library-item" data-kb-id={kb.id}>
      <button type="button" className="text-left font-medium text-blue-800 underline" onClick={() => onOpen(kb.id)} aria-label={t.library.open(kb.name)}>
        {kb.name}
      </button>
      <p className="text-xs text-slate-600">
        {t.library.details(n(kb.count), kb.model, Boolean(kb.approximate))}
      </p>
      {kb.published ? <p className="text-xs font-medium text-emerald-800" data-testid="library-published">{t.library.published}</p> : null}
      {!kb.mine ? (
        <div className="mt-1 flex flex-wrap gap-1">
          <button type="button" className={button} aria-label={t.library.saveCopyLabel(kb.name)} onClick={() => void library.rename(kb.id, kb.name)}>{t.library.saveCopy}</button>
          <a className={button} href={exportUrl(kb.id)} download aria-label={t.library.exportLabel(kb.name)}>{t.library.exportFile}</a>
        </div>
      ) : renaming ? (
        <form
          className="mt-1 flex gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            setRenaming(false);
            void library.rename(kb.id, name);
          }}
        >
          <input aria-label={t.library.newName(kb.name)} data-testid="library-rename-input" className="min-w-0 flex-1 rounded border border-slate-300 px-1" value={name} maxLength={120} onChange={(event) => setName(event.target.value)} autoFocus />
          <button type="submit" className={button}>{t.library.save}</button>
          <button type="button" className={button} onClick={() => setRenaming(false)}>{t.common.cancel}</button>
        </form>
      ) : (
        <div className="mt-1 flex flex-wrap gap-1">
          <button type="button" className={button} aria-label={t.library.renameLabel(kb.name)} onClick={() => (setName(kb.name), setRenaming(true))}>{t.library.rename}</button>
          {confirming ? (
            <>
              <button type="button" className={`${button} border-red-400 text-red-800`} aria-label={t.library.confirmRemove(kb.name)} onClick={() => void library.remove(kb.id)}>{t.library.removeForGood}</button>
              <button type="button" className={button} onClick={() => setConfirming(false)}>{t.library.keep}</button>
            </>
          ) : (
            <button type="button" className={button} aria-label={t.library.removeLabel(kb.name)} onClick={() => setConfirming(true)}>{t.library.remove}</button>
          )}
          <a className={button} href={exportUrl(kb.id)} download aria-label={t.library.exportLabel(kb.name)}>{t.library.exportFile}</a>
        </div>
      )}
    </li>
  );
}
