// npm run loadtest -- [--connections 50] [--seconds 30] [--rounds 3] [--entries 1000] [--embed-entries 20000] [--json]
//                      [--target http://127.0.0.1:8080 [--processes http://127.0.0.1:3001,http://127.0.0.1:3002]]
//
// A workshop's load on this machine, against the real app on 127.0.0.1 (built when stale, started here, stopped
// at the end). In one run:
//   1. search: a 1,000-entry knowledge base searched with varied queries (autocannon), first by 1 connection,
//      then by N: req/s of 2xx answers (goodput), p50/p99 latency, non-2xx count, the server's event-loop delay.
//      Each phase's seconds are split into rounds that alternate (1, N, 1, N, ...): a shared machine's speed
//      drifts by tens of percent within minutes, and alternating puts both phases under the same drift.
//   2. embed: while a 20,000-entry knowledge base embeds, /api/status is asked every 100 ms and one search per
//      second runs on the first knowledge base: their latencies and the event-loop delay. The embedding is
//      cancelled at the end of the phase.
// With --target, the load goes to a server already running there (a cluster's balancer: npm run cluster) instead
// of one started here; --processes names the radar processes behind it, whose CPU time and event loops are read
// directly and summed (through the balancer each sample would come from whichever process answered).
// Every loop is bounded in count and time; only 127.0.0.1 is ever a target.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { loadStsDataset } from "../lib/eval/sts";
import { median, parseCli, positiveInt, runCli } from "./cli";
import { drainKb, embedKb, percentile, waitForReady } from "./loadtest/client";
import { freePort } from "../testing/free-port";

const HOST = "127.0.0.1";



/**
 * The app with a store of its own in `dataDir`: knowledge bases embedded by an earlier run (or by the user) must
 * not answer from the store, or the embedding phase would measure nothing; and the user's store stays clean.
 */
function startApp(port: number, dataDir: string): ChildProcess {
  const env = { ...process.env, SEMANTIC_RADAR_DATA_DIR: dataDir, DATABASE_URL: "" };
  const child = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", HOST], { stdio: ["ignore", "pipe", "inherit"], env });
  child.stdout?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

interface ServerSample {
  delay: { p50Ms: number; p99Ms: number; maxMs: number };
  /** CPU time of the whole server process so far (every thread), and the cores it may use. */
  cpuMs: number;
  cores: number;
}

/** The servers the CPU time and event loops are read from: the one started here, or a cluster's processes. */
let sampled: string[] = [];

/**
 * The servers' event-loop delay since the last sample (a new window starts; the worst of them), and their CPU
 * time so far (summed).
 */
async function sampleServer(): Promise<ServerSample> {
  type Serving = { eventLoop: ServerSample["delay"]; cpuMs: number; cores: number };
  const samples = await Promise.all(sampled.map(async (base) => ((await (await fetch(`${base}/api/status?resetEventLoop=1`)).json()) as { serving: Serving }).serving));
  const worst = (f: (delay: ServerSample["delay"]) => number) => Math.max(...samples.map((sample) => f(sample.eventLoop)));
  return {
    delay: { p50Ms: worst((d) => d.p50Ms), p99Ms: worst((d) => d.p99Ms), maxMs: worst((d) => d.maxMs) },
    cpuMs: samples.reduce((total, sample) => total + sample.cpuMs, 0),
    cores: samples[0].cores,
  };
}

async function loopDelay(): Promise<ServerSample["delay"]> {
  return (await sampleServer()).delay;
}

/** A base URL on 127.0.0.1 (or localhost): the only address a load test may aim at. */
function localUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`expected --${name} to be a URL such as http://127.0.0.1:8080, got "${value}"`);
  }
  if (url.protocol !== "http:" || !["127.0.0.1", "localhost"].includes(url.hostname)) {
    throw new Error(`expected --${name} to be an http URL on 127.0.0.1 (a load test aims at this machine only), got "${value}"`);
  }
  return url.origin;
}

type Round = Awaited<ReturnType<typeof searchRound>>;

/** One autocannon run of POST /api/search, cycling through the queries. */
async function searchRound(base: string, kbId: string, queries: string[], connections: number, seconds: number) {
  const before = await sampleServer(); // and a fresh event-loop window
  const clientBefore = process.cpuUsage();
  let next = 0;
  const result = await autocannon({
    url: `${base}/api/search`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ kbId, query: queries[next++ % queries.length], topK: 10 }) }),
      },
    ],
  });
  const client = process.cpuUsage(clientBefore);
  const after = await sampleServer();
  return {
    ok: result["2xx"],
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    delay: after.delay,
    serverCpuMs: after.cpuMs - before.cpuMs,
    clientCpuMs: (client.user + client.system) / 1000,
    cores: after.cores,
  };
}

