// The PyTorch reference for the tiny Qwen3 fixtures (models/tiny/qwen3-reference.json, written by
// scripts/qwen3/make-fixtures.py): what transformers on PyTorch computed on the same random weights.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { reloadConfig } from "../lib/config";
import { rescanModels } from "../lib/engine/index";
import type { Pooling } from "../lib/pooling/strategies";

export const QWEN3_TINY_DIR = join(process.cwd(), "models", "tiny");
/** Both ONNX layouts of the same weights: without past, and with the KV cache as onnx-community exports it. */
export const QWEN3_TINY_MODELS = ["qwen3-tiny", "qwen3-tiny-kv"] as const;

export interface Qwen3ReferenceText {
  role: "document" | "query";
  text: string;
  /** What the model reads: the query prompt + text for a query, the text for a document. */
  input: string;
  /** PyTorch's tokenizer on `input`, <|endoftext|> appended by the post-processor. */
  ids: number[];
  /** The text embedded alone, every pooling, L2-normalised: [dim] each. */
  alone: Record<Pooling, number[]>;
}

export interface Qwen3ReferenceBatch {
  name: string;
  /** Keys into `texts`, in row order. */
  texts: string[];
  /** Left-padded with <|endoftext|>: [batch, seq] each. */
  input_ids: number[][];
  attention_mask: number[][];
  /** cumsum(attention_mask) - 1, padding set to 1: what an ONNX graph is fed. */
  position_ids: number[][];
  /** Every pooling, L2-normalised: [batch, dim] each. */
  embeddings: Record<Pooling, number[][]>;
}

export interface Qwen3Reference {
  models: string[];
  seed: number;
  versions: Record<string, string>;
  query_prompt: string;
  special_ids: number[];
  poolings: Pooling[];
  texts: Record<string, Qwen3ReferenceText>;
  batches: Qwen3ReferenceBatch[];
}

export function loadQwen3Reference(): Qwen3Reference {
  return JSON.parse(readFileSync(join(QWEN3_TINY_DIR, "qwen3-reference.json"), "utf8")) as Qwen3Reference;
}

/** Makes the tiny Qwen3 fixtures the installed models for a test file's tests, and the usual ones again after. */
export function useQwen3TinyModels(): void {
  beforeAll(() => {
    reloadConfig({ ...process.env, SEMANTIC_RADAR_MODELS_DIR: QWEN3_TINY_DIR });
    rescanModels();
  });
  afterAll(() => {
    reloadConfig();
    rescanModels();
  });
}
