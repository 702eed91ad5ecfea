/** The proxy's rules on real NextRequests: what a cross-site page, a rebinding page and a wrong type get. */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): NextRequest {
  return new NextRequest(`http://127.0.0.1:3000${path}`, { method: init.method ?? "GET", headers: { host: "127.0.0.1:3000", ...init.headers }, body: init.body });
}

async function refusal(response: Response) {
  return { status: response.status, body: await response.json(), csp: response.headers.get("content-security-policy") };
}

describe("proxy", () => {
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
});
