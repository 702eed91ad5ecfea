import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { config } from "../config";
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import { matryoshkaOf } from "./matryoshka-card";
import { graphFiles } from "./onnx-files.mjs";
import { pooledGraphFile } from "./pooled-graph.mjs";
import type { Architecture, BrokenModel, Graph, GraphInfo, ModelInfo, ModelShape } from "./types";

/**
 * transformers.js file names for each graph (its dtype suffixes: fp16 "_fp16", q8 "_quantized", int8 "_int8",
 * uint8 "_uint8"), so a folder from the hub works unchanged. The first present is used. An 8-bit MatMulNBits
 * graph (Qdrant's and onnx-community's newer q8 exports) needs onnxruntime 1.23 or later.
 */
export const GRAPH_FILES: Record<Graph, string[]> = {
  fp32: ["onnx/model.onnx"],
  fp16: ["onnx/model_fp16.onnx"],
  int8: ["onnx/model_quantized.onnx", "onnx/model_int8.onnx", "onnx/model_uint8.onnx"],
};

// Token limit when a model folder does not say less: BERT-style position tables stop at 512.
const MAX_TOKENS_CAP = 512;
const DECODER_MODEL_TYPES = new Set(["qwen3", "qwen2", "llama", "mistral", "gemma", "gemma2", "gemma3", "gpt2", "phi3"]);

type Json = Record<string, unknown>;

export function modelsDir(): string {
  return config().modelsDir;
}

/** A file of a model folder as a client may see it: "<model id>/<file>", never the server's absolute path. */
export function modelFileName(dir: string, file: string): string {
  return join(basename(dir), relative(dir, resolve(dir, file)));
}

function readJson(dir: string, file: string): Json | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Json;
  } catch (error) {
    throw new AppError("model_corrupt", `${modelFileName(dir, file)} is not valid JSON: ${(error as Error).message}`);
  }
}

function architectureOf(config: Json): Architecture {
  const architectures = (config.architectures as string[] | undefined) ?? [];
  const causal = config.is_decoder === true || DECODER_MODEL_TYPES.has(String(config.model_type)) || architectures.some((a) => a.endsWith("ForCausalLM"));
  return causal ? "causal-decoder" : "encoder";
}

/** sentence-transformers' 1_Pooling/config.json flags, mapped to our names; a causal decoder defaults to last token. */
function nativePoolingOf(pooling: Json | undefined, architecture: Architecture): Pooling {
  if (pooling?.pooling_mode_cls_token) return "cls";
  if (pooling?.pooling_mode_lasttoken) return "last_token";
  if (pooling?.pooling_mode_max_tokens) return "max";
  if (pooling?.pooling_mode_mean_tokens) return "mean";
  return architecture === "causal-decoder" ? "last_token" : "mean";
}

// A model card is prose; its first part is where the training details sit.
const CARD_CHARS = 200_000;

/** The folder's model card (README.md), or undefined. */
function readCard(dir: string): string | undefined {
  const path = join(dir, "README.md");
  return existsSync(path) ? readFileSync(path, "utf8").slice(0, CARD_CHARS) : undefined;
}

/** The graphs present; one whose external data is missing makes the folder unusable, and says which file. */
function graphsIn(dir: string, id: string): GraphInfo[] {
  const graphs: GraphInfo[] = [];
  for (const [graph, files] of Object.entries(GRAPH_FILES) as [Graph, string[]][]) {
    const file = files.find((f) => existsSync(join(dir, f)));
    if (!file) continue;
    const { bytes, dataFiles, missing, kvCache } = graphFiles(dir, file);
    if (missing.length) {
      throw new AppError("model_corrupt", `${id}/${file} keeps its weights in ${missing.join(", ")}, which is missing from the folder; copy it beside ${file}`);
    }
    const pooled = pooledGraphFile(file);
    // An older pooled graph may hold the weights of the graph it was made from: a replaced graph outdates it.
    const pooledCurrent = existsSync(join(dir, pooled)) && statSync(join(dir, pooled)).mtimeMs >= statSync(join(dir, file)).mtimeMs;
    graphs.push({ graph, file, bytes, ...(dataFiles.length ? { dataFiles } : {}), ...(kvCache ? { kvCache } : {}), ...(pooledCurrent ? { pooledFile: pooled } : {}) });
  }
  return graphs;
}

/** The model as if its folder had no pooled graphs (the engine then pools in JavaScript). */
export function withoutPooledGraphs(model: ModelInfo): ModelInfo {
  return { ...model, graphs: model.graphs.map(({ pooledFile: _dropped, ...graph }) => graph) };
}

function positiveInt(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === "number" && Number.isInteger(v) && v > 0);
}

