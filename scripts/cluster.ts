// npm run cluster -- [--replicas 2] [--port 8080] [--first-port 3001] [--database-url postgres://...]
//
// Several radar processes on one PostgreSQL database behind HAProxy, on 127.0.0.1: the test PostgreSQL server
// (scripts/postgres.mjs; its data is removed on stop) unless --database-url names one, N production servers
// (the app built once, as npm start builds it) and the balancer (deploy/haproxy/haproxy.cfg). Ctrl-C stops them
// all. A process that dies is reported and left dead: the balancer takes it out, the others go on.
// docs/cluster.md shows the same on several machines.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { positiveInt, runCli, parseCli } from "./cli";
import { accepting, startBalancer, type Balancer } from "./cluster/balancer";
import { startPostgres } from "./postgres.mjs";

const HOST = "127.0.0.1";
const SERVER_BUNDLE = ".next/radar-server.mjs";
const USAGE = "usage: npm run cluster -- [--replicas 2] [--port 8080] [--first-port 3001] [--database-url postgres://user@host:5432/db]";

interface Radar {
  name: string;
  port: number;
  child: ChildProcess;
}

/**
 * The processes share this machine's cores: each one's forward passes get cores / N threads (at least 1), unless
 * SEMANTIC_RADAR_THREADS says otherwise. onnxruntime's own choice is every core, for each of them.
 */
function threadsEach(replicas: number): string {
  return process.env.SEMANTIC_RADAR_THREADS || String(Math.max(1, Math.floor(availableParallelism() / replicas)));
}

function startRadar(name: string, port: number, databaseUrl: string, threads: string): Radar {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, SEMANTIC_RADAR_LISTEN_HOST: HOST, SEMANTIC_RADAR_THREADS: threads };
  const child = spawn(process.execPath, [SERVER_BUNDLE, "--port", String(port), "--hostname", HOST], { stdio: ["ignore", "pipe", "pipe"], env });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout!.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return { name, port, child };
}

runCli(async () => {
  const { values } = parseCli({
    replicas: { type: "string", default: "2" },
    port: { type: "string", default: "8080" },
    "first-port": { type: "string", default: "3001" },
    "database-url": { type: "string" },
    help: { type: "boolean", default: false },
  });
  if (values.help) return void console.log(USAGE);
  const replicas = positiveInt("replicas", values.replicas);
  if (replicas > 16) throw new Error(`expected --replicas from 1 to 16, got ${replicas}`);
  const port = positiveInt("port", values.port);
  const firstPort = positiveInt("first-port", values["first-port"]);

  // Built once, before any process starts: N servers building at once would race.
  const build = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status}); see the output above`);

  const postgres = values["database-url"] ? undefined : await startPostgres();
  const databaseUrl = values["database-url"] ?? postgres!.url;
  const radars: Radar[] = [];
  let balancer: Balancer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\n[cluster] stopping: balancer, radar processes, database");
    await balancer?.stop().catch(() => undefined);
    await Promise.all(radars.filter((r) => r.child.exitCode === null && r.child.signalCode === null).map(async (r) => {
      r.child.kill("SIGTERM");
      await once(r.child, "exit");
    }));
    await postgres?.stop().catch((error: Error) => console.error(`[cluster] the database did not stop cleanly: ${error.message}`));
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));

  try {
    for (let i = 0; i < replicas; i++) {
      const radar = startRadar(`radar${i + 1}`, firstPort + i, databaseUrl, threadsEach(replicas));
      radar.child.once("exit", (code, signal) => {
        if (!stopping) console.error(`[cluster] ${radar.name} (port ${radar.port}) exited (${signal ?? `code ${code}`}); the balancer sends its requests to the others`);
      });
      radars.push(radar);
    }
    for (const radar of radars) {
      if (!(await accepting(HOST, radar.port, 120_000))) throw new Error(`${radar.name} did not listen on ${HOST}:${radar.port} within 2 minutes`);
    }
    balancer = await startBalancer(radars.map((r) => ({ name: r.name, address: `${HOST}:${r.port}` })), {
      host: HOST,
      port,
      echo: (text) => process.stderr.write(text.replace(/^(?=.)/gm, "[balancer] ")),
    });
  } catch (error) {
    console.error(`[cluster] ${(error as Error).message}`);
    await stop(1);
    return;
  }
  const processes = radars.map((r) => `http://${HOST}:${r.port}`).join(",");
  console.log(`
[cluster] ready: the balancer on ${balancer.url}, ${replicas} radar process${replicas === 1 ? "" : "es"} (${processes}; ${threadsEach(replicas)} thread(s) a forward pass each), database ${postgres ? `${databaseUrl} (test server: removed on stop)` : "given by --database-url"}
[cluster] load test: npm run loadtest -- --target ${balancer.url} --processes ${processes}
[cluster] Ctrl-C stops everything`);
  await new Promise(() => undefined); // until a signal
});
