// The load test's small HTTP client: waits for the app, embeds knowledge bases, reads NDJSON progress.
import { readNdjson } from "../../lib/api/ndjson-read";
import type { KbEvent } from "../../lib/api/contract";

/** Waits (bounded) until the default model is ready. */
export async function waitForReady(base: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const status = (await (await fetch(`${base}/api/status`)).json()) as { engines: { status: string }[] };
      if (status.engines.some((e) => e.status === "ready")) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app at ${base} was not ready within ${seconds} s`);
}

function postKb(base: string, entries: string[], signal?: AbortSignal): Promise<Response> {
  return fetch(`${base}/api/kb`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries }), signal });
}

/** Embeds a knowledge base to the end; returns its kbId. */
export async function embedKb(base: string, entries: string[]): Promise<string> {
  const response = await postKb(base, entries);
  if (!response.ok || !response.body) throw new Error(`POST /api/kb answered ${response.status}`);
  for await (const event of readNdjson<KbEvent>(response.body)) {
    if (event.type === "done") return event.kbId;
    if (event.type === "error") throw new Error(`POST /api/kb failed: ${event.error.message}`);
  }
  throw new Error("POST /api/kb ended without a done event");
}

/** Embeds until `signal` aborts; returns how many entries were done by then. */
export async function drainKb(base: string, entries: string[], signal: AbortSignal): Promise<number> {
  let done = 0;
  try {
    const response = await postKb(base, entries, signal);
    for await (const event of readNdjson<KbEvent>(response.body!)) if (event.type === "progress") done = event.done;
  } catch {
    // aborted: the server stops embedding between batches
  }
  return done;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
}
