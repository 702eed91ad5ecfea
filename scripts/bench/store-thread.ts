// npm run bench -- store-thread [--entries 20000] [--interval 50] [--json]
//
// What the server answers while the embedded store works, with PGlite on the main thread (as before) and in its
// own worker thread (SEMANTIC_RADAR_PGLITE_THREAD), in one run, against the real app (npm start's server) on
// 127.0.0.1, each on a fresh data folder:
//   save: a knowledge base of --entries embeds; from its last progress event to its done event the server
//         saves it (one transaction). Meanwhile GET /api/status is sent every --interval ms (open loop: a request
//         is sent on time whether or not the last one answered, as many clients would) and a search of a small
//         knowledge base already in memory every 100 ms. Printed: p50, p95 and max latency within the save.
//   open: the server is restarted on the same folder; the first search of the big knowledge base loads it from
//         the store. The same figures within that search.
// Also printed: the server's longest event-loop stall over each phase (GET /api/status?resetEventLoop=1), the
// main thread's own measure of being blocked, less swayed than latencies by other programs on a busy machine.
//   idle: before both, 5 s of the same requests with nothing else asked of the server: the floor this machine
//         sets (on a shared machine other programs' threads wait for the same cores).
// Every loop is bounded in count and time; only 127.0.0.1 is ever a target.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { readNdjson } from "../../lib/api/ndjson-read";
import type { KbEvent } from "../../lib/api/contract";
import { freePort } from "../../testing/free-port";
import { parseCli, positiveInt } from "../cli";
import { embedKb, percentile, waitForReady } from "../loadtest/client";
import { HOST, startApp, stopApp } from "./app";

const THREADS = ["main", "worker"] as const;
const IDLE_MS = 5_000;
type Thread = (typeof THREADS)[number];

interface Sample {
  sentAt: number;
  ms: number;
}

interface Figures {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

interface PhaseResult {
  thread: Thread;
  phase: "idle" | "save" | "open";
  windowMs: number;
  status: Figures;
  search: Figures;
  /** The server's longest event-loop stall over the phase (the whole embedding and save, or the first search). */
  eventLoopMaxMs: number;
}

/** The server's event-loop delay since the last reset, starting a new window. */
async function eventLoopMax(base: string): Promise<number> {
  const status = (await (await fetch(`${base}/api/status?resetEventLoop=1`)).json()) as { serving: { eventLoop: { maxMs: number } } };
  return status.serving.eventLoop.maxMs;
}

/** Sends `request` every `intervalMs` until stopped (at most `maxCount` times); each latency with its send time. */
function openLoop(request: () => Promise<unknown>, intervalMs: number, maxCount: number): { stop: () => Promise<Sample[]> } {
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const timer = setInterval(() => {
    if (inFlight.length >= maxCount) return;
    const sentAt = performance.now();
    inFlight.push(request().then(() => void samples.push({ sentAt, ms: performance.now() - sentAt }), () => undefined));
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      return samples;
    },
  };
}

function within(samples: Sample[], from: number, to: number): Figures {
  const ms = samples.filter((s) => s.sentAt >= from && s.sentAt <= to).map((s) => s.ms);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: percentile(ms, 100), n: ms.length };
}

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function drain(response: Response): Promise<void> {
  await response.arrayBuffer();
}

