/**
 * Where the browser keeps the knowledge base: IndexedDB (idb-keyval), which holds a 60,000-line paste that
 * localStorage (about 5 MB an origin) refuses. The settings stay in localStorage (settings.ts). Never throws: a
 * browser with storage off still runs the radar, and the page says what it could not keep.
 */
import { createStore, get, set, type UseStore } from "idb-keyval";
import { readStored, removeStored, writeStored } from "../browser-storage";

const KB_KEY = "kb-text";
// Set once a knowledge base was kept in IndexedDB: a failed read then means something was lost, not "never saved".
const SAVED_MARK = "semantic-radar:kb-saved";

let store: UseStore | null = null;
function kbStore(): UseStore {
  store ??= createStore("semantic-radar", "knowledge-base");
  return store;
}

// IndexedDB writes are asynchronous, and a page that unloads may abort them: what the editor held when the page
// went away is also written here, synchronously (when it fits), and wins over IndexedDB's older copy.
const PENDING_KEY = "semantic-radar:kb-pending";

export type KbRestore = { text: string } | { text: null; lost: boolean };

/** The kept knowledge base; `lost` when one was kept and cannot be read back now. */
export async function readKbText(): Promise<KbRestore> {
  const pending = readStored(PENDING_KEY);
  if (pending !== null) return { text: pending };
  try {
    const text = await get<string>(KB_KEY, kbStore());
    if (typeof text === "string") return { text };
    return { text: null, lost: readStored(SAVED_MARK) === "1" };
  } catch {
    return { text: null, lost: readStored(SAVED_MARK) === "1" };
  }
}

/** Whether the browser kept it. */
export async function writeKbText(text: string): Promise<boolean> {
  try {
    await set(KB_KEY, text, kbStore());
    writeStored(SAVED_MARK, "1");
    removeStored(PENDING_KEY);
    return true;
  } catch {
    return false;
  }
}

/** When the page goes away with the knowledge base not yet in IndexedDB: a synchronous copy, if it fits. */
export function keepPendingKbText(text: string): void {
  writeStored(PENDING_KEY, text);
}
