import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { formatZodError, parseWith, readJsonBody } from "./validate";

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);
}

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(32);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

async function codeOf(promise: Promise<unknown>): Promise<[string, string]> {
  try {
    await promise;
  } catch (error) {
    return [(error as AppError).code, (error as AppError).message];
  }
  throw new Error("expected a rejection");
}

describe("readJsonBody", () => {
  it.each([
    ["text/plain", /got "text\/plain"/],
    ["application/x-www-form-urlencoded", /got "application\/x-www-form-urlencoded"/],
    [undefined, /got no content-type/],
  ])("refuses a body of type %s with 415 before reading it (a cross-site simple request)", async (type, given) => {
    const request = new Request("http://localhost/api/x", { method: "POST", body: "{}", headers: type ? { "content-type": type } : {} });
    if (!type) request.headers.delete("content-type");
    const [code, message] = await codeOf(readJsonBody(request));
    expect(code).toBe("unsupported_media_type");
    expect(message).toMatch(/^Expected a request body of type application\/json, /);
    expect(message).toMatch(given);
  });

  it("accepts application/json with a charset", async () => {
    expect(await readJsonBody(post("[1]", { "content-type": "application/json; charset=utf-8" }))).toEqual([1]);
  });

  it("parses a JSON body", async () => {
    expect(await readJsonBody(post('{"a":[1,"我"]}'))).toEqual({ a: [1, "我"] });
  });

  it("refuses a declared length over the limit before reading, with both sizes", async () => {
    const [code, message] = await codeOf(readJsonBody(post("{}", { "content-length": String(12 * 1024 * 1024) }), 10 * 1024 * 1024));
    expect(code).toBe("too_large");
    expect(message).toMatch(/expected at most 10\.0 MB, got 12\.0 MB/);
  });

  it("refuses a streamed body once it passes the limit, without a content-length", async () => {
    const [code, message] = await codeOf(readJsonBody(post(streamOf(2 * 1024 * 1024)), 1024 * 1024));
    expect(code).toBe("too_large");
    expect(message).toMatch(/expected at most 1\.0 MB, got more than 1\.0 MB/);
  });

  it("refuses an empty body and a body that is not JSON", async () => {
    expect(await codeOf(readJsonBody(post(null)))).toEqual(["invalid_input", "Expected a JSON request body, got an empty body."]);
    const [code, message] = await codeOf(readJsonBody(post("entries=a")));
    expect(code).toBe("invalid_input");
    expect(message).toMatch(/^Expected a JSON request body, got text that is not JSON/);
  });
});

describe("parseWith", () => {
  const schema = z.object({
    topK: z.int({ error: "expected an integer from 1 to 100" }).min(1, { error: "expected an integer from 1 to 100" }),
    entries: z.array(z.string({ error: "expected each entry to be a string" })),
  });

  it("returns the parsed value", () => {
    expect(parseWith(schema, { topK: 3, entries: ["a"] })).toEqual({ topK: 3, entries: ["a"] });
  });

  it("says what was expected and what was given, for every problem", () => {
    try {
      parseWith(schema, { topK: 0, entries: ["a", 7] });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe("invalid_input");
      expect((error as AppError).message).toBe(
        "`topK`: expected an integer from 1 to 100, got 0 (number). `entries[1]`: expected each entry to be a string, got 7 (number).",
      );
    }
  });

  it("says a missing field was not given", () => {
    expect(() => parseWith(schema, { entries: [] })).toThrow(/`topK`: expected an integer from 1 to 100, got nothing\./);
  });

  it("describes a body of the wrong type", () => {
    expect(() => parseWith(schema, "hello")).toThrow(/^The request body: Invalid input: expected object, received string\.$/);
  });
});

describe("formatZodError", () => {
  it("names nested paths with dots and brackets", () => {
    const result = z.object({ a: z.object({ b: z.array(z.number()) }) }).safeParse({ a: { b: [1, "x"] } });
    expect(formatZodError(result.error!)).toMatch(/^`a\.b\[1\]`: /);
  });
});

describe("bounded error bodies (hostile input)", () => {
  it("lists at most 20 problems however many there are, and says how many more", () => {
    const schema = z.array(z.number({ error: "expected a number" }));
    const result = schema.safeParse(Array.from({ length: 500 }, () => "x"));
    const message = formatZodError(result.error!);
    expect(message.match(/expected a number/g)).toHaveLength(20);
    expect(message).toMatch(/And 480 more problems\.$/);
  });

  it("cuts a long echoed value and a long message", () => {
    const schema = z.object({ name: z.literal("a", { error: `expected "a" ${"!".repeat(5000)}` }) });
    const message = formatZodError(schema.safeParse({ name: "y".repeat(100_000) }, { reportInput: true }).error!);
    expect(message.length).toBeLessThan(1000);
  });
});
