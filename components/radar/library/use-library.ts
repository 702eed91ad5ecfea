"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LibraryKb } from "@/lib/api/contract";
import { AppError } from "@/lib/errors";
import { errorText } from "../../i18n/error-text";
import { useI18n, type I18n } from "../../i18n/use-messages";
import { exportFileTextProblem, type ExportFileProblem } from "@/lib/api/export-file-check";
import { deleteSavedKb, fetchLibrary, importSavedKb, renameSavedKb } from "./library-api";

const REFRESH_MS = 10_000;

/** This browser's library: listed on load, after each new kbId and every few seconds; named, renamed, deleted, imported. */
export function useLibrary(latestKbId: string | undefined) {
  const i18n = useI18n();
  const [kbs, setKbs] = useState<LibraryKb[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Messages are worded once, in the language of the moment they happen; the callbacks stay the same.
  const language = useRef(i18n);
  language.current = i18n;
  const messageOf = useCallback(
    (caught: unknown) => (caught instanceof AppError ? errorText(caught, language.current) : language.current.t.library.unreachable),
    [],
  );

  const refresh = useCallback(async () => {
    try {
      setKbs((await fetchLibrary()).kbs);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, [messageOf]);

  // A search on a new knowledge base may have been published meanwhile: list again.
  useEffect(() => {
    void refresh();
  }, [refresh, latestKbId]);

  // What the teacher publishes appears without a reload: a cheap list every so often while the page is seen.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = useCallback(
    async (work: () => Promise<unknown>) => {
      setError(null);
      try {
        await work();
      } catch (caught) {
        setError(messageOf(caught));
      }
      await refresh();
    },
    [refresh, messageOf],
  );

  const importFile = async (file: File) => {
    const text = await file.text();
    const problem = exportFileTextProblem(text);
    if (problem) {
      setError(notExportMessage(problem, i18n));
      return;
    }
    await act(() => importSavedKb(text));
  };

  return {
    kbs,
    error,
    dismissError: () => setError(null),
    rename: (id: string, name: string) => act(() => renameSavedKb(id, name)),
    remove: (id: string) => act(() => deleteSavedKb(id)),
    importFile,
  };
}

export type Library = ReturnType<typeof useLibrary>;

function notExportMessage(problem: ExportFileProblem, { t }: I18n): string {
  const { library } = t;
  const why =
    problem.kind === "not-json"
      ? library.notJson
      : problem.kind === "no-format"
        ? library.noFormat
        : problem.kind === "other-format"
          ? library.otherFormat(problem.format)
          : library.otherVersion(problem.version);
  return library.notExport(why);
}
