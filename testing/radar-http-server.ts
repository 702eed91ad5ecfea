/**
 * The radar's API routes behind a plain node:http server, for tests that need a real server process to kill
 * (`kill -9`) and restart: the same route handlers as the Next app, without a build, and the same data-folder
 * lock taken before it listens, and the proxy's HTTP rules (a known Host; no foreign Origin: proxy.ts) applied
 * first, as the real server applies them: what a load balancer's health check must pass too. Run with
 * `tsx --conditions=react-server testing/radar-http-server.ts <port>`; prints "listening" when ready. Tests list
 * what was saved through the teacher's route (TEST_TEACHER_KEY): every knowledge base, whoever embedded it.
 */
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { POST as postKb } from "../app/api/kb/route";
import { DELETE as deleteKb, GET as getKb, PATCH as renameKb } from "../app/api/kbs/[id]/route";
import { GET as listKbs } from "../app/api/kbs/route";
import { GET as listRoomKbs } from "../app/api/room/kbs/route";
import { POST as postSearch } from "../app/api/search/route";
import { GET as getStatus } from "../app/api/status/route";
import { errorResponseIn } from "../lib/api/dialect";
import { checkRequest } from "../lib/api/guards";
import { config } from "../lib/config";
import { lockDataDir } from "../lib/store/data-dir-lock";
import { storeLocation } from "../lib/store/open-store";
import { TEST_TEACHER_KEY } from "./teacher-key";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "POST /api/kb": postKb,
  "POST /api/search": postSearch,
  "GET /api/kbs": listKbs,
  "GET /api/room/kbs": listRoomKbs,
  "GET /api/status": (request) => getStatus(new NextRequest(request)),
};

/** /api/kbs/<id>: the one route with a parameter. */
const kbRoutes: Record<string, (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>> = {
  GET: getKb,
  PATCH: renameKb,
  DELETE: deleteKb,
};

function routeFor(method: string, path: string): ((request: Request) => Promise<Response>) | undefined {
  const kbId = /^\/api\/kbs\/([^/]+)$/.exec(path)?.[1];
  const kbRoute = kbId && kbId !== "import" ? kbRoutes[method] : undefined;
  if (kbRoute) return (request) => kbRoute(request, { params: Promise.resolve({ id: decodeURIComponent(kbId!) }) });
  return routes[`${method} ${path}`];
}

process.env.SEMANTIC_RADAR_TEACHER_KEY ||= TEST_TEACHER_KEY;

const port = Number(process.argv[2]);
// As npm start's server does (scripts/serve.ts): the data folder is this process's before it listens.
const location = storeLocation();
if (location.kind === "pglite" && location.dataDir) {
  try {
    lockDataDir(location.dataDir, { port });
  } catch (error) {
    console.error(`[semantic-radar] not starting: ${(error as Error).message}`);
    process.exit(1);
  }
}
createServer(async (incoming, outgoing) => {
  const path = incoming.url?.split("?")[0] ?? "/";
  const handler = routeFor(incoming.method ?? "GET", path);
  if (!handler) return void outgoing.writeHead(404).end();
  try {
    const { allowedHosts, allowedOrigins } = config();
    const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    checkRequest({ method: incoming.method ?? "GET", pathname: path, protocol: "http:", headers, host: incoming.headers.host ?? null }, { hosts: allowedHosts, origins: allowedOrigins });
  } catch (error) {
    const refusal = errorResponseIn("radar", error);
    return void outgoing.writeHead(refusal.status, Object.fromEntries(refusal.headers)).end(await refusal.text());
  }
  const body = incoming.method === "GET" ? undefined : (Readable.toWeb(incoming) as ReadableStream);
  const request = new Request(`http://127.0.0.1:${port}${incoming.url}`, { method: incoming.method, headers: incoming.headers as HeadersInit, body, duplex: "half" } as RequestInit);
  const response = await handler(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void outgoing.end();
  Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(outgoing);
}).listen(port, "127.0.0.1", () => console.log("listening"));
