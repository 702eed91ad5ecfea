/**
 * A real radar server process (testing/radar-http-server.ts: the app's route handlers, the data-folder
 * lock) for fault tests: start it on a data folder, read what it logged, kill it with -9. Test-only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./free-port";

export interface RadarProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  killHard(): Promise<void>;
}

export interface Refused {
  code: number | null;
  log: string;
}

/** Starts a server on `dataDir`; resolves once it listens, or with its exit code and log if it exits first. */
export async function startRadarProcess(dataDir: string, env: Record<string, string> = {}): Promise<RadarProcess | Refused> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "testing/radar-http-server.ts", String(port)], {
    env: { ...process.env, SEMANTIC_RADAR_DATA_DIR: dataDir, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const listening = new Promise<true>((ready) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && ready(true)));
  const first = await Promise.race([listening, exited.then((code) => ({ code }))]);
  if (first !== true) return { code: first.code, log };
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    log: () => log,
    killHard: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGKILL");
      }),
  };
}

export function isRunning(server: RadarProcess | Refused): server is RadarProcess {
  return "base" in server;
}
