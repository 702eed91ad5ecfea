/** The browser's calls to the library routes; failures arrive as AppError with a message to show as is. */
import { call } from "@/lib/api/client";
import type { LibraryKb, LibraryKbWithEntries, LibraryResponse } from "@/lib/api/contract";

export async function fetchLibrary(signal?: AbortSignal): Promise<LibraryResponse> {
  return (await (await call("/api/kbs", { signal })).json()) as LibraryResponse;
}

export async function fetchSavedKb(id: string, signal?: AbortSignal): Promise<LibraryKbWithEntries> {
  return (await (await call(`/api/kbs/${encodeURIComponent(id)}`, { signal })).json()) as LibraryKbWithEntries;
}

export async function renameSavedKb(id: string, name: string): Promise<LibraryKb> {
  return (await (await call(`/api/kbs/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ name }) })).json()) as LibraryKb;
}

export async function deleteSavedKb(id: string): Promise<void> {
  await call(`/api/kbs/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** Sends an export file as it is (its text is already the JSON the route reads). */
export async function importSavedKb(fileText: string): Promise<LibraryKb> {
  return (await (await call("/api/kbs/import", { method: "POST", body: fileText })).json()) as LibraryKb;
}

export function exportUrl(id: string): string {
  return `/api/kbs/${encodeURIComponent(id)}/export`;
}
