"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { RoomKb } from "@/lib/api/contract";
import { AppError } from "@/lib/errors";
import { errorText } from "../i18n/error-text";
import { useI18n } from "../i18n/use-messages";
import { fetchRoomKbs, removeFromServer, setPublished } from "./room-api";

/** The key lives in this tab's sessionStorage: a reload keeps it, closing the tab forgets it. */
const KEY_STORAGE = "semantic-radar.teacher-key";
const REFRESH_MS = 10_000;

function storedKey(): string | null {
  try {
    return window.sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

function storeKey(key: string | null): void {
  try {
    if (key === null) window.sessionStorage.removeItem(KEY_STORAGE);
    else window.sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // Storage off: the key holds for this visit only.
  }
}

/** The teacher's room: the key, every knowledge base on the server (listed again every few seconds), publish and remove. */
export function useTeacherRoom() {
  const i18n = useI18n();
  const language = useRef(i18n);
  language.current = i18n;
  const [key, setKey] = useState<string | null>(null);
  const [kbs, setKbs] = useState<RoomKb[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const messageOf = useCallback((caught: unknown) => (caught instanceof AppError ? errorText(caught, language.current) : language.current.t.library.unreachable), []);

  const refresh = useCallback(
    async (withKey: string) => {
      try {
        setKbs((await fetchRoomKbs(withKey)).kbs);
        setError(null);
        return true;
      } catch (caught) {
        setError(messageOf(caught));
        return false;
      }
    },
    [messageOf],
  );

  useEffect(() => {
    const saved = storedKey();
    if (saved) {
      setKey(saved);
      void refresh(saved);
    }
  }, [refresh]);

  useEffect(() => {
    if (!key) return;
    const timer = setInterval(() => document.visibilityState === "visible" && void refresh(key), REFRESH_MS);
    return () => clearInterval(timer);
  }, [key, refresh]);

  const act = async (work: (withKey: string) => Promise<unknown>) => {
    if (!key) return;
    try {
      await work(key);
    } catch (caught) {
      setError(messageOf(caught));
    }
    await refresh(key);
  };

  return {
    key,
    kbs,
    error,
    /** Tries a key: kept only when the server takes it. */
    enter: async (candidate: string) => {
      if (await refresh(candidate)) {
        setKey(candidate);
        storeKey(candidate);
      }
    },
    forget: () => {
      setKey(null);
      setKbs(null);
      storeKey(null);
    },
    publish: (id: string, published: boolean) => act((withKey) => setPublished(withKey, id, published)),
    remove: (id: string) => act((withKey) => removeFromServer(withKey, id)),
  };
}

export type TeacherRoom = ReturnType<typeof useTeacherRoom>;
