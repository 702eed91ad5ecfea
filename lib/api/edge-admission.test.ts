import { describe, expect, it } from "vitest";
import { EdgeAdmission } from "./edge-admission";

function refused(answer: ReturnType<EdgeAdmission["enter"]>): Response {
  if (!("refusal" in answer)) throw new Error("expected a refusal");
  return answer.refusal;
}

function admitted(answer: ReturnType<EdgeAdmission["enter"]>): () => void {
  if ("refusal" in answer) throw new Error(`expected the request to be let through, got ${answer.refusal.status}`);
  return answer.leave;
}

describe("EdgeAdmission", () => {
  it("lets the limit's worth of permit-taking requests through, refuses the next with 429 at once, and admits again when one ends", async () => {
    const edge = new EdgeAdmission(() => 2);
    const first = admitted(edge.enter("POST", "/api/search"));
    admitted(edge.enter("POST", "/api/kb"));
    const answer = refused(edge.enter("POST", "/api/search"));
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect((await answer.json()).error).toEqual({ code: "overloaded", message: "The server is busy: 2 requests are already in progress (limit 2). Try again in 1 s." });
    first();
    first(); // leaving twice counts once
    expect(edge.count).toBe(1);
    admitted(edge.enter("POST", "/api/explain"));
    expect(edge.count).toBe(2);
  });

  it("counts only the routes that take a permit: pages, status, the library and GETs pass even when full", () => {
    const edge = new EdgeAdmission(() => 1);
    admitted(edge.enter("POST", "/v1/embeddings"));
    for (const [method, path] of [["GET", "/api/status"], ["GET", "/"], ["GET", "/api/kbs"], ["POST", "/api/kbs/import"], ["PATCH", "/api/kbs/kb_1"], ["GET", "/api/search"], ["POST", "/tokenize"]]) {
      admitted(edge.enter(method, path));
    }
    expect(edge.count).toBe(1);
    for (const path of ["/api/kb", "/api/search", "/api/explain", "/api/map", "/v1/embeddings", "/embed", "/similarity", "/rerank", "/api/search/"]) {
      expect(refused(edge.enter("POST", path)).status).toBe(429);
    }
  });

  it("answers each API in its own dialect", async () => {
    const edge = new EdgeAdmission(() => 0);
    expect(await refused(edge.enter("POST", "/v1/embeddings")).json()).toMatchObject({ error: { type: expect.any(String), message: expect.stringMatching(/busy/) } });
    expect(await refused(edge.enter("POST", "/embed")).json()).toMatchObject({ error: expect.stringMatching(/busy/) });
  });

  it("reads the limit on every request", () => {
    let limit = 0;
    const edge = new EdgeAdmission(() => limit);
    refused(edge.enter("POST", "/api/search"));
    limit = 1;
    admitted(edge.enter("POST", "/api/search"));
  });
});
