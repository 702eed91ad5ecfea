/**
 * npm start's server refuses a request past the admission limit at once: before routing, before reading its
 * body. A second app with a limit of 1 (SEMANTIC_RADAR_MAX_PENDING) on a port and a store of its own; the build
 * is the one the webServer just checked. Raw sockets, so a request can be left half sent.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../testing/free-port";

/** A POST /api/search whose headers promise `length` bytes of body, of which only `sent` are sent. */
function halfSentSearch(port: number, sent: string, length = 1_000): { socket: Socket; answer: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  socket.write(`POST /api/search HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${sent}`);
  let received = "";
  const answer = new Promise<string>((resolve) => {
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString();
      if (received.includes("\r\n\r\n") && received.includes("}}")) resolve(received);
    });
    socket.on("close", () => resolve(received));
  });
  return { socket, answer };
}

test("a request past the admission limit gets 429 at once, before its body has arrived", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "radar-admission-edge-"));
  const server = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, SEMANTIC_RADAR_DATA_DIR: dataDir, DATABASE_URL: "", SEMANTIC_RADAR_MAX_PENDING: "1" },
    stdio: "ignore",
  });
  const sockets: Socket[] = [];
  try {
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/api/status`).then((r) => r.ok, () => false), { timeout: 60_000, intervals: [250] }).toBe(true);
    // The first search is in progress (its body still coming): the one request the limit allows.
    const first = halfSentSearch(port, '{"entries": ["a');
    sockets.push(first.socket);
    await new Promise((resolve) => setTimeout(resolve, 500)); // its headers are read
    // The second sends its headers only. Refused from the route, it would wait for a body that never comes.
    const second = halfSentSearch(port, "");
    sockets.push(second.socket);
    const answer = await Promise.race([second.answer, new Promise<string>((resolve) => setTimeout(() => resolve("no answer in 20 s"), 20_000))]);
    expect(answer).toMatch(/^HTTP\/1\.1 429 /);
    expect(answer).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(answer).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    expect(answer).toContain('"code":"overloaded"');
    expect(answer).toContain("requests are already in progress (limit 1)");
    // Once the first is gone, the next is served.
    first.socket.destroy();
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries: ["Edge test: parcels ship on Mondays."], query: "shipping" }) })).status, { timeout: 60_000, intervals: [500] }).toBe(200);
  } finally {
    for (const socket of sockets) socket.destroy();
    // The launcher stops its server on SIGTERM; SIGKILL would leave the server listening.
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
