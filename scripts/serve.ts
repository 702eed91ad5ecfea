/**
 * `npm start`'s HTTP server (bundled and run by scripts/start.mjs): Next.js's request handler behind a node:http
 * server of our own, which adds what `next start` cannot:
 * - the data folder locked before it listens: a second server on the same SEMANTIC_RADAR_DATA_DIR exits at start
 *   with a message naming the folder and the holder (lib/store/data-dir-lock.ts);
 * - the security headers on every answer, Next.js's own redirects and errors included;
 * - a teacher key for the room, printed once at start (SEMANTIC_RADAR_TEACHER_KEY sets it, else one is made);
 * - JSON answers for what Next.js cannot route (TRACE, a path that is not UTF-8, headers over 16 KB):
 *   lib/api/http-edge.ts;
 * - the admission limit's 429 at once, before routing and before the body is read: lib/api/edge-admission.ts.
 * Usage: node <bundle> [--port 3000] [--hostname 127.0.0.1] (or PORT, HOST).
 */
import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { Socket } from "node:net";
import next from "next";
import { EdgeAdmission } from "../lib/api/edge-admission";
import { answerBeforeRouting, clientErrorAnswer } from "../lib/api/http-edge";
import { securityHeaders } from "../lib/api/security-headers";
import { config, reloadConfig } from "../lib/config";
import { admission } from "../lib/engine/admission";
import { lockDataDir } from "../lib/store/data-dir-lock";
import { storeLocation } from "../lib/store/open-store";
import { storeHealth } from "../lib/store/shared-store";

function option(args: string[], long: string, short: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === long || args[i] === short) return args[i + 1];
    if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
  }
  return undefined;
}

const args = process.argv.slice(2);
const port = Number(option(args, "--port", "-p") ?? process.env.PORT ?? 3000);
const hostname = option(args, "--hostname", "-H") ?? process.env.HOST ?? "127.0.0.1";
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`[semantic-radar] expected --port to be a port number from 0 to 65535, got ${JSON.stringify(option(args, "--port", "-p") ?? process.env.PORT)}`);
  process.exit(1);
}

// A bad environment variable or a data folder in use ends the start here, with the reason, before anything listens.
let root: string;
let teacherKey: string;
try {
  // The room needs a teacher: without SEMANTIC_RADAR_TEACHER_KEY, a fresh key for this run (printed once, below).
  // Set in the environment too: whatever reads the configuration again (reloadConfig) finds the same key.
  if (!config().teacherKey) {
    process.env.SEMANTIC_RADAR_TEACHER_KEY = randomBytes(18).toString("base64url");
    reloadConfig();
  }
  teacherKey = config().teacherKey!;
  root = config().root;
  const location = storeLocation();
  if (location.kind === "pglite" && location.dataDir) {
    const lock = lockDataDir(location.dataDir, { port });
    if (lock.tookOverFrom) console.log(`[semantic-radar] the previous server on ${location.dataDir} (pid ${lock.tookOverFrom.pid}) is gone: its lock was taken over`);
  }
} catch (error) {
  console.error(`[semantic-radar] not starting: ${(error as Error).message}`);
  process.exit(1);
}

const app = next({ dev: false, dir: root, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const headers = securityHeaders();

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
}

// Connections with an answer under way: a refusal written there would land inside that answer.
const answering = new WeakSet<Socket>();
const edgeAdmission = new EdgeAdmission(() => admission().maxPending);

const server = createServer((req, res) => {
  answering.add(req.socket);
  res.once("close", () => answering.delete(req.socket));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const early = answerBeforeRouting(req.method ?? "GET", req.url ?? "/");
  if (early) return void send(early, res);
  const admitted = edgeAdmission.enter(req.method ?? "GET", (req.url ?? "/").split("?")[0]);
  if ("refusal" in admitted) {
    req.resume(); // the body is dropped as it arrives, unparsed: a socket closed on unread data would reset
    return void send(admitted.refusal, res);
  }
  res.once("close", admitted.leave);
  handle(req, res).catch((error: unknown) => {
    console.error("[semantic-radar] the request handler failed:", error);
    if (!res.headersSent) void send(Response.json({ error: { code: "internal", message: "Something went wrong on the server; the details are in the server log." } }, { status: 500 }), res);
    else res.destroy();
  });
});

server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
  const answer = socket.writable && !answering.has(socket) ? clientErrorAnswer(error.code) : undefined;
  if (!answer) return void socket.destroy();
  // The rest of the request (headers past 16 KB) is read and dropped for a moment: a socket closed with unread
  // data answers with a reset, which makes the client drop the answer before reading it.
  socket.on("data", () => undefined);
  socket.end(answer);
  setTimeout(() => socket.destroy(), 2_000).unref();
});

server.on("error", (error) => {
  console.error(`[semantic-radar] the server could not listen on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, hostname, () => {
  console.log(`[semantic-radar] ready on http://${hostname}:${port}`);
  // The one line that shows the key: the room page (/room) and the x-teacher-key header ask for it.
  console.log(`[semantic-radar] teacher key: ${teacherKey} (open /room and enter it to publish or remove knowledge bases)`);
  // Opens the store now, off the main thread, rather than on the first request that needs it.
  storeHealth();
});

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(code);
  });
}
