/**
 * The Lab's layer sweep on one model: every layer (0 = embeddings .. n = last) and the first-last and last-two
 * averages, every pooling, all from one forward pass per batch (engine.embedLayers); then per cell the STS
 * Spearman with no correction, whitened and all-but-the-top (fitted on the set's own sentences, as the
 * BERT-whitening paper does), the anisotropy, and the precision table on the last layer. Pure over the engine
 * contract: the CLI and the API run it on a loaded engine.
 */
import type { EmbeddingEngine } from "../engine/types";
import type { StsDataset, StsPair } from "../eval/sts-data";
import { fitSpectrum, type Correction } from "../pooling/corrections";
import { allLayers, layerKey } from "../pooling/layers";
import { PRECISIONS, type Precision } from "../pooling/precision";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { scenariosPerLayer, type LayerScenarios } from "./layer-scenarios";
import type { Scenario } from "./scenarios/types";
import { anisotropy, correctedRows, pairSpearman, precisionSpearman, randomPairs, type IndexedPairs } from "./layer-metrics";

/** Per layer key ("0".."n", "first_last", "last_two"), per pooling. */
export type LayerGrid = Record<string, Record<Pooling, number>>;

export interface LayerSweep {
  model: string;
  dataset: StsDataset | "custom";
  /** n: the last layer's number (layers run 0..n). */
  layers: number;
  pairs: number;
  sentences: number;
  /** STS Spearman x100 with no correction, per layer and pooling. */
  spearman: LayerGrid;
  /** The same after whitening (all dimensions) and after all-but-the-top. */
  corrected: Record<Exclude<Correction, "none">, LayerGrid>;
  /** Mean cosine of random sentence pairs, per layer and pooling. */
  anisotropy: LayerGrid;
  /** The last layer, no correction: STS Spearman x100 per precision and pooling. */
  precision: Record<Precision, Record<Pooling, number>>;
  /** The article's scenarios per layer, when some were given. */
  scenarios?: LayerScenarios;
  seconds: number;
}

export interface SweepOptions {
  dataset: StsDataset | "custom";
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Random pairs anisotropy averages over. @default 2000 */
  anisotropyPairs?: number;
  /** The article's scenarios (in the dataset's language), scored per layer too. */
  scenarios?: readonly Scenario[];
  /** Whitening keeps this many leading components (BERT-whitening's k). @default all */
  whiteningDims?: number;
}

/** The distinct sentences of the pairs and the pairs as row indices. */
export function indexPairs(pairs: readonly StsPair[]): { sentences: string[]; indexed: IndexedPairs } {
  const sentences = [...new Set(pairs.flatMap((p) => [p.sentence1, p.sentence2]))];
  const rowOf = new Map(sentences.map((s, i) => [s, i]));
  return {
    sentences,
    indexed: { a: Int32Array.from(pairs, (p) => rowOf.get(p.sentence1)!), b: Int32Array.from(pairs, (p) => rowOf.get(p.sentence2)!), gold: pairs.map((p) => p.score) },
  };
}

const grid = (keys: readonly string[], cell: (key: string, pooling: Pooling) => number): LayerGrid =>
  Object.fromEntries(keys.map((key) => [key, Object.fromEntries(POOLINGS.map((p) => [p, cell(key, p)])) as Record<Pooling, number>]));

export async function sweepLayers(engine: EmbeddingEngine, pairs: readonly StsPair[], options: SweepOptions): Promise<LayerSweep> {
  const started = performance.now();
  const n = engine.info.model.numLayers;
  const keys = allLayers(n).map(layerKey);
  const { sentences, indexed } = indexPairs(pairs);
  const embedded = await engine.embedLayers(sentences, {
    kind: "document",
    signal: options.signal,
    onProgress: (event) => event.type === "batch" && options.onProgress?.(event.done, event.total),
  });
  const { dims } = embedded;
  const rowsOf = (key: string, p: Pooling) => embedded.layers[key][p]!;
  const random = randomPairs(sentences.length, options.anisotropyPairs ?? 2000);
  const whitened: LayerGrid = {};
  const abtt: LayerGrid = {};
  for (const key of keys) {
    whitened[key] = {} as Record<Pooling, number>;
    abtt[key] = {} as Record<Pooling, number>;
    for (const p of POOLINGS) {
      const spectrum = fitSpectrum(rowsOf(key, p), dims); // one fit serves both corrections
      const w = correctedRows(rowsOf(key, p), dims, "whitening", { whiteningDims: options.whiteningDims }, spectrum);
      whitened[key][p] = pairSpearman(w.rows, w.dims, indexed);
      const a = correctedRows(rowsOf(key, p), dims, "all_but_the_top", {}, spectrum);
      abtt[key][p] = pairSpearman(a.rows, a.dims, indexed);
    }
  }
  const last = String(n);
  const scenarios = options.scenarios?.length ? await scenariosPerLayer(engine, options.scenarios, options.signal) : undefined;
  return {
    model: engine.info.model.id,
    dataset: options.dataset,
    layers: n,
    pairs: pairs.length,
    sentences: sentences.length,
    spearman: grid(keys, (key, p) => pairSpearman(rowsOf(key, p), dims, indexed)),
    corrected: { whitening: whitened, all_but_the_top: abtt },
    anisotropy: grid(keys, (key, p) => anisotropy(rowsOf(key, p), dims, random)),
    precision: Object.fromEntries(PRECISIONS.map((precision) => [precision, Object.fromEntries(POOLINGS.map((p) => [p, precisionSpearman(rowsOf(last, p), dims, indexed, precision)]))])) as LayerSweep["precision"],
    ...(scenarios ? { scenarios } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The shape `npm run lab -- layers --json` prints: layers 0..n under spearman, whitened and anisotropy. */
export interface LayersJson {
  model: string;
  dataset: string;
  layers: number;
  spearman: LayerGrid;
  first_last: Record<Pooling, number>;
  whitened: LayerGrid;
  anisotropy: LayerGrid;
  precision: Record<Precision, Record<Pooling, number>>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;
const roundGrid = (values: LayerGrid, keys: readonly string[], round: (x: number) => number): LayerGrid =>
  Object.fromEntries(keys.map((key) => [key, Object.fromEntries(POOLINGS.map((p) => [p, round(values[key][p])])) as Record<Pooling, number>]));

export function toLayersJson(sweep: LayerSweep): LayersJson {
  const numbered = Array.from({ length: sweep.layers + 1 }, (_, i) => String(i));
  return {
    model: sweep.model,
    dataset: sweep.dataset,
    layers: sweep.layers,
    spearman: roundGrid(sweep.spearman, numbered, round2),
    first_last: roundGrid(sweep.spearman, ["first_last"], round2).first_last,
    whitened: roundGrid(sweep.corrected.whitening, numbered, round2),
    anisotropy: roundGrid(sweep.anisotropy, numbered, round4),
    precision: Object.fromEntries(PRECISIONS.map((precision) => [precision, Object.fromEntries(POOLINGS.map((p) => [p, round2(sweep.precision[precision][p])]))])) as LayersJson["precision"],
  };
}
