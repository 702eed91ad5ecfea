import { describe, expect, it } from "vitest";
import { checkContentType, checkFetchSite, checkHost, checkOrigin, checkRequest } from "./guards";

describe("checkContentType", () => {
  it("accepts JSON, with or without parameters, in any case", () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON"]) expect(() => checkContentType(type)).not.toThrow();
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null])("refuses %s with unsupported_media_type", (type) => {
    expect(() => checkContentType(type)).toThrow(expect.objectContaining({ code: "unsupported_media_type", message: expect.stringMatching(/^Expected a request body of type application\/json, got /) }));
  });
});

describe("checkOrigin", () => {
  const own = "http://127.0.0.1:3000";

  it("accepts no Origin (curl, SDKs), the server's own, and configured ones", () => {
    expect(() => checkOrigin(null, own, [])).not.toThrow();
    expect(() => checkOrigin(own, own, [])).not.toThrow();
    expect(() => checkOrigin("https://notebook.example", own, ["https://notebook.example"])).not.toThrow();
  });

  it("refuses a foreign Origin with forbidden, naming both and the setting", () => {
    expect(() => checkOrigin("https://evil.example", own, [])).toThrow(
      expect.objectContaining({ code: "forbidden", message: expect.stringMatching(/expected Origin http:\/\/127\.0\.0\.1:3000, got https:\/\/evil\.example\. Set SEMANTIC_RADAR_ALLOWED_ORIGINS/) }),
    );
    expect(() => checkOrigin("null", own, [])).toThrow(/got null/);
  });

  it("cuts a huge Origin in its message", () => {
    let message = "";
    try {
      checkOrigin(`https://${"a".repeat(100_000)}`, own, []);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Cross-site request refused: expected Origin .*, got https:\/\/a+/);
    expect(message.length).toBeLessThan(500);
  });
});

describe("checkHost", () => {
  it.each(["localhost:3000", "127.0.0.1:3000", "192.168.1.20:3000", "[::1]:3000", "radar.localhost", "LOCALHOST"])("accepts %s", (host) => {
    expect(() => checkHost(host, [])).not.toThrow();
  });

  it("refuses a DNS name (a rebinding page) unless configured", () => {
    expect(() => checkHost("attacker.example:3000", [])).toThrow(expect.objectContaining({ code: "forbidden", message: expect.stringMatching(/Unknown host "attacker\.example:3000": expected localhost or an IP address/) }));
    expect(() => checkHost("radar.school.example", ["radar.school.example"])).not.toThrow();
    expect(() => checkHost(null, [])).toThrow(/Unknown host ""/);
  });
});

describe("checkFetchSite", () => {
  it("refuses a cross-site or same-site fetch that carries no Origin (an <img> on a foreign page)", () => {
    for (const site of ["cross-site", "same-site"]) expect(() => checkFetchSite(site, null)).toThrow(expect.objectContaining({ code: "forbidden", message: expect.stringMatching(`got Sec-Fetch-Site: ${site} without an Origin`) }));
  });

  it("leaves the radar's own fetches, typed addresses, tools and fetches with an Origin (judged by checkOrigin) alone", () => {
    for (const [site, origin] of [["same-origin", null], ["none", null], [null, null], ["cross-site", "https://notebook.example"]] as const) expect(() => checkFetchSite(site, origin)).not.toThrow();
  });
});

describe("checkRequest", () => {
  const headers = (values: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...values });
  const at = (method: string, pathname: string, values: Record<string, string> = {}) => ({ method, pathname, protocol: "http:", headers: headers(values), host: "127.0.0.1:3000" });
  const none = { hosts: [], origins: [] };

  it("checks the Origin of GETs on API paths, ours, OpenAI's and TEI's, but not of pages", () => {
    for (const path of ["/api/calibration", "/api/status", "/v1/models", "/info"]) expect(() => checkRequest(at("GET", path, { origin: "https://evil.example" }), none)).toThrow(/Cross-site request refused/);
    expect(() => checkRequest(at("GET", "/", { origin: "https://evil.example" }), none)).not.toThrow();
    expect(() => checkRequest(at("GET", "/api/status", { origin: "https://notebook.example" }), { hosts: [], origins: ["https://notebook.example"] })).not.toThrow();
  });

  it("wants JSON on a state-changing request with a body, and a known host everywhere", () => {
    expect(() => checkRequest(at("POST", "/api/kbs/import", { "content-type": "text/plain", "content-length": "2" }), none)).toThrow(/application\/json/);
    expect(() => checkRequest(at("POST", "/api/kbs/import", { "content-type": "application/json", "transfer-encoding": "chunked" }), none)).not.toThrow();
    expect(() => checkRequest({ ...at("GET", "/"), host: "attacker.example" }, none)).toThrow(/Unknown host/);
  });
});
