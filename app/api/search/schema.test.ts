import { describe, expect, it } from "vitest";
import { parseWith } from "@/lib/api/validate";
import { kbRequestSchema } from "../kb/schema";
import { statusQuerySchema } from "../status/schema";
import { searchRequestSchema } from "./schema";

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
