import { describe, expect, it } from "vitest";
import type { SearchResponse } from "@/lib/api/contract";
import { resultsCsv, resultsFileName, resultsJson } from "./results-export";
import { parseShareParams, shareLinkFor } from "./share-link";

const response: SearchResponse = {
  kbId: "kb_1", model: "m", query: 'Where is "my" parcel, now?', count: 3, histograms: {}, truncatedQuery: false, approximate: false, timings: { totalMs: 1 },
  variant: { layer: "6", lastLayer: 6, correction: "none", precision: "float32" },
  results: {
    mean: [{ index: 2, text: "Shipping, to Europe\ntakes a week", score: 0.61234567, rank: 1, ranks: { mean: 1 } }],
    cls: [{ index: 0, text: "plain", score: 0.5, rank: 1, ranks: { cls: 1 } }],
  },
};

describe("results export", () => {
  it("writes CSV rows per pooling in the radar's order, quoting commas, quotes and line breaks", () => {
    expect(resultsCsv(response)).toBe(
      "query,pooling,rank,score,index,text,approximate,layer,correction,precision\r\n" +
        '"Where is ""my"" parcel, now?",cls,1,0.500000,0,plain,false,6,none,float32\r\n' +
        '"Where is ""my"" parcel, now?",mean,1,0.612346,2,"Shipping, to Europe\ntakes a week",false,6,none,float32\r\n',
    );
  });

  it("labels every row and the JSON with the layer, correction and precision, and the precision check", () => {
    const precisionCheck = { mean: { overlap: 0.9, scoreError: 0.01, bytesPerVector: 48, totalBytes: 144, float32Bytes: 4608 } };
    const off = { ...response, variant: { layer: "first_last", lastLayer: 6, correction: "whitening" as const, precision: "binary" as const }, precisionCheck };
    expect(resultsCsv(off).split("\r\n")[1]).toMatch(/,false,first_last,whitening,binary$/);
    expect(JSON.parse(resultsJson(off))).toMatchObject({ layer: "first_last", correction: "whitening", precision: "binary", precisionCheck });
  });

  it("writes JSON without the histograms and timings, and names files after the query", () => {
    expect(JSON.parse(resultsJson(response))).toEqual({ kbId: "kb_1", model: "m", query: response.query, count: 3, approximate: false, layer: "6", correction: "none", precision: "float32", results: response.results });
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

  it("carries the layer, correction and precision off the defaults, and drops unknown ones", () => {
    const link = shareLinkFor({ kb: "kb_1", query: "q", layer: "first_last", correction: "whitening", precision: "int8" });
    expect(link).toBe("/?kb=kb_1&q=q&layer=first_last&correction=whitening&precision=int8");
    expect(parseShareParams(link.slice(1))).toEqual({ kb: "kb_1", query: "q", layer: "first_last", correction: "whitening", precision: "int8" });
    expect(shareLinkFor({ kb: "kb_1", query: "q", correction: "none", precision: "float32" })).toBe("/?kb=kb_1&q=q");
    expect(parseShareParams("?kb=kb_1&layer=-1&correction=pca&precision=int4")).toEqual({ kb: "kb_1", query: "" });
    expect(parseShareParams("?kb=kb_1&layer=3")).toEqual({ kb: "kb_1", query: "", layer: "3" });
  });

  it("ignores a URL without a kb, and drops an unknown pooling or an overlong id", () => {
    expect(parseShareParams("?q=hello")).toBeNull();
    expect(parseShareParams(`?kb=${"k".repeat(200)}`)).toBeNull();
    expect(parseShareParams("?kb=kb_1&pooling=median&model=" + "m".repeat(200))).toEqual({ kb: "kb_1", query: "" });
  });
});