/** A phase's rounds summed: goodput over all its seconds; the median round's p50, the worst round's p99s. */
function phaseOf(connections: number, rounds: Round[]) {
  const sum = (f: (r: Round) => number) => rounds.reduce((total, r) => total + f(r), 0);
  return {
    connections,
    goodput_rps: Number((sum((r) => r.ok) / sum((r) => r.seconds)).toFixed(1)),
    latency_ms: { p50: median(rounds.map((r) => r.p50)), p99: Math.max(...rounds.map((r) => r.p99)) },
    non2xx: sum((r) => r.non2xx),
    event_loop_ms: { p50Ms: median(rounds.map((r) => r.delay.p50Ms)), p99Ms: Math.max(...rounds.map((r) => r.delay.p99Ms)), maxMs: Math.max(...rounds.map((r) => r.delay.maxMs)) },
    rounds_rps: rounds.map((r) => Number((r.ok / r.seconds).toFixed(1))),
    // CPU per answered search: the server's (all its threads) and this load generator's (autocannon), and how
    // many of the machine's cores the two kept busy together.
    cpu_ms_per_request: { server: Number((sum((r) => r.serverCpuMs) / sum((r) => r.ok)).toFixed(2)), client: Number((sum((r) => r.clientCpuMs) / sum((r) => r.ok)).toFixed(2)) },
    cores_busy: Number(((sum((r) => r.serverCpuMs) + sum((r) => r.clientCpuMs)) / 1000 / sum((r) => r.seconds)).toFixed(2)),
    cores: rounds[0].cores,
  };
}

/** 1 connection, then N, alternating for `rounds` rounds; both phases get `seconds` in all. */
async function searchPhases(base: string, kbId: string, queries: string[], connections: number, seconds: number, rounds: number) {
  const single: Round[] = [];
  const many: Round[] = [];
  const slice = Math.max(1, Math.round(seconds / rounds));
  for (let round = 0; round < rounds; round++) {
    single.push(await searchRound(base, kbId, queries, 1, slice));
    many.push(await searchRound(base, kbId, queries, connections, slice));
  }
  return [phaseOf(1, single), phaseOf(connections, many)] as const;
}