async function runThread(thread: Thread, entries: string[], intervalMs: number): Promise<PhaseResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), `radar-bench-store-${thread}-`));
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const results: PhaseResult[] = [];
  let app = startApp(port, dataDir, { SEMANTIC_RADAR_PGLITE_THREAD: thread });
  try {
    await waitForReady(base, 600);
    const smallId = await embedKb(base, ["A small knowledge base, searched while the big one saves.", "Its second entry.", "Its third entry."]);
    const probes = () => ({
      status: openLoop(() => fetch(`${base}/api/status`).then(drain), intervalMs, 20_000),
      search: openLoop(() => post(base, "/api/search", { kbId: smallId, query: "small" }).then(drain), 100, 5_000),
    });

    // idle: the floor this machine sets (other programs share its cores), nothing else asked of the server
    await eventLoopMax(base);
    const idleFrom = performance.now();
    let loops = probes();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    let until = performance.now();
    let [status, search] = [await loops.status.stop(), await loops.search.stop()];
    let stall = await eventLoopMax(base);
    results.push({ thread, phase: "idle", windowMs: until - idleFrom, status: within(status, idleFrom, until), search: within(search, idleFrom, until), eventLoopMaxMs: stall });

    // save: the window is the server's own saveMs, ending when its done event arrives (a progress event sent just
    // before a main-thread save reaches the client only after it, so it cannot mark the start)
    await eventLoopMax(base);
    loops = probes();
    let done: Extract<KbEvent, { type: "done" }> | undefined;
    const response = await post(base, "/api/kb", { entries });
    for await (const event of readNdjson<KbEvent>(response.body!)) {
      if (event.type === "error") throw new Error(`the embedding failed: ${event.error.message}`);
      if (event.type === "done") done = event;
    }
    until = performance.now();
    if (!done) throw new Error("the embedding ended without a done event");
    const savingFrom = until - (done.timings.saveMs ?? 0);
    [status, search] = [await loops.status.stop(), await loops.search.stop()];
    stall = await eventLoopMax(base);
    results.push({ thread, phase: "save", windowMs: until - savingFrom, status: within(status, savingFrom, until), search: within(search, savingFrom, until), eventLoopMaxMs: stall });

    // open: a fresh server, the big knowledge base only in the store; the small one loaded before the window
    await stopApp(app);
    app = startApp(port, dataDir, { SEMANTIC_RADAR_PGLITE_THREAD: thread });
    await waitForReady(base, 600);
    await drain(await post(base, "/api/search", { kbId: smallId, query: "load it" }));
    await eventLoopMax(base);
    loops = probes();
    const openingFrom = performance.now();
    const first = await post(base, "/api/search", { kbId: done.kbId, query: "entry 7" });
    if (!first.ok) throw new Error(`the first search of the saved knowledge base answered ${first.status}`);
    await drain(first);
    until = performance.now();
    [status, search] = [await loops.status.stop(), await loops.search.stop()];
    stall = await eventLoopMax(base);
    results.push({ thread, phase: "open", windowMs: until - openingFrom, status: within(status, openingFrom, until), search: within(search, openingFrom, until), eventLoopMaxMs: stall });
    return results;
  } finally {
    await stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(results: PhaseResult[], entries: number): string {
  const figures = (f: Figures) => `${f.p50.toFixed(1).padStart(7)} ${f.p95.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)} ${String(f.n).padStart(5)}`;
  const lines = [
    `Latency (ms) while a ${entries.toLocaleString("en")}-entry knowledge base is saved, then opened; PGlite on the main thread vs in its worker`,
    "phase  PGlite   window ms | /api/status p50      p95      max     n | search p50      p95      max     n | event-loop max",
  ];
  for (const r of results) {
    lines.push(`${r.phase.padEnd(6)} ${r.thread.padEnd(7)} ${r.windowMs.toFixed(0).padStart(10)} |     ${figures(r.status)} |    ${figures(r.search)} | ${r.eventLoopMaxMs.toFixed(0).padStart(14)}`);
  }
  lines.push(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(", ")} on ${cpus().length} cores (latency on a loaded machine includes waiting for a core)`);
  return lines.join("\n");
}

export async function benchStoreThread(args: string[]): Promise<void> {
  const { values } = parseCli({ entries: { type: "string", default: "20000" }, interval: { type: "string", default: "50" }, json: { type: "boolean", default: false } }, args);
  const count = positiveInt("entries", values.entries);
  const intervalMs = positiveInt("interval", values.interval);
  const entries = Array.from({ length: count }, (_, i) => `Store thread bench entry ${i}, on topic ${i % 97}, detail ${i * 31}.`);
  const results: PhaseResult[] = [];
  for (const thread of THREADS) results.push(...(await runThread(thread, entries, intervalMs)));
  const order = (r: PhaseResult) => ["idle", "save", "open"].indexOf(r.phase) * 2 + THREADS.indexOf(r.thread);
  const ordered = [...results].sort((a, b) => order(a) - order(b));
  console.log(values.json ? JSON.stringify({ entries: count, intervalMs, results: ordered }, null, 2) : table(ordered, count));
}
