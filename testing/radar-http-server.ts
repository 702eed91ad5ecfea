/**
 * The radar's API routes behind a plain node:http server, for tests that need a real server process to kill
 * (`kill -9`) and restart: the same route handlers as the Next app, without a build. Run with
 * `tsx --conditions=react-server testing/radar-http-server.ts <port>`; prints "listening" when ready.
 */
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { POST as postKb } from "../app/api/kb/route";
import { GET as listKbs } from "../app/api/kbs/route";
import { POST as postSearch } from "../app/api/search/route";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "POST /api/kb": postKb,
  "POST /api/search": postSearch,
  "GET /api/kbs": () => listKbs(),
};

const port = Number(process.argv[2]);
createServer(async (incoming, outgoing) => {
  const handler = routes[`${incoming.method} ${incoming.url}`];
  if (!handler) return void outgoing.writeHead(404).end();
  const body = incoming.method === "GET" ? undefined : (Readable.toWeb(incoming) as ReadableStream);
  const request = new Request(`http://127.0.0.1:${port}${incoming.url}`, { method: incoming.method, headers: incoming.headers as HeadersInit, body, duplex: "half" } as RequestInit);
  const response = await handler(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void outgoing.end();
  Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(outgoing);
}).listen(port, "127.0.0.1", () => console.log("listening"));
