/**
 * Past the admission limit the API answers 429 with Retry-After at once, before streaming, and recovers as soon
 * as permits come back. A limit of 2 (SEMANTIC_RADAR_MAX_PENDING) makes it reachable in a test; the model is real.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonPost } from "@/testing/route-calls";
import { reloadConfig } from "@/lib/config";
import { admission, type Permit } from "@/lib/engine";
import { POST as postKb, PUT as putKb } from "./kb/route";
import { POST as postSearch } from "./search/route";
import { POST as postStatus } from "./status/route";

let held: Permit[] = [];

beforeAll(() => {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MAX_PENDING: "2" });
});
afterAll(() => {
  reloadConfig();
});

describe("admission at the API edge", () => {
  it("answers 429 with Retry-After and a JSON error when every permit is taken, then serves again", async () => {
    expect(admission().maxPending).toBe(2);
    held = [admission().acquire(), admission().acquire()];
    const kb = await postKb(jsonPost("/api/kb", { entries: ["one entry"] }));
    expect(kb.status).toBe(429);
    expect(kb.headers.get("retry-after")).toBe("1");
    expect((await kb.json()).error).toMatchObject({ code: "overloaded", message: expect.stringMatching(/2 requests are already in progress \(limit 2\)/) });
    const search = await postSearch(jsonPost("/api/search", { entries: ["one entry"], query: "q" }));
    expect(search.status).toBe(429);
    for (const permit of held) permit.release();
    const again = await postSearch(jsonPost("/api/search", { entries: ["one entry"], query: "q" }));
    expect(again.status).toBe(200);
    expect(admission().pending).toBe(0);
  });
});

describe("one permit per request", () => {
  it("serves a one-off search (its entries embedded, then the query) with the last permit left", async () => {
    held = [admission().acquire()];
    const search = await postSearch(jsonPost("/api/search", { entries: ["an entry only this test sends", "and a second one"], query: "which entry?" }));
    expect(search.status).toBe(200);
    expect((await search.json()).timings.embedKbMs).toBeGreaterThan(0);
    for (const permit of held) permit.release();
    expect(admission().pending).toBe(0);
  });
});

describe("methods a route does not answer", () => {
  it("get 405 with a JSON body and an Allow header", async () => {
    for (const [handler, allow] of [[putKb, "POST"], [postStatus, "GET"]] as const) {
      const response = await handler(new Request("http://localhost/x", { method: "PUT" }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await response.json()).error).toMatchObject({ code: "method_not_allowed", message: expect.stringMatching(new RegExp(`expected ${allow}`)) });
    }
  });
});
