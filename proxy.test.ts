/** The proxy's rules on real NextRequests: what a cross-site page, a rebinding page and a wrong type get. */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): NextRequest {
  return new NextRequest(`http://127.0.0.1:3000${path}`, { method: init.method ?? "GET", headers: { host: "127.0.0.1:3000", ...init.headers }, body: init.body });
}

async function refusal(response: Response) {
  return { status: response.status, body: await response.json(), csp: response.headers.get("content-security-policy") };
}

describe("proxy", () => {
  it("runs on every path but the two whose bodies are over its buffer (the import, a document to POST /api/kb)", () => {
    const runsOn = (path: string) => new RegExp(`^${config.matcher[0]}$`).test(path);
    for (const path of ["/", "/documents", "/api/kbs", "/api/kbs/kb_1", "/api/kbx", "/api/search", "/v1/embeddings"]) expect(runsOn(path), path).toBe(true);
    for (const path of ["/api/kb", "/api/kbs/import", "/_next/static/x.js"]) expect(runsOn(path), path).toBe(false);
  });

  it("lets a same-origin JSON POST through", () => {
    const response = proxy(request("/api/search", { method: "POST", headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", "content-length": "2" }, body: "{}" }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a cross-site simple request (text/plain) with 415 and a JSON error", async () => {
    const response = proxy(request("/api/kb", { method: "POST", headers: { "content-type": "text/plain", origin: "https://evil.example", "content-length": "2" }, body: "{}" }));
    expect(await refusal(response)).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } }, csp: expect.stringContaining("frame-ancestors 'none'") });
  });

  it("refuses a JSON POST from a foreign origin with 403, on any API path, in that path's error shape", async () => {
    const shapes = {
      "/api/search": { error: { code: "forbidden", message: expect.stringMatching(/Cross-site request refused/) } },
      "/v1/embeddings": { error: { message: expect.stringMatching(/Cross-site request refused/), type: expect.any(String) } },
      "/embed": { error: expect.stringMatching(/Cross-site request refused/), error_type: expect.any(String) },
    };
    for (const [path, body] of Object.entries(shapes)) {
      const response = proxy(request(path, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example", "content-length": "2" }, body: "{}" }));
      expect(await refusal(response)).toMatchObject({ status: 403, body });
    }
  });

  it("refuses a non-JSON or cross-site body to the explanation and map routes", async () => {
    for (const path of ["/api/explain", "/api/map"]) {
      const foreign = proxy(request(path, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example", "content-length": "2" }, body: "{}" }));
      expect(await refusal(foreign)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      const response = proxy(request(path, { method: "POST", headers: { "content-type": "text/plain", origin: "http://127.0.0.1:3000", "content-length": "2" }, body: "{}" }));
      expect(await refusal(response)).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
    }
  });

  it("refuses any request under an unknown host name with 403 (DNS rebinding)", async () => {
    const response = proxy(request("/api/status", { headers: { host: "attacker.example:3000" } }));
    expect(await refusal(response)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });

  it("lets a GET and a bodiless DELETE through to their routes", () => {
    expect(proxy(request("/api/status")).headers.get("x-middleware-next")).toBe("1");
    expect(proxy(request("/api/kbs/kb_1", { method: "DELETE", headers: { origin: "http://127.0.0.1:3000" } })).headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a GET that starts work from a foreign page: a foreign Origin, or a cross-site fetch without one", async () => {
    const foreign = proxy(request("/api/calibration?progress=1", { headers: { origin: "https://evil.example" } }));
    expect(await refusal(foreign)).toMatchObject({ status: 403, body: { error: { code: "forbidden", message: expect.stringMatching(/expected Origin http:\/\/127\.0\.0\.1:3000, got https:\/\/evil\.example/) } } });
    for (const site of ["cross-site", "same-site"]) {
      const image = proxy(request("/api/calibration?progress=1", { headers: { "sec-fetch-site": site } }));
      expect(await refusal(image)).toMatchObject({ status: 403, body: { error: { message: expect.stringMatching(new RegExp(`got Sec-Fetch-Site: ${site} without an Origin`)) } } });
    }
    const openAi = proxy(request("/v1/models", { headers: { origin: "https://evil.example" } }));
    expect(await refusal(openAi)).toMatchObject({ status: 403, body: { error: { type: expect.any(String) } } });
  });

  it("lets through the radar's own GETs, typed addresses, tools, and foreign pages' links to the app's pages", () => {
    const allowed: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}, { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }];
    for (const headers of allowed) {
      expect(proxy(request("/api/calibration?progress=1", { headers })).headers.get("x-middleware-next")).toBe("1");
    }
    expect(proxy(request("/", { headers: { "sec-fetch-site": "cross-site" } })).headers.get("x-middleware-next")).toBe("1");
  });
});
