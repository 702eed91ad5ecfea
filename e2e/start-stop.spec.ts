/**
 * `npm start`'s launcher (scripts/start.mjs) runs the server as a child. Whoever stops the launcher (a supervisor,
 * the load test, a container's stop) must stop the server too, not leave it listening on its port. A second app,
 * on a port and a store of its own; the build is the one the webServer just checked.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../testing/free-port";

const listening = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

test("stopping npm start's launcher stops the server it started", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/api/status`;
  const dataDir = mkdtempSync(join(tmpdir(), "radar-start-stop-"));
  const launcher = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, SEMANTIC_RADAR_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => listening(url), { timeout: 60_000, intervals: [250] }).toBe(true);
    launcher.kill("SIGTERM");
    expect(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 15_000))])).not.toBe("still running");
    await expect.poll(() => listening(url), { timeout: 10_000, intervals: [250] }).toBe(false);
  } finally {
    launcher.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a second server on the data folder of a running one is refused at start, naming the folder and the first", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const second = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, SEMANTIC_RADAR_DATA_DIR: process.env.RADAR_E2E_DATA_DIR, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [second.stdout!, second.stderr!]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await new Promise<number | null>((resolve) => second.once("exit", (exit) => resolve(exit)));
    expect(code).toBe(1);
    expect(output).toContain(`not starting: The data folder ${join(process.env.RADAR_E2E_DATA_DIR!, "pglite")} is in use by another Semantic Radar server (pid `);
    expect(output).toContain(`port ${process.env.RADAR_E2E_PORT}`);
    expect(await listening(`http://127.0.0.1:${port}/api/status`)).toBe(false);
  } finally {
    second.kill("SIGKILL");
  }
});
