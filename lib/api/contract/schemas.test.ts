import { describe, expect, it } from "vitest";
import { parseWith } from "@/lib/api/validate";
import { kbRequestSchema, searchRequestSchema, statusQuerySchema } from ".";

describe("searchRequestSchema", () => {
  it("accepts a kbId search and defaults topK to 10", () => {
    expect(parseWith(searchRequestSchema, { kbId: "kb_1", query: "q" })).toEqual({ kbId: "kb_1", query: "q", topK: 10 });
  });

  it("accepts a one-off search with entries", () => {
    const body = parseWith(searchRequestSchema, { model: "m", entries: ["a"], query: "q", poolings: ["cls"], topK: 3 });
    expect(body.entries).toEqual(["a"]);
  });

  it("wants exactly one of kbId and entries", () => {
    expect(() => parseWith(searchRequestSchema, { query: "q" })).toThrow(/expected either `kbId` \(from POST \/api\/kb\) or `entries` \(a one-off search\), got neither/);
    expect(() => parseWith(searchRequestSchema, { kbId: "k", entries: ["a"], query: "q" })).toThrow(/got both/);
  });

  it.each([0, 101, 2.5, "10"])("refuses topK %p, saying the range and what was given", (topK) => {
    expect(() => parseWith(searchRequestSchema, { kbId: "k", query: "q", topK })).toThrow(/`topK`: expected an integer from 1 to 100, got /);
  });

  it("refuses a missing query and an empty poolings list", () => {
    expect(() => parseWith(searchRequestSchema, { kbId: "k" })).toThrow(/`query`: expected the text to search for, as a string, got nothing/);
    expect(() => parseWith(searchRequestSchema, { kbId: "k", query: "q", poolings: [] })).toThrow(/`poolings`: expected at least one pooling name/);
  });
});

describe("kbRequestSchema", () => {
  it("wants entries as an array of strings", () => {
    expect(() => parseWith(kbRequestSchema, { entries: "a b" })).toThrow(/`entries`: expected an array of strings, one knowledge-base entry each, got "a b" \(string\)/);
    expect(() => parseWith(kbRequestSchema, { entries: ["a", null] })).toThrow(/`entries\[1\]`: expected each entry to be a string, got null/);
  });
});

describe("statusQuerySchema", () => {
  it("accepts a model and a retry flag", () => {
    expect(parseWith(statusQuerySchema, { model: "m", retry: "1" })).toEqual({ model: "m", retry: "1" });
    expect(() => parseWith(statusQuerySchema, { retry: "yes" })).toThrow(/`retry`: expected "1" or "true" to retry a failed load, got "yes"/);
  });
});

describe("hostile bodies cost a bounded amount of work and answer", () => {
  it("reports 5,000,000 numbers as entries with a few issues, not millions", () => {
    const entries = new Array(5_000_000).fill(7);
    const started = performance.now();
    let message = "";
    try {
      parseWith(kbRequestSchema, { entries });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/`entries\[0\]`: expected each entry to be a string, got 7 \(number\)/);
    expect(message).toMatch(/4999995 more elements are not strings either/);
    expect(message.length).toBeLessThan(16 * 1024);
    // Generous: one pass over the array, not one zod issue object per element (that took 33 s).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses a query over 2,000 characters, saying the limit and the length, without echoing it", () => {
    expect(() => parseWith(searchRequestSchema, { kbId: "k", query: "q".repeat(9_900_000) })).toThrow(
      /^`query`: expected a query of at most 2,000 characters, got 9,900,000\.$/,
    );
  });

  it("refuses a kbId over 128 characters without echoing it", () => {
    let message = "";
    try {
      parseWith(searchRequestSchema, { kbId: "k".repeat(100_000), query: "q" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/`kbId`: expected a kbId returned by POST \/api\/kb of at most 128 characters, got 100000/);
    expect(message.length).toBeLessThan(300);
  });
});
