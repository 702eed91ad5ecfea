import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { asAppError, errorFromResponse } from "./client";

describe("errorFromResponse", () => {
  it("keeps the server's code and message", async () => {
    const response = Response.json({ error: { code: "too_large", message: "expected at most 10 MB" } }, { status: 413 });
    const error = await errorFromResponse(response);
    expect(error).toBeInstanceOf(AppError);
    expect([error.code, error.message]).toEqual(["too_large", "expected at most 10 MB"]);
  });

  it("describes an answer that is not ours (a proxy's HTML page) without showing it", async () => {
    const response = new Response("<html><pre>Traceback...</pre></html>", { status: 502, statusText: "Bad Gateway" });
    const error = await errorFromResponse(response);
    expect(error.code).toBe("internal");
    expect(error.message).toMatch(/^The server answered 502 Bad Gateway without an explanation/);
    expect(error.message).not.toMatch(/Traceback/);
  });

  it("treats an unknown code as internal but keeps the message", async () => {
    const response = Response.json({ error: { code: "weird", message: "m" } }, { status: 500 });
    expect((await errorFromResponse(response)).code).toBe("internal");
  });
});

describe("asAppError", () => {
  it("names a network failure and reassures about the knowledge base", () => {
    expect(asAppError(new TypeError("Failed to fetch")).message).toMatch(/Could not reach the radar server.*knowledge base is kept/);
  });

  it("turns an abort into cancelled", () => {
    expect(asAppError(new DOMException("The user aborted a request.", "AbortError")).code).toBe("cancelled");
  });
});
