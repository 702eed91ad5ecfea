/**
 * The HTTP rules on the real server, over real sockets (node:http, so the Host header can be forged as a
 * rebinding page would): security headers on pages and API answers, cross-site requests refused, bounded
 * JSON errors for hostile bodies, no server paths in any message.
 */
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";

const base = new URL(`http://127.0.0.1:${process.env.RADAR_E2E_PORT}`);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const json = { "content-type": "application/json" };

test("pages and API answers carry the security headers and no X-Powered-By", async () => {
  for (const path of ["/", "/lab", "/api/status"]) {
    const { headers } = await send(path);
    expect(headers["content-security-policy"]).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
});

test("a cross-site simple request is refused with 415, a foreign Origin with 403", async () => {
  const simple = await send("/api/kb", { method: "POST", headers: { "content-type": "text/plain", origin: "https://evil.example" }, body: '{"entries":["x"]}' });
  expect(simple.status).toBe(415);
  expect(JSON.parse(simple.body).error.code).toBe("unsupported_media_type");
  const foreign = await send("/api/search", { method: "POST", headers: { ...json, origin: "https://evil.example" }, body: '{"entries":["x"],"query":"q"}' });
  expect(foreign.status).toBe(403);
  expect(JSON.parse(foreign.body).error.message).toMatch(/Cross-site request refused/);
  const own = await send("/api/search", { method: "POST", headers: { ...json, origin: base.origin }, body: '{"entries":["a cat"],"query":"kitten"}' });
  expect(own.status).toBe(200);
});

test("a forged Host (DNS rebinding) is refused", async () => {
  const answer = await send("/api/status", { headers: { host: `attacker.example:${base.port}` } });
  expect(answer.status).toBe(403);
  expect(JSON.parse(answer.body).error.code).toBe("forbidden");
});

test("hostile bodies get small JSON errors, quickly, with nothing echoed at length", async () => {
  const numbers = `{"entries":[${new Array(2_000_000).fill(7).join(",")}]}`; // 4 MB of numbers
  const started = Date.now();
  const bad = await send("/api/kb", { method: "POST", headers: json, body: numbers });
  expect(bad.status).toBe(422);
  expect(bad.body.length).toBeLessThan(16 * 1024);
  expect(Date.now() - started).toBeLessThan(20_000);
  const longQuery = await send("/api/search", { method: "POST", headers: json, body: JSON.stringify({ kbId: "kb_x", query: "q".repeat(9_000_000) }) });
  expect(longQuery.status).toBe(422);
  expect(JSON.parse(longQuery.body).error.message).toMatch(/at most 2,000 characters, got 9,000,000/);
  expect(longQuery.body.length).toBeLessThan(1024);
  const longId = await send("/api/search", { method: "POST", headers: json, body: JSON.stringify({ kbId: "k".repeat(9_000_000), query: "q" }) });
  expect(longId.status).toBe(422);
  expect(longId.body.length).toBeLessThan(1024);
  const invisible = await send("/api/search", { method: "POST", headers: json, body: JSON.stringify({ entries: ["a"], query: "\u200b\u200b\ufeff" }) });
  expect(invisible.status).toBe(400);
});

test("a method a route does not answer gets 405 with a JSON body", async () => {
  const answer = await send("/api/search", { method: "PUT" });
  expect(answer.status).toBe(405);
  expect(answer.headers.allow).toBe("POST");
  expect(JSON.parse(answer.body).error.code).toBe("method_not_allowed");
});

test("no error message carries a server path", async () => {
  const cwd = process.cwd();
  const answers = await Promise.all([
    send("/api/status?model=../../etc"),
    send("/api/kb", { method: "POST", headers: json, body: '{"model":"nope","entries":["a"]}' }),
    send("/api/search", { method: "POST", headers: json, body: '{"kbId":"kb_missing","query":"q"}' }),
    send("/api/kb", { method: "POST", headers: json, body: "{not json" }),
  ]);
  for (const answer of answers) {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body).not.toContain(cwd);
    expect(answer.body).not.toMatch(/\/(root|home|tmp|work)\//);
  }
});
