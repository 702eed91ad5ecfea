// The real app (npm start's launcher, built when stale) on 127.0.0.1 with a data folder of its own, for
// benchmarks that measure the server from outside: start it, stop it.
import { spawn, type ChildProcess } from "node:child_process";

export const HOST = "127.0.0.1";

export function startApp(port: number, dataDir: string, env: Record<string, string> = {}): ChildProcess {
  const all = { ...process.env, SEMANTIC_RADAR_DATA_DIR: dataDir, DATABASE_URL: "", ...env };
  return spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", HOST], { stdio: ["ignore", "ignore", "inherit"], env: all });
}

export function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}
