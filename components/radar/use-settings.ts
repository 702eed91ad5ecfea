"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { readStored, writeStored } from "../browser-storage";
import { parseSettings, serializeSettings, STORAGE_KEY, type RadarSettings } from "./settings";

// Writing a large knowledge base on every keystroke would stall typing; a short pause is enough.
const SAVE_DELAY_MS = 300;

/**
 * The radar's settings and knowledge base, kept in localStorage so they survive a reload. Returns a warning when
 * the browser refuses to keep them (storage full or disabled): the page still works, the reload loses them.
 */
export function useSettings(): {
  settings: RadarSettings;
  update: (patch: Partial<RadarSettings>) => void;
  storageWarning: string | null;
} {
  const [settings, setSettings] = useState<RadarSettings>(() => parseSettings(readStored(STORAGE_KEY)));
  const [storageWarning, setStorageWarning] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const settingsRef = useRef(settings);

  useEffect(() => {
    settingsRef.current = settings;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStorageWarning(writeStorage(serializeSettings(settings))), SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [settings]);

  // A reload right after typing must not lose the last keystrokes.
  useEffect(() => {
    const flush = () => writeStorage(serializeSettings(settingsRef.current));
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, []);

  const update = useCallback((patch: Partial<RadarSettings>) => setSettings((current) => ({ ...current, ...patch })), []);
  return { settings, update, storageWarning };
}

/** Keeps the settings; the warning to show when the browser would not. */
function writeStorage(value: string): string | null {
  if (writeStored(STORAGE_KEY, value)) return null;
  return "This browser would not keep the knowledge base (it is too large for local storage, or storage is off): it will not survive a reload. Keep a copy in a file.";
}
