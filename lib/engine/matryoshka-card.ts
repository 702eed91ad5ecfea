/**
 * Whether a model folder declares Matryoshka (MRL) training, and which cuts. No file format has a field for it,
 * so three places are read, the first that speaks wins:
 *  1. our own `semantic_radar.json`: `"matryoshka": {"min": 32}` or `{"sizes": [64, 128, 256, 512, 768]}`, for a
 *     model whose card says it in prose or not at all (the install writes it from the manifest);
 *  2. a sentence-transformers model card (README.md) trained with MatryoshkaLoss, which prints the loss's
 *     parameters: `"matryoshka_dims": [768, 512, 256, 128, 64]`;
 *  3. the Qwen3-Embedding card's sentence "supports user-defined output dimensions ranging from 32 to 1024".
 * A model none of them declares gets no `matryoshka`: the OpenAI route and the radar do not cut it. Pure.
 */
import { AppError } from "../errors";
import { cutSizes, DEFAULT_MIN_CUT } from "../pooling/matryoshka-sizes";
import type { Matryoshka } from "./types";

export interface MatryoshkaSources {
  /** semantic_radar.json's `matryoshka` value, as parsed. */
  ours?: unknown;
  /** The model card's text (README.md), if the folder has one. */
  card?: string;
}

const ST_CARD_DIMS = /"matryoshka_dims"\s*:\s*\[([\d\s,]+)\]/;
const QWEN3_CARD_RANGE = /output dimensions ranging from (\d+) to (\d+)/i;

/** The declared cuts for a model of `hiddenSize` dimensions, or undefined. Throws model_corrupt on a malformed `matryoshka`. */
export function matryoshkaOf(sources: MatryoshkaSources, hiddenSize: number): Matryoshka | undefined {
  const declared = sources.ours !== undefined ? fromOurs(sources.ours) : fromCard(sources.card ?? "");
  if (!declared || hiddenSize < 1) return undefined;
  // A declared minimum above a toy's hidden size (Qwen3's 32 on a 16-d test model) leaves only the full size.
  const min = Math.min(declared.min, hiddenSize);
  return { min, sizes: cutSizes(hiddenSize, min, declared.listed) };
}

interface Declared {
  min: number;
  listed: number[];
}

function fromOurs(value: unknown): Declared | undefined {
  if (value === false || value === null) return undefined;
  const shape = 'expected `matryoshka` as {"min"?: an integer >= 1, "sizes"?: [integers >= 1]} or false';
  if (typeof value !== "object" || Array.isArray(value)) throw corrupt(`${shape}, got ${JSON.stringify(value)}`);
  const { min, sizes } = value as { min?: unknown; sizes?: unknown };
  const isSize = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1;
  if (min !== undefined && !isSize(min)) throw corrupt(`${shape}, got min ${JSON.stringify(min)}`);
  if (sizes !== undefined && !(Array.isArray(sizes) && sizes.length > 0 && sizes.every(isSize))) throw corrupt(`${shape}, got sizes ${JSON.stringify(sizes)}`);
  const listed = (sizes as number[] | undefined) ?? [];
  return { min: (min as number | undefined) ?? (listed.length ? Math.min(...listed) : DEFAULT_MIN_CUT), listed };
}

function fromCard(card: string): Declared | undefined {
  const st = ST_CARD_DIMS.exec(card);
  if (st) {
    const listed = st[1].split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 1);
    if (listed.length) return { min: Math.min(...listed), listed };
  }
  const qwen = QWEN3_CARD_RANGE.exec(card);
  if (qwen && Number(qwen[1]) >= 1) return { min: Number(qwen[1]), listed: [] };
  return undefined;
}

function corrupt(message: string): AppError {
  return new AppError("model_corrupt", `semantic_radar.json: ${message}`);
}
