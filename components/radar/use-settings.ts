"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { readStored, writeStored } from "../browser-storage";
import { keepPendingKbText, readKbText, writeKbText } from "./kb-storage";
import { parseSettings, serializeSettings, STORAGE_KEY, type RadarSettings } from "./settings";

// Writing a large knowledge base on every keystroke would stall typing; a short pause is enough.
const SAVE_DELAY_MS = 300;

/** What the browser could not keep or give back: the page says so (the radar still works for this visit). */
export interface StorageProblem {
  /** A knowledge base kept on an earlier visit could not be read back. */
  restoreFailed: boolean;
  /** The latest settings or knowledge base could not be kept. */
  refused: boolean;
}

/**
 * The saved settings and knowledge base, read before the radar first renders (the knowledge base from IndexedDB,
 * else from the localStorage of an older version, else the example).
 */
export async function restoreRadarState(): Promise<{ settings: RadarSettings; problem: StorageProblem | null }> {
  const settings = parseSettings(readStored(STORAGE_KEY));
  const restored = await readKbText();
  if (restored.text !== null) return { settings: { ...settings, kbText: restored.text }, problem: null };
  return { settings, problem: restored.lost ? { restoreFailed: true, refused: false } : null };
}

/**
 * The radar's settings (localStorage) and knowledge base (IndexedDB), kept so they survive a reload. Reports a
 * problem when the browser refuses to keep them (storage full or off).
 */
export function useSettings(initial: { settings: RadarSettings; problem: StorageProblem | null }): {
  settings: RadarSettings;
  update: (patch: Partial<RadarSettings>) => void;
  storageProblem: StorageProblem | null;
} {
  const [settings, setSettings] = useState<RadarSettings>(initial.settings);
  const [storageProblem, setStorageProblem] = useState<StorageProblem | null>(initial.problem);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const settingsRef = useRef(settings);
  const keptKb = useRef<string | null>(null);

  const save = useCallback(async (current: RadarSettings) => {
    const settingsKept = writeStored(STORAGE_KEY, serializeSettings(current));
    let kbKept = true;
    if (keptKb.current !== current.kbText) {
      kbKept = await writeKbText(current.kbText);
      if (kbKept) keptKb.current = current.kbText;
    }
    const refused = !(settingsKept && kbKept);
    setStorageProblem((problem) => (problem?.restoreFailed || refused ? { restoreFailed: problem?.restoreFailed ?? false, refused } : null));
  }, []);

  useEffect(() => {
    settingsRef.current = settings;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(settings), SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [settings, save]);

  // A reload right after typing must not lose the last keystrokes: the settings go to localStorage at once, and so
  // does the knowledge base (IndexedDB's write may not finish before the page is gone).
  useEffect(() => {
    const flush = () => {
      if (keptKb.current !== settingsRef.current.kbText) keepPendingKbText(settingsRef.current.kbText);
      void save(settingsRef.current);
    };
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [save]);

  const update = useCallback((patch: Partial<RadarSettings>) => setSettings((current) => ({ ...current, ...patch })), []);
  return { settings, update, storageProblem };
}
