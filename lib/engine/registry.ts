import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import type { Architecture, Graph, GraphInfo, ModelInfo } from "./types";

/** transformers.js file names for each graph, so a folder from the hub works unchanged. */
export const GRAPH_FILES: Record<Graph, string[]> = {
  fp32: ["onnx/model.onnx"],
  fp16: ["onnx/model_fp16.onnx"],
  int8: ["onnx/model_quantized.onnx", "onnx/model_int8.onnx"],
};

// Token limit when a model folder does not say less: BERT-style position tables stop at 512.
const MAX_TOKENS_CAP = 512;
const DECODER_MODEL_TYPES = new Set(["qwen3", "qwen2", "llama", "mistral", "gemma", "gemma2", "gemma3", "gpt2", "phi3"]);

type Json = Record<string, unknown>;

export function modelsDir(): string {
  // turbopackIgnore: a path built from the environment would make the bundler trace the whole project.
  return resolve(/*turbopackIgnore: true*/ process.env.SEMANTIC_RADAR_MODELS_DIR ?? join(/*turbopackIgnore: true*/ process.cwd(), "models"));
}

function readJson(path: string): Json | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Json;
  } catch (error) {
    throw new AppError("model_corrupt", `${path} is not valid JSON: ${(error as Error).message}`);
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

function graphsIn(dir: string): GraphInfo[] {
  const graphs: GraphInfo[] = [];
  for (const [graph, files] of Object.entries(GRAPH_FILES) as [Graph, string[]][]) {
    const file = files.find((f) => existsSync(join(dir, f)));
    if (file) graphs.push({ graph, file, bytes: statSync(join(dir, file)).size });
  }
  return graphs;
}

function positiveInt(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === "number" && Number.isInteger(v) && v > 0);
}

/** Describes one model folder from its Hugging Face layout files. */
export function describeModel(dir: string, id: string): ModelInfo {
  const config = readJson(join(dir, "config.json"));
  if (!config) throw new AppError("model_corrupt", `${dir} has no config.json; expected a model folder in Hugging Face layout`);
  const tokenizerConfig = readJson(join(dir, "tokenizer_config.json")) ?? {};
  const stConfig = readJson(join(dir, "config_sentence_transformers.json")) ?? {};
  const bertConfig = readJson(join(dir, "sentence_bert_config.json")) ?? {};
  const ours = readJson(join(dir, "semantic_radar.json")) ?? {};
  const architecture = architectureOf(config);
  const prompts = (stConfig.prompts as Record<string, string> | undefined) ?? {};
  const declaredMax = positiveInt(bertConfig.max_seq_length, tokenizerConfig.model_max_length, config.max_position_embeddings);
  return {
    id,
    dir,
    description: String(ours.description ?? `${config.model_type ?? "unknown"} model in ${dir}`),
    languages: (ours.languages as string[] | undefined) ?? [],
    isDefault: ours.default === true,
    architecture,
    modelType: String(config.model_type ?? "unknown"),
    hiddenSize: positiveInt(config.hidden_size, config.d_model) ?? 0,
    numLayers: positiveInt(config.num_hidden_layers, config.n_layer) ?? 0,
    maxTokens: Math.min(declaredMax ?? MAX_TOKENS_CAP, MAX_TOKENS_CAP),
    nativePooling: nativePoolingOf(readJson(join(dir, "1_Pooling", "config.json")), architecture),
    prompts: { query: prompts.query || undefined, document: prompts.document || prompts.passage || undefined },
    paddingSide: tokenizerConfig.padding_side === "left" ? "left" : "right",
    graphs: graphsIn(dir),
  };
}

/** Every model folder directly under `root` (folders with a config.json), sorted with the default first. */
export function listModelsIn(root: string): ModelInfo[] {
  if (!existsSync(root)) return [];
  const models = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "config.json")))
    .map((entry) => describeModel(join(root, entry.name), entry.name));
  return models.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id));
}

export function findModel(root: string, id: string): ModelInfo {
  const models = listModelsIn(root);
  const model = models.find((m) => m.id === id);
  if (!model) {
    const known = models.map((m) => m.id).join(", ") || "none (run `npm run models`)";
    throw new AppError("model_not_found", `unknown model "${id}"; installed models: ${known}`);
  }
  return model;
}
