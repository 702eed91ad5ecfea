/**
 * Calibrated scores: for one model, every pooling's cosine distribution over random unrelated sentence pairs and
 * the threshold that best separates similar from unrelated STS-B pairs. Computed once per model and graph (a few
 * thousand sentences through the engine, interleaved with queries by its scheduler) and kept: in the database
 * when DATABASE_URL names one (every server on it then shares the one computation's result), else on disk.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { config } from "../config";
import { sharedStore } from "../store/shared-store";
import type { Json } from "../store/types";
import type { Calibration, PoolingCalibration } from "./calibration-types";
import type { EmbeddingEngine } from "../engine/types";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { mulberry32 } from "../seeded-random";
import { bestF1Threshold, percentile, quantiles, randomPairs } from "./calibration-math";
import { embedPairSentences } from "./sts";
import { loadStsDataset, type StsPair } from "./sts-data";
import { stsDatasetFor } from "./sts-datasets";

export const CALIBRATION_SEED = 42;
/** Random pairs drawn per model: enough that p99 rests on 20 pairs. */
export const RANDOM_PAIRS = 2_000;
// Bump when the method changes, so an old cache file is not read as current.
const VERSION = 1;

export type { Calibration, PoolingCalibration } from "./calibration-types";

/** data/calibration, or SEMANTIC_RADAR_CALIBRATION_DIR. */
export function calibrationDir(): string {
  return config().calibrationDir;
}


export interface CalibrateOptions {
  /** @default the whole dataset */
  pairs?: readonly StsPair[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function computeCalibration(engine: EmbeddingEngine, options: CalibrateOptions = {}): Promise<Calibration> {
  const { model, graph } = engine.info;
  const dataset = stsDatasetFor(model.languages);
  const pairs = options.pairs ?? loadStsDataset(dataset);
  const { cosine } = await embedPairSentences(engine, pairs, options);
  // Unrelated: the first sentence of one pair with the second of another (seeded), never of the same pair.
  const random = randomPairs(pairs.length, RANDOM_PAIRS, mulberry32(CALIBRATION_SEED)).map(([a, b]) => [pairs[a].sentence1, pairs[b].sentence2]);
  const labelled = pairs.filter((p) => p.score >= 4 || p.score <= 1);
  const labels = labelled.map((p) => p.score >= 4);
  const poolings = {} as Record<Pooling, PoolingCalibration>;
  for (const pooling of POOLINGS) {
    const randomScores = random.map(([a, b]) => cosine(pooling, a, b)).sort((x, y) => x - y);
    const { threshold, f1 } = bestF1Threshold(labelled.map((p) => cosine(pooling, p.sentence1, p.sentence2)), labels);
    poolings[pooling] = {
      random: { p05: percentile(randomScores, 5), p50: percentile(randomScores, 50), p95: percentile(randomScores, 95), p99: percentile(randomScores, 99) },
      quantiles: quantiles(randomScores).map((q) => Number(q.toFixed(5))),
      suggestedThreshold: threshold,
      f1,
    };
  }
  const similar = labels.filter(Boolean).length;
  return {
    model: model.id,
    graph,
    dataset,
    pairs: { random: RANDOM_PAIRS, similar, unrelated: labels.length - similar },
    seed: CALIBRATION_SEED,
    poolings,
    computedAt: new Date().toISOString(),
  };
}


function cacheFile(modelId: string, graph: string): string {
  return join(calibrationDir(), `${modelId}.${graph}.v${VERSION}.json`);
}

/** Its key among the database's documents. */
export function calibrationKey(modelId: string, graph: string): string {
  return `calibration/${modelId}/${graph}/v${VERSION}`;
}

/** The calibration kept for this model and graph: from the database when one is configured, else from disk. */
export async function readCachedCalibration(modelId: string, graph: string): Promise<Calibration | undefined> {
  if (config().databaseUrl) return (await (await sharedStore()).readDocument(calibrationKey(modelId, graph))) as Calibration | undefined;
  try {
    return JSON.parse(readFileSync(cacheFile(modelId, graph), "utf8")) as Calibration;
  } catch {
    return undefined; // absent or unreadable: computed again
  }
}

/** On disk, written to a temporary name and renamed, so a reader never sees half a file. */
export async function writeCachedCalibration(calibration: Calibration): Promise<void> {
  if (config().databaseUrl) {
    return (await sharedStore()).writeDocument(calibrationKey(calibration.model, calibration.graph), calibration as unknown as Json);
  }
  mkdirSync(calibrationDir(), { recursive: true });
  const file = cacheFile(calibration.model, calibration.graph);
  writeFileSync(`${file}.tmp`, JSON.stringify(calibration));
  renameSync(`${file}.tmp`, file);
}

interface Running {
  promise: Promise<{ calibration: Calibration; cached: boolean }>;
  /** Sentences embedded so far, of how many. */
  progress: { done: number; total: number };
}

const inFlight = new Map<string, Running>();

/** How far a computation in progress has got; null when none is running for this model and graph. */
export function calibrationProgress(modelId: string, graph: string): { done: number; total: number } | null {
  const running = inFlight.get(`${modelId}|${graph}`);
  return running ? { ...running.progress } : null;
}

/**
 * The kept calibration, else computed once (concurrent callers share the one computation) and kept. The run is
 * registered before the kept copy is looked up (which may ask the database), so progress is known at once.
 */
export function calibrationOf(engine: EmbeddingEngine, options: CalibrateOptions = {}): Promise<{ calibration: Calibration; cached: boolean }> {
  const { model, graph } = engine.info;
  const key = `${model.id}|${graph}`;
  let running = inFlight.get(key);
  if (!running) {
    const progress = { done: 0, total: 0 };
    const onProgress = (done: number, total: number) => {
      Object.assign(progress, { done, total });
      options.onProgress?.(done, total);
    };
    const promise = (async () => {
      const cached = await readCachedCalibration(model.id, graph);
      if (cached) return { calibration: cached, cached: true };
      const calibration = await computeCalibration(engine, { ...options, onProgress });
      await writeCachedCalibration(calibration);
      return { calibration, cached: false };
    })();
    running = { promise, progress };
    inFlight.set(key, running);
    promise.then(
      () => inFlight.delete(key),
      () => inFlight.delete(key),
    );
  }
  return running.promise;
}
