// Calibration on the real default model, over a slice of STS-B to keep the test short.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { forgetProcessWide, reloadConfig } from "../config";
import { storeKeeper } from "../store/shared-store";
import { startTestPostgres } from "../../testing/postgres-server";
import { loadEngine } from "../engine/index";
import type { EmbeddingEngine } from "../engine/types";
import { POOLINGS } from "../pooling/strategies";
import { stsDatasetFor } from "./sts-datasets";
import { calibrationKey, calibrationOf, calibrationProgress, computeCalibration, readCachedCalibration, writeCachedCalibration, type Calibration } from "./calibration";
import { loadStsDataset } from "./sts-data";

const PAIRS = loadStsDataset("stsb-en").slice(0, 300);

describe("calibration of all-MiniLM-L6-v2 (300 STS-B pairs)", () => {
  let engine: EmbeddingEngine;
  let calibration: Calibration;
  beforeAll(async () => {
    engine = await loadEngine("all-MiniLM-L6-v2");
    calibration = await computeCalibration(engine, { pairs: PAIRS });
  });

  it("orders the random-pair percentiles and keeps 101 ascending quantiles per pooling", () => {
    for (const p of POOLINGS) {
      const { random, quantiles } = calibration.poolings[p];
      expect(random.p05).toBeLessThan(random.p50);
      expect(random.p50).toBeLessThan(random.p95);
      expect(random.p95).toBeLessThanOrEqual(random.p99);
      expect(quantiles).toHaveLength(101);
      expect(quantiles).toEqual([...quantiles].sort((a, b) => a - b));
    }
  });

  it("puts unrelated pairs of the native mean pooling near 0 and the suggested threshold above them", () => {
    const mean = calibration.poolings.mean;
    expect(Math.abs(mean.random.p50)).toBeLessThan(0.2);
    expect(mean.suggestedThreshold).toBeGreaterThan(mean.random.p95);
    expect(mean.f1).toBeGreaterThan(0.8);
  });

  it("shows CLS's unrelated pairs sitting far higher than mean's (why every row turned green)", () => {
    expect(calibration.poolings.cls.random.p50).toBeGreaterThan(calibration.poolings.mean.random.p50 + 0.2);
  });

  it("counts the labelled pairs and names the dataset and seed", () => {
    const similar = PAIRS.filter((p) => p.score >= 4).length;
    expect(calibration.pairs).toEqual({ random: 2000, similar, unrelated: PAIRS.filter((p) => p.score <= 1).length });
    expect(calibration.dataset).toBe("stsb-en");
    expect(calibration.seed).toBe(42);
  });

  it("is the same computed twice (fixed seed)", async () => {
    const again = await computeCalibration(engine, { pairs: PAIRS });
    expect(again.poolings).toEqual(calibration.poolings);
  });

  it("caches on disk once, then reads the cache", async () => {
    const dir = mkdtempSync(join(tmpdir(), "calibration-"));
    reloadConfig({ ...process.env, SEMANTIC_RADAR_CALIBRATION_DIR: dir });
    try {
      await writeCachedCalibration(calibration);
      expect(readdirSync(dir)).toEqual([`all-MiniLM-L6-v2.${engine.info.graph}.v1.json`]);
      const read = await calibrationOf(engine);
      expect(read.cached).toBe(true);
      expect(read.calibration).toEqual(calibration);
      expect(await readCachedCalibration("no-such-model", "int8")).toBeUndefined();
    } finally {
      reloadConfig();
    }
  });
});

describe("calibrations with DATABASE_URL", () => {
  it("are kept in the database, where every server on it reads them, and on no disk", { timeout: 180_000 }, async () => {
    const postgres = await startTestPostgres();
    const dir = mkdtempSync(join(tmpdir(), "calibration-db-"));
    reloadConfig({ ...process.env, DATABASE_URL: postgres.url, SEMANTIC_RADAR_CALIBRATION_DIR: dir });
    try {
      const engine = await loadEngine("all-MiniLM-L6-v2");
      const calibration = await computeCalibration(engine, { pairs: PAIRS.slice(0, 40) });
      await writeCachedCalibration(calibration);
      expect(readdirSync(dir)).toEqual([]);
      // What another server on the database would read: the row itself.
      const stored = postgres.psql(`SELECT body->>'computedAt' FROM shared_results WHERE key = '${calibrationKey("all-MiniLM-L6-v2", engine.info.graph)}'`);
      expect(stored).toBe(calibration.computedAt);
      expect(await readCachedCalibration("all-MiniLM-L6-v2", engine.info.graph)).toEqual(calibration);
      expect((await calibrationOf(engine)).cached).toBe(true);
    } finally {
      await storeKeeper().close().catch(() => undefined);
      forgetProcessWide("store-keeper");
      reloadConfig();
      await postgres.stop();
    }
  });
});

describe("calibrationOf while it computes", () => {
  it("reports progress that never decreases and ends at the sentence count, then caches", async () => {
    reloadConfig({ ...process.env, SEMANTIC_RADAR_CALIBRATION_DIR: mkdtempSync(join(tmpdir(), "calibration-progress-")) });
    try {
      const engine = await loadEngine("all-MiniLM-L6-v2");
      const pairs = PAIRS.slice(0, 60);
      const seen: number[] = [];
      const running = calibrationOf(engine, { pairs, onProgress: (done) => seen.push(done) });
      expect(calibrationProgress("all-MiniLM-L6-v2", engine.info.graph)).toEqual({ done: 0, total: 0 });
      const { cached } = await running;
      expect(cached).toBe(false);
      const sentences = new Set(pairs.flatMap((p) => [p.sentence1, p.sentence2])).size;
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(sentences);
      expect(calibrationProgress("all-MiniLM-L6-v2", engine.info.graph)).toBeNull();
      expect((await calibrationOf(engine)).cached).toBe(true);
    } finally {
      reloadConfig();
    }
  });
});

describe("stsDatasetFor", () => {
  it("takes Chinese STS-B for a Chinese-only model", () => {
    expect(stsDatasetFor(["zh"])).toBe("stsb-zh");
    expect(stsDatasetFor(["en"])).toBe("stsb-en");
    expect(stsDatasetFor(["en", "zh"])).toBe("stsb-en");
  });
});
