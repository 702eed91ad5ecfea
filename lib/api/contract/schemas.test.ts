import { describe, expect, it } from "vitest";
import { parseWith } from "@/lib/api/validate";
import type { AppError } from "@/lib/errors";
import { embeddingsRequestSchema } from "../openai/schemas";
import { exportFileSchema, explainRequestSchema, kbIdParamSchema, kbRequestSchema, mapRequestSchema, renameRequestSchema, searchRequestSchema, statusQuerySchema } from ".";

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

  it("merges repeated poolings and answers an unknown one with unknown_pooling, naming it and the valid ones", () => {
    expect(parseWith(searchRequestSchema, { kbId: "k", query: "q", poolings: ["cls", "mean", "cls"] }).poolings).toEqual(["cls", "mean"]);
    try {
      parseWith(searchRequestSchema, { kbId: "k", query: "q", poolings: ["cls", "avg", "first"] });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe("unknown_pooling");
      expect((error as AppError).message).toMatch(/^Unknown pooling "avg" \(string\), "first" \(string\): expected one of cls, mean, mean_content, last_token, max\.$/);
    }
  });

  it("trims the query", () => {
    expect(parseWith(searchRequestSchema, { kbId: "k", query: "  我饿了 " }).query).toBe("我饿了");
  });

  it("refuses a query of only invisible characters (zero-width space, BOM, direction marks) with empty_input", () => {
    expect(() => parseWith(searchRequestSchema, { kbId: "k", query: "\u200b\u200b\ufeff\u200e" })).toThrow(expect.objectContaining({ code: "empty_input", message: expect.stringMatching(/The query is empty: .*invisible characters/) }));
    expect(parseWith(searchRequestSchema, { kbId: "k", query: "\u200bcat" }).query).toBe("\u200bcat");
  });

  it("refuses a blank query with empty_input", () => {
    expect(() => parseWith(searchRequestSchema, { kbId: "k", query: " \n " })).toThrow(expect.objectContaining({ code: "empty_input", message: expect.stringMatching(/The query is empty: expected some text to search for, got only whitespace/) }));
  });

  it("answers a blank query beside another problem with invalid_input, listing both", () => {
    expect(() => parseWith(searchRequestSchema, { kbId: "k", query: " ", topK: 0 })).toThrow(expect.objectContaining({ code: "invalid_input", message: expect.stringMatching(/`query`: The query is empty.*`topK`: expected an integer from 1 to 100/) }));
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

// PostgreSQL text cannot hold U+0000: refused at the edge (422, saying where), never a 500 from the database.
describe("NUL (U+0000) in anything the store would keep", () => {
  it("is refused in entries, naming the entry and the character", () => {
    expect(() => parseWith(kbRequestSchema, { entries: ["fine", "bad\u0000here"] })).toThrow(/`entries\[1\]`: expected text without NUL characters \(U\+0000\), which the store cannot keep, got one at character 3\./);
    expect(() => parseWith(searchRequestSchema, { entries: ["\u0000"], query: "q" })).toThrow(/`entries\[0\]`: expected text without NUL/);
  });

  it("is refused in ids (a path's kbId, a model) and in names", () => {
    expect(() => parseWith(kbIdParamSchema, "\u0000")).toThrow(/without control characters such as NUL \(U\+0000\); one is at character 0/);
    expect(() => parseWith(kbRequestSchema, { model: "all-MiniLM\u0000", entries: ["a"] })).toThrow(/`model`: .*without control characters/);
    expect(() => parseWith(renameRequestSchema, { name: "a\u0000b" })).toThrow(/`name`: expected a name without control characters such as NUL/);
  });

  it("is refused anywhere in an import: entries, name, graph, report, truncated", () => {
    const file = {
      format: "semantic-radar-kb", version: 1,
      manifest: { kbId: "kb_1", name: "n", model: "m", graph: "fp32", dims: 1, count: 1, poolings: ["mean"], created: "2026-01-01", checksums: { entries: `sha256:${"0".repeat(64)}`, vectors: {} } },
      entries: ["a"], report: {}, truncated: [], vectors: {},
    };
    expect(() => parseWith(exportFileSchema, file)).not.toThrow();
    const broken = [
      { ...file, entries: ["a\u0000"] },
      { ...file, manifest: { ...file.manifest, name: "\u0000" } },
      { ...file, manifest: { ...file.manifest, graph: "fp\u000032" } },
      { ...file, report: { note: "x\u0000" } },
      { ...file, truncated: [{ preview: "\u0000" }] },
    ];
    for (const body of broken) expect(() => parseWith(exportFileSchema, body)).toThrow(/NUL|control characters/);
  });
});

describe("renameRequestSchema", () => {
  it("wants a visible character: blank, zero-width, BOM and filler characters do not count", () => {
    for (const name of ["", "   ", "\u200b\u200b", "\ufeff\u200d", "\u3164", "\u2800 \u00a0"]) {
      expect(() => parseWith(renameRequestSchema, { name })).toThrow(/`name`: expected a name with at least one visible character/);
    }
    expect(parseWith(renameRequestSchema, { name: "  FAQ \u200b " })).toEqual({ name: "FAQ \u200b" });
    expect(parseWith(renameRequestSchema, { name: "常见问题" })).toEqual({ name: "常见问题" });
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

describe("the pooling and query checks of the other requests", () => {
  it("answers one unknown pooling with unknown_pooling on explain, map and the embedding API", () => {
    const code = { code: "unknown_pooling", message: expect.stringMatching(/^Unknown pooling "median" \(string\): expected one of cls, mean/) };
    expect(() => parseWith(explainRequestSchema, { kbId: "k", query: "q", index: 0, pooling: "median" })).toThrow(expect.objectContaining(code));
    expect(() => parseWith(mapRequestSchema, { kbId: "k", poolings: ["median"], method: "pca" })).toThrow(expect.objectContaining(code));
    expect(() => parseWith(embeddingsRequestSchema, { input: "a", pooling: "median" })).toThrow(expect.objectContaining(code));
    expect(parseWith(explainRequestSchema, { kbId: "k", query: " q ", index: 0, pooling: "mean" })).toMatchObject({ query: "q", pooling: "mean" });
  });

  it("answers a blank query with empty_input on explain and map", () => {
    const code = { code: "empty_input", message: expect.stringMatching(/The query is empty/) };
    expect(() => parseWith(explainRequestSchema, { kbId: "k", query: " ", index: 0, pooling: "mean" })).toThrow(expect.objectContaining(code));
    expect(() => parseWith(mapRequestSchema, { kbId: "k", poolings: ["mean"], method: "pca", query: "\u200b" })).toThrow(expect.objectContaining(code));
  });
});