/** /api/status every 100 ms and a search every second while a big knowledge base embeds; then cancel it. */
async function embedPhase(base: string, kbId: string, queries: string[], entries: string[], seconds: number) {
  const controller = new AbortController();
  const embedding = drainKb(base, entries, controller.signal);
  await new Promise((r) => setTimeout(r, 1000)); // let it start its first batches
  await loopDelay();
  const statusMs: number[] = [];
  const searchMs: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  for (let tick = 0; performance.now() < deadline && tick < seconds * 10; tick++) {
    const started = performance.now();
    await fetch(`${base}/api/status`).then((r) => r.arrayBuffer());
    statusMs.push(performance.now() - started);
    if (tick % 10 === 0) {
      const t = performance.now();
      await fetch(`${base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kbId, query: queries[tick % queries.length] }) }).then((r) => r.arrayBuffer());
      searchMs.push(performance.now() - t);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - started))));
  }
  const delay = await loopDelay();
  controller.abort();
  const progress = await embedding;
  return {
    embed_entries: entries.length,
    embedded_during_phase: progress,
    status_ms: { p50: percentile(statusMs, 50), p95: percentile(statusMs, 95), samples: statusMs.length },
    search_ms: { p50: percentile(searchMs, 50), max: Math.max(...searchMs), samples: searchMs.length },
    event_loop_ms: delay,
  };
}

runCli(async () => {
  const { values } = parseCli({
    connections: { type: "string", default: "50" },
    seconds: { type: "string", default: "30" },
    rounds: { type: "string", default: "3" },
    entries: { type: "string", default: "1000" },
    "embed-entries": { type: "string", default: "20000" },
    json: { type: "boolean", default: false },
    target: { type: "string" },
    processes: { type: "string" },
  });
  const connections = positiveInt("connections", values.connections);
  const seconds = positiveInt("seconds", values.seconds);
  const rounds = positiveInt("rounds", values.rounds);
  const sentences = [...new Set(loadStsDataset("stsb-en").flatMap((p) => [p.sentence1, p.sentence2]))];
  const kbEntries = sentences.slice(0, positiveInt("entries", values.entries));
  const queries = sentences.slice(kbEntries.length, kbEntries.length + 500);
  // 20,000 distinct entries from the STS sentences: each sentence with a numbered suffix of its own.
  const bigKb = Array.from({ length: positiveInt("embed-entries", values["embed-entries"]) }, (_, i) => `${sentences[i % sentences.length]} (item ${i})`);

  if (values.processes && !values.target) throw new Error("--processes names the processes behind --target: give --target too");
  const target = values.target ? localUrl("target", values.target) : undefined;
  const port = target ? 0 : await freePort();
  const base = target ?? `http://${HOST}:${port}`;
  sampled = values.processes ? values.processes.split(",").map((url) => localUrl("processes", url.trim())) : [base];
  const dataDir = mkdtempSync(join(tmpdir(), "radar-loadtest-"));
  const app = target ? undefined : startApp(port, dataDir);
  try {
    await waitForReady(base, 600);
    const kbId = await embedKb(base, kbEntries);
    await searchRound(base, kbId, queries, 1, 3); // warm-up, not reported
    const [single, many] = await searchPhases(base, kbId, queries, connections, seconds, rounds);
    const embed = await embedPhase(base, kbId, queries, bigKb, seconds);
    const ratios = single.rounds_rps.map((rps, i) => Number((many.rounds_rps[i] / rps).toFixed(2)));
    const figures = { kb_entries: kbEntries.length, seconds, rounds, search: [single, many], goodput_ratio: Number((many.goodput_rps / single.goodput_rps).toFixed(2)), round_ratios: ratios, embed };
    if (values.json) return void console.log(JSON.stringify(figures));
    console.log(`Load test: ${kbEntries.length.toLocaleString("en")}-entry knowledge base, varied queries, ${seconds} s a phase in ${rounds} alternating rounds, app on ${base}`);
    if (target) console.log(`CPU and event loops read from ${sampled.length} process${sampled.length === 1 ? "" : "es"}: ${sampled.join(", ")} (the balancer's own CPU is not counted)`);
    console.log("");
    console.log("| connections | goodput req/s | p50 ms | p99 ms | non-2xx | event loop p99 ms | event loop max ms | server CPU ms/search | load generator CPU ms/search | cores busy |");
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of figures.search) {
      const cpu = r.cpu_ms_per_request;
      console.log(`| ${r.connections} | ${r.goodput_rps} | ${r.latency_ms.p50} | ${r.latency_ms.p99} | ${r.non2xx} | ${r.event_loop_ms.p99Ms} | ${r.event_loop_ms.maxMs} | ${cpu.server} | ${cpu.client} | ${r.cores_busy} of ${r.cores} |`);
    }
    console.log(`\nGoodput at ${connections} connections: ${figures.goodput_ratio}x the single connection's (round by round: ${ratios.map((r) => `${r}x`).join(", ")}).`);
    console.log("p50: the median round's; p99 and event-loop figures: the worst round's.");
    const perSearch = many.cpu_ms_per_request.server + many.cpu_ms_per_request.client;
    console.log(
      `CPU per search fell from ${single.cpu_ms_per_request.server} ms (1 connection) to ${many.cpu_ms_per_request.server} ms (${connections}): what batching saves. ` +
        `At ${connections} connections, ${many.cores} cores / ${perSearch.toFixed(2)} ms a search (server and load generator) allow at most ` +
        `${Math.round((many.cores * 1000) / perSearch)} searches/s, whatever the concurrency.`,
    );
    console.log(`\nWhile a ${embed.embed_entries.toLocaleString("en")}-entry knowledge base embedded (${embed.embedded_during_phase.toLocaleString("en")} entries done in the phase):`);
    console.log(`  /api/status p50 ${embed.status_ms.p50} ms, p95 ${embed.status_ms.p95} ms (${embed.status_ms.samples} requests)`);
    console.log(`  search on the other knowledge base p50 ${embed.search_ms.p50} ms, max ${embed.search_ms.max.toFixed(1)} ms (${embed.search_ms.samples} searches)`);
    console.log(`  event loop p99 ${embed.event_loop_ms.p99Ms} ms, max ${embed.event_loop_ms.maxMs} ms`);
  } finally {
    if (app) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
