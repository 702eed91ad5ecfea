import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { join, resolve } from "node:path";
import { AppError, ERROR_CODES } from "../errors";
import { errorResponse, HTTP_STATUS, respond, toAppError, withoutServerPaths } from "./respond";

afterEach(() => vi.restoreAllMocks());

describe("HTTP_STATUS", () => {
  it("maps every error code to a 4xx/5xx status", () => {
    for (const code of ERROR_CODES) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  it("uses TEI's statuses for the common cases", () => {
    expect(HTTP_STATUS).toMatchObject({ invalid_input: 422, empty_input: 400, too_large: 413, overloaded: 429, model_not_found: 404 });
  });
});

describe("errorResponse", () => {
  it("answers an AppError with its status and {error: {code, message}}", async () => {
    const response = errorResponse(new AppError("too_large", "expected at most 10 MB, got 12 MB"));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "too_large", message: "expected at most 10 MB, got 12 MB" } });
  });

  it("logs an unexpected error and returns nothing of it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new TypeError("secret path /srv/models/x.onnx at line 3"));
    const body = await response.json();
    expect(response.status).toBe(500);
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toMatch(/secret|\/srv|at line/);
    expect(log).toHaveBeenCalledOnce();
  });

  it("also hides the message of an AppError marked internal", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const body = await errorResponse(new AppError("internal", "stack: foo.ts:12")).json();
    expect(body.error.message).not.toMatch(/foo\.ts/);
  });
});

describe("toAppError", () => {
  it("turns a ZodError into invalid_input with a readable message", () => {
    const result = z.object({ topK: z.int() }).safeParse({ topK: "x" });
    const error = toAppError(result.error);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/`topK`: Invalid input: expected number, received string/);
  });

  it("turns an AbortError into cancelled", () => {
    expect(toAppError(new DOMException("aborted", "AbortError")).code).toBe("cancelled");
  });
});

describe("respond", () => {
  it("answers the work's result as JSON, uncached", async () => {
    const response = await respond(async () => ({ ok: 1 }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: 1 });
  });

  it("answers a thrown AppError with its status", async () => {
    const response = await respond(async () => {
      throw new AppError("kb_not_found", "no such kb");
    });
    expect(response.status).toBe(404);
  });
});

describe("withoutServerPaths", () => {
  it("names the data folder by its setting, as it does the working directory and the temp folder", () => {
    const dataDir = resolve(process.env.SEMANTIC_RADAR_DATA_DIR ?? "data");
    const message = `Disk full: the disk holding the data folder ${join(dataDir, "pglite")} has 2.0 MiB free; see ${join(process.cwd(), "README.md")}.`;
    expect(withoutServerPaths(message)).toBe("Disk full: the disk holding the data folder $SEMANTIC_RADAR_DATA_DIR/pglite has 2.0 MiB free; see ./README.md.");
  });
});
