/** The answers made before Next.js routes a request: JSON in the path's dialect, with the security headers. */
import { describe, expect, it } from "vitest";
import { answerBeforeRouting, clientErrorAnswer } from "./http-edge";

describe("answerBeforeRouting", () => {
  it("hands on every method route handlers take, on a well-formed path", () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(answerBeforeRouting(method, "/api/search?x=1")).toBeUndefined();
    expect(answerBeforeRouting("GET", "/api/kbs/%C3%A9")).toBeUndefined();
  });

  it("answers TRACE with 405, the route's methods in Allow (as its own 405s do), JSON and the security headers", async () => {
    const response = answerBeforeRouting("TRACE", "/api/search")!;
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: "TRACE is not answered here: expected POST." } });
    expect(answerBeforeRouting("TRACE", "/api/kbs/kb_1")!.headers.get("allow")).toBe("GET, PATCH, DELETE");
    expect(answerBeforeRouting("CONNECT", "/")!.headers.get("allow")).toBe("GET");
  });

  it("answers in OpenAI's and TEI's shapes on their paths", async () => {
    expect(await answerBeforeRouting("TRACE", "/v1/embeddings")!.json()).toMatchObject({ error: { type: "invalid_request_error", code: "method_not_allowed" } });
    expect(await answerBeforeRouting("TRACE", "/embed")!.json()).toMatchObject({ error: expect.stringMatching(/TRACE is not answered/), error_type: "validation" });
  });

  it("refuses a path that is not percent-encoded UTF-8 with a 4xx that quotes it", async () => {
    const response = answerBeforeRouting("GET", "/api/kbs/%ff")!;
    expect(response.status).toBe(422);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await response.json()).error.message).toMatch(/The path "\/api\/kbs\/%ff" is not valid: expected percent-encoded UTF-8/);
  });
});

describe("clientErrorAnswer", () => {
  it("answers oversized headers with 431, JSON and the security headers, closing the connection", () => {
    const answer = clientErrorAnswer("HPE_HEADER_OVERFLOW")!;
    const [head, body] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toMatch(/\r\ncontent-security-policy: default-src 'self'/);
    expect(head).toMatch(/\r\nconnection: close/);
    expect(head).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body).error).toMatchObject({ code: "too_large", message: expect.stringMatching(/headers are too large/) });
  });

  it("answers other parse errors with 400 and a timeout with 408; writes nothing to a client that is gone", () => {
    expect(clientErrorAnswer("HPE_INVALID_METHOD")).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(clientErrorAnswer("ERR_HTTP_REQUEST_TIMEOUT")).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(clientErrorAnswer("ECONNRESET")).toBeUndefined();
  });
});
