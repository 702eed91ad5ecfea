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

const SECURITY_HEADER = /default-src 'self'.*frame-ancestors 'none'/;

test("methods Next.js cannot route, redirects and oversized headers get JSON or a redirect with the security headers", async () => {
  const trace = await send("/api/search", { method: "TRACE" });
  expect(trace.status).toBe(405);
  expect(trace.headers.allow).toBe("POST");
  expect(trace.headers["content-security-policy"]).toMatch(SECURITY_HEADER);
  expect(JSON.parse(trace.body).error).toEqual({ code: "method_not_allowed", message: "TRACE is not answered here: expected POST." });
  const redirect = await send("/api/status/");
  expect(redirect.status).toBe(308);
  expect(redirect.headers["content-security-policy"]).toMatch(SECURITY_HEADER);
  const headers = await send("/api/status", { headers: { "x-padding": "a".repeat(20_000) } });
  expect(headers.status).toBe(431);
  expect(headers.headers["content-security-policy"]).toMatch(SECURITY_HEADER);
  expect(JSON.parse(headers.body).error.code).toBe("too_large");
});

test("OPTIONS lists only the methods a route answers", async () => {
  expect((await send("/api/search", { method: "OPTIONS" })).headers.allow).toBe("POST, OPTIONS");
  expect((await send("/api/kbs/kb_x", { method: "OPTIONS" })).headers.allow).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
});

test("NUL and broken percent-encoding get a 4xx JSON error, never a 500", async () => {
  const answers = [
    await send("/api/kbs/%ff"),
    await send("/api/kbs/%00"),
    await send("/api/kb", { method: "POST", headers: json, body: JSON.stringify({ entries: ["fine", "nul \u0000 inside"] }) }),
    await send("/api/search", { method: "POST", headers: json, body: JSON.stringify({ entries: ["a\u0000"], query: "q" }) }),
    await send("/api/kbs/kb_000000000000000000000000", { method: "PATCH", headers: json, body: JSON.stringify({ name: "x\u0000" }) }),
    await send("/api/kbs/kb_000000000000000000000000", { method: "PATCH", headers: json, body: JSON.stringify({ name: "\u200b\u200b" }) }),
  ];
  for (const answer of answers) {
    expect(answer.status).toBe(422);
    expect(answer.headers["content-security-policy"]).toMatch(SECURITY_HEADER);
    expect(JSON.parse(answer.body).error.code).toBe("invalid_input");
  }
  expect(JSON.parse(answers[0].body).error.message).toMatch(/not valid: expected percent-encoded UTF-8/);
  expect(JSON.parse(answers[2].body).error.message).toMatch(/`entries\[1\]`: expected text without NUL characters \(U\+0000\)/);
});

test("a GET that starts work is refused from a foreign page, as a POST is", async () => {
  const foreign = await send("/api/calibration?progress=1", { headers: { origin: "https://evil.example" } });
  expect(foreign.status).toBe(403);
  expect(JSON.parse(foreign.body).error.message).toMatch(/Cross-site request refused/);
  const image = await send("/api/calibration?progress=1", { headers: { "sec-fetch-site": "cross-site" } });
  expect(image.status).toBe(403);
  expect((await send("/api/status", { headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
});

/** POSTs a body in 64 KB pieces with no Content-Length (chunked), as a stream that lies about nothing would. */
function sendChunked(path: string, body: string): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let answered = false;
    const req = httpRequest({ host: base.hostname, port: base.port, path, method: "POST", headers: { ...json, "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    // The server may answer and close before the whole body is sent: only an error before any answer counts.
    req.on("error", (error) => answered || reject(error));
    for (let offset = 0; offset < body.length; offset += 64 * 1024) req.write(body.slice(offset, offset + 64 * 1024));
    req.end();
  });
}

/**
 * A body the server refuses before it has all arrived: the refusal closes the connection while the client still
 * writes, and the kernel's reset can reach the client before the answer it follows. Up to three tries for the
 * answer itself; a server that never answers still fails.
 */
async function refusedEarly(path: string, body: string): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendChunked(path, body);
    } catch (error) {
      if (attempt === 3 || (error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
    }
  }
}

test("a chunked body over the 10 MB limit gets 413, not a cut body's 422", async () => {
  const answer = await refusedEarly("/api/search", JSON.stringify({ query: "q", entries: Array.from({ length: 11_000 }, (_, i) => `${i} ${"x".repeat(1_000)}`) }));
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).error.message).toMatch(/expected at most 10\.0 MB, got more than 10\.0 MB/);
});

test("POST /api/kb takes a document body past the proxy's buffer whole, refuses one over 32 MB with 413, and the server stays responsive", async () => {
  // 11 MB of bytes that are not a PDF, as base64 (15 MB of JSON): the parser's own refusal shows the body arrived
  // whole (a cut one would be "not JSON").
  const junk = Buffer.alloc(11 * 1024 * 1024, 7).toString("base64");
  const whole = await sendChunked("/api/kb", JSON.stringify({ document: { base64: junk, name: "scan.pdf" } }));
  expect(whole.status).toBe(422);
  expect(JSON.parse(whole.body).error.message).toMatch(/scan\.pdf could not be read as a PDF/);
  const huge = await refusedEarly("/api/kb", JSON.stringify({ document: { base64: "A".repeat(40 * 1024 * 1024), name: "huge.pdf" } }));
  expect(huge.status).toBe(413);
  expect(JSON.parse(huge.body).error.message).toMatch(/expected at most 32\.0 MB, got more than 32\.0 MB/);
  expect((await send("/api/status")).status).toBe(200);
});
