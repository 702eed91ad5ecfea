import { describe, expect, it } from "vitest";
import { AppError, ERROR_CODES } from "../errors";
import { embeddingsRequestSchema } from "./openai/schemas";
import { dialectOf, errorResponseIn, otherMethodsIn } from "./dialect";
import { OPENAI_STATUS } from "./openai/errors";
import { TEI_STATUS } from "./tei/errors";
import { teiEmbedSchema } from "./tei/schemas";
import { parseWith } from "./validate";

describe("dialectOf", () => {
  it.each([
    ["/v1/embeddings", "openai"],
    ["/v1/models", "openai"],
    ["/embed", "tei"],
    ["/rerank/", "tei"],
    ["/info", "tei"],
    ["/api/search", "radar"],
    ["/embedded", "radar"],
  ])("%s speaks %s", (path, dialect) => {
    expect(dialectOf(path)).toBe(dialect);
  });
});

describe("error shapes", () => {
  it("OpenAI: {error: {message, type, param, code}} with the field that was wrong", async () => {
    let thrown: unknown;
    try {
      parseWith(embeddingsRequestSchema, { input: [1, 2], model: "m" });
    } catch (error) {
      thrown = error;
    }
    const response = errorResponseIn("openai", thrown);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/^`input\[0\]`: expected text; token ids are not accepted/), type: "invalid_request_error", param: "input[0]", code: "invalid_input" },
    });
  });

  it("TEI: {error, error_type} with TEI's statuses, and Retry-After when overloaded", async () => {
    const response = errorResponseIn("tei", new AppError("overloaded", "busy", { retryAfterSeconds: 1 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toEqual({ error: "busy", error_type: "overloaded" });
    expect([TEI_STATUS.too_large.status, TEI_STATUS.invalid_input.status, TEI_STATUS.model_corrupt.status, TEI_STATUS.device_unavailable.status]).toEqual([413, 422, 424, 503]);
  });

  it("every error code has a status in both tables", () => {
    for (const code of ERROR_CODES) {
      expect(OPENAI_STATUS[code].status).toBeGreaterThanOrEqual(400);
      expect(TEI_STATUS[code].status).toBeGreaterThanOrEqual(400);
    }
  });

  it("405 in the route's dialect, with an Allow header", async () => {
    const response = await otherMethodsIn("tei", "POST").GET(new Request("http://localhost/embed"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ error: "GET is not answered here: expected POST.", error_type: "validation" });
  });
});

describe("request schemas", () => {
  it("take one string or a list, always as a list", () => {
    expect(parseWith(embeddingsRequestSchema, { input: "a", model: "m" }).input).toEqual(["a"]);
    expect(parseWith(teiEmbedSchema, { inputs: ["a", "b"], truncate: null, dimensions: null }).inputs).toEqual(["a", "b"]);
  });

  it("refuse more than 2,048 inputs and an empty list, saying the limit and what was given", () => {
    expect(() => parseWith(teiEmbedSchema, { inputs: new Array(2049).fill("x") })).toThrow(/array of 1 to 2,048 strings, got 2,049/);
    expect(() => parseWith(teiEmbedSchema, { inputs: [] })).toThrow(/got an empty array/);
  });

  it("report a million non-strings with a handful of issues", () => {
    expect(() => parseWith(embeddingsRequestSchema, { input: new Array(2000).fill(null) })).toThrow(/1995 more elements are not strings either/);
  });
});
