/**
 * The browser's localStorage, never throwing: storage may be off (private mode), full, or absent (the server
 * render). Every remembered choice goes through here.
 */

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Whether the browser kept the value; when not, it still holds for this visit. */
export function writeStored(key: string, value: string): boolean {
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage off: there is nothing to remove.
  }
}
