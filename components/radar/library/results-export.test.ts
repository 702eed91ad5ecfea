import { describe, expect, it } from "vitest";
import type { SearchResponse } from "@/lib/api/contract";
import { resultsCsv, resultsFileName, resultsJson } from "./results-export";
import { parseShareParams, shareLinkFor } from "./share-link";

const response: SearchResponse = {
  kbId: "kb_1", model: "m", query: 'Where is "my" parcel, now?', count: 3, histograms: {}, truncatedQuery: false, approximate: false, timings: { totalMs: 1 },
  results: {
    mean: [{ index: 2, text: "Shipping, to Europe\ntakes a week", score: 0.61234567, rank: 1, ranks: { mean: 1 } }],
    cls: [{ index: 0, text: "plain", score: 0.5, rank: 1, ranks: { cls: 1 } }],
  },
};

describe("results export", () => {
  it("writes CSV rows per pooling in the radar's order, quoting commas, quotes and line breaks", () => {
    expect(resultsCsv(response)).toBe(
      "query,pooling,rank,score,index,text,approximate\r\n" +
        '"Where is ""my"" parcel, now?",cls,1,0.500000,0,plain,false\r\n' +
        '"Where is ""my"" parcel, now?",mean,1,0.612346,2,"Shipping, to Europe\ntakes a week",false\r\n',
    );
  });

  it("writes JSON without the histograms and timings, and names files after the query", () => {
    expect(JSON.parse(resultsJson(response))).toEqual({ kbId: "kb_1", model: "m", query: response.query, count: 3, approximate: false, results: response.results });
    expect(resultsFileName(response, "csv")).toBe("radar-where-is-my-parcel-now.csv");
    expect(resultsFileName({ ...response, query: "???" }, "json")).toBe("radar-results.json");
  });
});

describe("shareable links", () => {
  it("round-trips kb, query, model and pooling", () => {
    const link = shareLinkFor({ kb: "kb_abc", query: "a & b = c?", model: "all-MiniLM-L6-v2", pooling: "cls" });
    expect(link).toBe("/?kb=kb_abc&q=a+%26+b+%3D+c%3F&model=all-MiniLM-L6-v2&pooling=cls");
    expect(parseShareParams(link.slice(1))).toEqual({ kb: "kb_abc", query: "a & b = c?", model: "all-MiniLM-L6-v2", pooling: "cls" });
  });

  it("ignores a URL without a kb, and drops an unknown pooling or an overlong id", () => {
    expect(parseShareParams("?q=hello")).toBeNull();
    expect(parseShareParams(`?kb=${"k".repeat(200)}`)).toBeNull();
    expect(parseShareParams("?kb=kb_1&pooling=median&model=" + "m".repeat(200))).toEqual({ kb: "kb_1", query: "" });
  });
});
