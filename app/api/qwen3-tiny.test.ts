/**
 * The radar's features on a Qwen3-Embedding-shaped model as users download it: the tiny random-weight Qwen3 with a
 * KV cache and external weights (models/tiny/qwen3-tiny-kv), installed as a model, through the route handlers:
 * a knowledge base, search under every pooling, explanations, the map, calibration and the Lab.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CalibrationResponse, ExplainResponse, KbEvent, MapResponse, SearchResponse } from "@/lib/api/contract";
import { readNdjson } from "@/lib/api/ndjson-read";
import { reloadConfig } from "@/lib/config";
import { loadEngine, rescanModels } from "@/lib/engine";
import { computeCalibration, writeCachedCalibration } from "@/lib/eval/calibration";
import { loadStsDataset } from "@/lib/eval/sts-data";
import type { LabReport } from "@/lib/lab/report";
import { POOLINGS } from "@/lib/pooling/strategies";
import { jsonPost } from "@/testing/route-calls";
import { QWEN3_TINY_DIR } from "@/testing/qwen3-reference";
import { GET as getCalibration } from "./calibration/route";
import { POST as postExplain } from "./explain/route";
import { POST as postKb } from "./kb/route";
import { POST as postLab } from "./lab/route";
import { POST as postMap } from "./map/route";
import { POST as postSearch } from "./search/route";

const MODEL = "qwen3-tiny-kv";
const ENTRIES = ["To reset your password, open Settings.", "快递到欧洲需要五到七个工作日。", "Our office closes at 6 pm on Fridays."];
const QUERY = "How do I change my password?";

let kbId = "";
let search: SearchResponse;
beforeAll(async () => {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MODELS_DIR: QWEN3_TINY_DIR, SEMANTIC_RADAR_CALIBRATION_DIR: mkdtempSync(join(tmpdir(), "qwen3-calibration-")) });
  rescanModels();
  for await (const event of readNdjson<KbEvent>((await postKb(jsonPost("/api/kb", { entries: ENTRIES, model: MODEL }))).body!)) if (event.type === "done") kbId = event.kbId;
  search = await (await postSearch(jsonPost("/api/search", { kbId, query: QUERY, poolings: [...POOLINGS], topK: 3 }))).json();
});
afterAll(() => {
  reloadConfig();
  rescanModels();
});

describe(`${MODEL} (KV-cache graph, external weights) through the routes`, () => {
  it("ranks the knowledge base under every pooling, scores finite and bounded", () => {
    expect(search.model).toBe(MODEL);
    for (const pooling of POOLINGS) {
      expect(search.results[pooling]!.map((hit) => hit.index).sort()).toEqual([0, 1, 2]);
      for (const hit of search.results[pooling]!) expect(Math.abs(hit.score)).toBeLessThanOrEqual(1 + 1e-6);
    }
  });

  it("explains a last-token score by leave-one-out and a mean score exactly, each summing to the search's score", async () => {
    for (const pooling of ["last_token", "mean"] as const) {
      const response = await postExplain(jsonPost("/api/explain", { kbId, query: QUERY, index: 0, pooling }));
      expect(response.status).toBe(200);
      const json = (await response.json()) as ExplainResponse;
      expect(json.score).toBeCloseTo(search.results[pooling]!.find((hit) => hit.index === 0)!.score, 4);
      expect(json.query.tokens.length).toBeGreaterThan(1);
    }
  });

  it("maps the entries and the query per pooling", async () => {
    const response = await postMap(jsonPost("/api/map", { kbId, poolings: ["last_token", "cls"], method: "pca", query: QUERY }));
    expect(response.status).toBe(200);
    const json = (await response.json()) as MapResponse;
    for (const layout of Object.values(json.poolings)) expect(layout!.points.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it("calibrates every pooling, answered from the cache", async () => {
    writeCachedCalibration(await computeCalibration(await loadEngine(MODEL), { pairs: loadStsDataset("stsb-en").slice(0, 40) }));
    const response = await getCalibration(new NextRequest(`http://localhost/api/calibration?model=${MODEL}`));
    expect(response.status).toBe(200);
    const json = (await response.json()) as CalibrationResponse;
    expect(json).toMatchObject({ model: MODEL, cached: true });
    expect(Object.keys(json.poolings)).toEqual([...POOLINGS]);
  });

  it("runs the Lab's article scenarios, last token as the native pooling", async () => {
    const response = await postLab(jsonPost("/api/lab", { model: MODEL, lang: "zh" }));
    expect(response.status).toBe(200);
    const report = (await response.json()) as LabReport;
    expect(report.model).toMatchObject({ id: MODEL, architecture: "causal-decoder", nativePooling: "last_token" });
    expect(report.run.table.rows).toHaveLength(8);
  });
});