/** config.json's sizes beyond hidden size and layers (names as transformers' configs spell them). */
function shapeOf(config: Json, hiddenSize: number): ModelShape {
  const attentionHeads = positiveInt(config.num_attention_heads, config.n_head) ?? 0;
  return {
    attentionHeads,
    keyValueHeads: positiveInt(config.num_key_value_heads) ?? attentionHeads,
    headDim: positiveInt(config.head_dim) ?? (attentionHeads ? Math.floor(hiddenSize / attentionHeads) : 0),
    intermediateSize: positiveInt(config.intermediate_size, config.n_inner) ?? 4 * hiddenSize,
    vocabSize: positiveInt(config.vocab_size) ?? 0,
  };
}

/** Describes one model folder from its Hugging Face layout files. */
export function describeModel(dir: string, id: string): ModelInfo {
  const config = readJson(dir, "config.json");
  if (!config) throw new AppError("model_corrupt", `${id} has no config.json; expected a model folder in Hugging Face layout`);
  const tokenizerConfig = readJson(dir, "tokenizer_config.json") ?? {};
  const stConfig = readJson(dir, "config_sentence_transformers.json") ?? {};
  const bertConfig = readJson(dir, "sentence_bert_config.json") ?? {};
  const ours = readJson(dir, "semantic_radar.json") ?? {};
  const architecture = architectureOf(config);
  const prompts = (stConfig.prompts as Record<string, string> | undefined) ?? {};
  const declaredMax = positiveInt(bertConfig.max_seq_length, tokenizerConfig.model_max_length, config.max_position_embeddings);
  const hiddenSize = positiveInt(config.hidden_size, config.d_model) ?? 0;
  if (!hiddenSize) throw new AppError("model_corrupt", `${id}/config.json has no hidden_size; expected the model's config.json from the hub, not a tokenizer's or a pipeline's`);
  const matryoshka = matryoshkaOf({ ours: ours.matryoshka, card: "matryoshka" in ours ? undefined : readCard(dir) }, hiddenSize);
  return {
    id,
    dir,
    description: String(ours.description ?? `${config.model_type ?? "unknown"} model ${id}`),
    languages: (ours.languages as string[] | undefined) ?? [],
    isDefault: ours.default === true,
    architecture,
    modelType: String(config.model_type ?? "unknown"),
    hiddenSize,
    numLayers: positiveInt(config.num_hidden_layers, config.n_layer) ?? 0,
    maxTokens: Math.min(declaredMax ?? MAX_TOKENS_CAP, MAX_TOKENS_CAP),
    tokenizerBytes: existsSync(join(dir, "tokenizer.json")) ? statSync(join(dir, "tokenizer.json")).size : 0,
    contextTokens: positiveInt(config.max_position_embeddings, config.n_positions) ?? 0,
    shape: shapeOf(config, hiddenSize),
    nativePooling: nativePoolingOf(readJson(dir, join("1_Pooling", "config.json")), architecture),
    prompts: { query: prompts.query || undefined, document: prompts.document || prompts.passage || undefined },
    paddingSide: tokenizerConfig.padding_side === "left" ? "left" : "right",
    graphs: graphsIn(dir, id),
    ...(matryoshka ? { matryoshka } : {}),
  };
}

export interface ModelScan {
  /** Readable models, the default first. */
  models: ModelInfo[];
  /** Folders with a config.json that could not be read as a model: they affect only themselves. */
  broken: BrokenModel[];
}

/** Every model folder directly under `root` (folders with a config.json); a broken one is listed with why. */
export function scanModels(root: string): ModelScan {
  const scan: ModelScan = { models: [], broken: [] };
  if (!existsSync(root)) return scan;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    // A symlinked model folder counts too (existsSync follows the link).
    if (!(entry.isDirectory() || entry.isSymbolicLink()) || !existsSync(join(root, entry.name, "config.json"))) continue;
    try {
      scan.models.push(describeModel(join(root, entry.name), entry.name));
    } catch (error) {
      scan.broken.push({ id: entry.name, reason: (error as Error).message });
    }
  }
  scan.models.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id));
  scan.broken.sort((a, b) => a.id.localeCompare(b.id));
  return scan;
}

/** The readable models under `root`, sorted with the default first. */
export function listModelsIn(root: string): ModelInfo[] {
  return scanModels(root).models;
}

/** Finds a model in a scan; a broken one says why, an unknown one names the installed ones. */
export function findModel(scan: ModelScan, id: string): ModelInfo {
  const model = scan.models.find((m) => m.id === id);
  if (model) return model;
  const broken = scan.broken.find((m) => m.id === id);
  if (broken) throw new AppError("model_corrupt", `model "${id}" cannot be used: ${broken.reason}`);
  const known = scan.models.map((m) => m.id).join(", ") || "none (run `npm run models`)";
  throw new AppError("model_not_found", `unknown model ${describeId(id)}; installed models: ${known}`);
}

/** An id as an error message shows it: quoted, and cut so a hostile one cannot bloat the answer. */
export function describeId(id: string): string {
  return `"${id.length > 80 ? `${id.slice(0, 77)}...` : id}"`;
}
