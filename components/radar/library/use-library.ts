"use client";

import { useCallback, useEffect, useState } from "react";
import type { LibraryKb } from "@/lib/api/contract";
import { AppError } from "@/lib/errors";
import { deleteSavedKb, fetchLibrary, importSavedKb, renameSavedKb } from "./library-api";

/** The saved knowledge bases: listed on load and after each new kbId, renamed, deleted, imported. */
export function useLibrary(latestKbId: string | undefined) {
  const [kbs, setKbs] = useState<LibraryKb[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setKbs((await fetchLibrary()).kbs);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, []);

  // A search on a new knowledge base saved it: list it.
  useEffect(() => {
    void refresh();
  }, [refresh, latestKbId]);

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
    [refresh],
  );

  return {
    kbs,
    error,
    dismissError: () => setError(null),
    rename: (id: string, name: string) => act(() => renameSavedKb(id, name)),
    remove: (id: string) => act(() => deleteSavedKb(id)),
    importFile: (file: File) => act(async () => importSavedKb(await file.text())),
  };
}

export type Library = ReturnType<typeof useLibrary>;

function messageOf(caught: unknown): string {
  return caught instanceof AppError ? caught.message : "The library could not be reached. Try again.";
}
