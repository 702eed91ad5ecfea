// npm run bench -- admission [--requests 600] [--limit 512] [--json]
//
// The admission limit under a burst, against the real app on 127.0.0.1 (a data folder of its own): --requests
// one-off searches sent at once, each with 3 entries of its own (embedded and saved: the work a permit covers) and
// a query. Printed: how many were answered 200 and 429 (one permit a request admits at least the limit, 512, of a
// burst of 600; a request that took two permits, as a one-off search did, admitted about half as many) and the
// latency of each kind of answer: a 429 should come at once, not after the work of the admitted ones.
// Baseline in the same run: a burst of half the limit, where nothing may be refused. --limit starts the app with
// SEMANTIC_RADAR_MAX_PENDING at that value (default: the documented 512), to reach the limit on a slow machine.
// Bounded: one burst of --requests, then one of half the limit; only 127.0.0.1 is ever a target.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MAX_PENDING } from "../../lib/engine/admission";
import { freePort } from "../../testing/free-port";
import { parseCli, positiveInt } from "../cli";
import { percentile, waitForReady } from "../loadtest/client";
import { HOST, startApp, stopApp } from "./app";

const ENTRIES = ["Admission bench: reset a password in Settings.", "Admission bench: shipping takes a week.", "Admission bench: bank transfers are accepted."];

interface Burst {
  requests: number;
  ok: number;
  refused: number;
  other: number;
  /** Statuses of the other answers, e.g. {"404": 3}. */
  otherStatuses: Record<string, number>;
  okMs: { p50: number; p95: number; max: number };
  refusedMs: { p50: number; p95: number; max: number };
}

async function burst(base: string, requests: number, tag: string): Promise<Burst> {
  const answers = await Promise.all(
    Array.from({ length: requests }, async (_, i) => {
      const sent = performance.now();
      const entries = ENTRIES.map((entry) => `${entry} (burst ${tag}, request ${i})`);
      const response = await fetch(`${base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries, query: `question number ${i}` }) });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - sent };
    }),
  );
  const figures = (ms: number[]) => ({ p50: percentile(ms, 50), p95: percentile(ms, 95), max: percentile(ms, 100) });
  const refused = answers.filter((a) => a.status === 429);
  return {
    requests,
    ok: answers.filter((a) => a.status === 200).length,
    refused: refused.length,
    other: answers.filter((a) => a.status !== 200 && a.status !== 429).length,
    otherStatuses: answers.filter((a) => a.status !== 200 && a.status !== 429).reduce<Record<string, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {}),
    okMs: figures(answers.filter((a) => a.status === 200).map((a) => a.ms)),
    refusedMs: figures(refused.map((a) => a.ms)),
  };
}

export async function benchAdmission(args: string[]): Promise<void> {
  const { values } = parseCli({ requests: { type: "string", default: "600" }, limit: { type: "string", default: String(DEFAULT_MAX_PENDING) }, json: { type: "boolean", default: false } }, args);
  const requests = positiveInt("requests", values.requests);
  const limit = positiveInt("limit", values.limit);
  const dataDir = mkdtempSync(join(tmpdir(), "radar-bench-admission-"));
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const app = startApp(port, dataDir, { SEMANTIC_RADAR_MAX_PENDING: String(limit) });
  try {
    await waitForReady(base, 600);
    // Warms the model and the store: the bursts measure admission, not the first load.
    await (await fetch(`${base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries: ENTRIES, query: "warm up" }) })).text();
    const results = [await burst(base, Math.max(1, Math.floor(limit / 2)), "half"), await burst(base, requests, "full")];
    if (values.json) return console.log(JSON.stringify({ limit, results }, null, 2));
    console.log(`One-off searches sent at once; the admission limit is ${limit} requests in progress (documented default ${DEFAULT_MAX_PENDING})`);
    console.log("sent   200   429  other | 200 p50 / p95 / max ms     | 429 p50 / p95 / max ms     | other statuses");
    for (const r of results) {
      const ms = (f: Burst["okMs"]) => `${f.p50.toFixed(0)} / ${f.p95.toFixed(0)} / ${f.max.toFixed(0)}`.padEnd(26);
      console.log(`${String(r.requests).padStart(4)} ${String(r.ok).padStart(5)} ${String(r.refused).padStart(5)} ${String(r.other).padStart(6)} | ${ms(r.okMs)} | ${r.refused ? ms(r.refusedMs) : "-".padEnd(26)} | ${JSON.stringify(r.otherStatuses)}`);
    }
  } finally {
    await stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
