/** GET /api/calibration: the cached numbers of the real default model, and bounded errors. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CalibrationResponse } from "@/lib/api/contract";
import { reloadConfig } from "@/lib/config";
import { loadEngine } from "@/lib/engine";
import { computeCalibration, writeCachedCalibration, type Calibration } from "@/lib/eval/calibration";
import { loadStsDataset } from "@/lib/eval/sts-data";
import { GET, POST } from "./route";

async function get(query: string): Promise<{ status: number; json: CalibrationResponse & { error?: { code: string; message: string } } }> {
  const response = await GET(new NextRequest(`http://localhost/api/calibration${query}`));
  return { status: response.status, json: await response.json() };
}

let computed: Calibration;
beforeAll(async () => {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_CALIBRATION_DIR: mkdtempSync(join(tmpdir(), "calibration-route-")) });
  // A slice computed on the real model and cached, so the route reads the cache rather than embedding 2,700 sentences.
  computed = await computeCalibration(await loadEngine("all-MiniLM-L6-v2"), { pairs: loadStsDataset("stsb-en").slice(0, 200) });
  await writeCachedCalibration(computed);
});
afterAll(() => {
  reloadConfig();
});

describe("GET /api/calibration", () => {
  it("answers the model's calibration from the cache, every pooling", async () => {
    const { status, json } = await get("?model=all-MiniLM-L6-v2");
    expect(status).toBe(200);
    expect(json.cached).toBe(true);
    expect(json.model).toBe("all-MiniLM-L6-v2");
    expect(Object.keys(json.poolings)).toEqual(["cls", "mean", "mean_content", "last_token", "max"]);
    expect(json.poolings.mean).toEqual(computed.poolings.mean);
    expect(typeof json.timings.totalMs).toBe("number");
  });

  it("answers the cached numbers at once when asked for progress", async () => {
    const { status, json } = await get("?model=all-MiniLM-L6-v2&progress=1");
    expect(status).toBe(200);
    expect(json.poolings.cls).toEqual(computed.poolings.cls);
  });

  it("refuses a malformed progress flag", async () => {
    const { status, json } = await get("?model=all-MiniLM-L6-v2&progress=yes");
    expect(status).toBe(422);
    expect(json.error?.message).toMatch(/expected "1" or "true" to ask for progress/);
  });

  it("uses the default model when none is named", async () => {
    expect((await get("")).json.model).toBe("all-MiniLM-L6-v2");
  });

  it("answers 404 for an unknown model and 422 for an over-long id", async () => {
    const unknown = await get("?model=no-such-model");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe("model_not_found");
    const long = await get(`?model=${"x".repeat(500)}`);
    expect(long.status).toBe(422);
    expect(long.json.error?.message).toMatch(/at most 128 characters, got 500/);
  });

  it("answers POST with 405", async () => {
    expect((await POST(new Request("http://localhost/api/calibration", { method: "POST" }))).status).toBe(405);
  });
});
