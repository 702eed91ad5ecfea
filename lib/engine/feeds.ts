/**
 * What a graph is fed, built in one place from the inputs the graph declares (onnxruntime's inputMetadata):
 * each declared input is matched by one rule, which builds its tensor from the batch. A graph that declares an
 * input no rule knows is refused when it loads, naming the input. Tensors are plain data here; session.ts wraps
 * them for onnxruntime. Pure.
 */
import { AppError } from "../errors";
import { WEIGHTED_POOLINGS } from "../pooling/weights";
import type { BatchTensors } from "./batch";
import { POOL_WEIGHTS_INPUT } from "./pooled-graph.mjs";

/** An input as the graph declares it: name, element type, shape (symbolic dimensions as names, e.g. "batch_size"). */
export interface DeclaredInput {
  name: string;
  type?: string;
  shape?: readonly (number | string)[];
}

export interface Feed {
  type: "int64" | "float32" | "float16";
  /** float16 travels as raw IEEE half words (what onnxruntime-node takes for "float16"). */
  data: BigInt64Array | Float32Array | Uint16Array;
  dims: number[];
}

export interface FeedSource {
  batch: BatchTensors;
  /** A pooled graph's weights, [batch, 4, seq] (pooling/weights.ts); zeros when only last_hidden_state is wanted. */
  poolWeights?: Float32Array;
  /** A cached prompt the batch continues: its KV cache per past input, one row each (tiled to the batch here). */
  past?: PastCache;
}

/** A prompt's KV cache, as one forward pass over it returned it: past input name -> [1, kv_heads, tokens, head_dim]. */
export interface PastCache {
  tokens: number;
  tensors: Record<string, Feed>;
}

/** The present.N.key / .value outputs a KV-cache graph returns for past_key_values.N.key / .value. */
export function presentOutputFor(pastInput: string): string {
  return pastInput.replace(/^past_key_values\./, "present.");
}

interface FeedRule {
  /** What the rule feeds, as error messages name it. */
  name: string;
  matches(input: DeclaredInput): boolean;
  /** What is wrong with a matched input's declaration, if anything (checked when the graph loads). */
  check?(input: DeclaredInput): string | undefined;
  build(source: FeedSource, input: DeclaredInput): Feed;
}

const named = (name: string) => (input: DeclaredInput) => input.name === name;
const tokens = ({ batch }: FeedSource) => [batch.batch, batch.seq];

/** A decoder exported with its KV cache (optimum's, onnx-community's): past_key_values.<layer>.key / .value. */
const PAST = /^past_key_values\.\d+\.(key|value)$/;
const PAST_TYPES = ["float32", "float16"] as const;

/**
 * An empty cache: [batch, kv_heads, 0, head_dim] of the declared element type. With nothing in the past the
 * attention mask is the text's own, and the graph computes exactly what a graph without a cache does. kv_heads
 * and head_dim must be fixed numbers in the declared shape [batch, kv_heads, past_len, head_dim].
 */
function emptyPast(input: DeclaredInput): { type: (typeof PAST_TYPES)[number]; kvHeads: number; headDim: number } | string {
  const type = PAST_TYPES.find((t) => t === input.type);
  const [, kvHeads, , headDim] = input.shape ?? [];
  if (!type) return `${input.name} is declared ${input.type ?? "without a type"}, expected ${PAST_TYPES.join(" or ")}`;
  if (input.shape?.length !== 4 || typeof kvHeads !== "number" || typeof headDim !== "number") {
    return `${input.name} is declared [${(input.shape ?? []).join(", ")}], expected [batch, kv_heads, past_length, head_dim] with fixed kv_heads and head_dim`;
  }
  return { type, kvHeads, headDim };
}

const RULES: readonly FeedRule[] = [
  { name: "input_ids", matches: named("input_ids"), build: (s) => ({ type: "int64", data: s.batch.inputIds, dims: tokens(s) }) },
  {
    name: "attention_mask",
    matches: named("attention_mask"),
    build: ({ batch, past }) => {
      // With a cached prompt the mask covers it too: [batch, prompt + seq], the prompt attended in every row.
      const before = past?.tokens ?? 0;
      const data = new BigInt64Array(batch.batch * (before + batch.seq));
      for (let row = 0; row < batch.batch; row++) {
        const at = row * (before + batch.seq);
        data.fill(1n, at, at + before);
        for (let t = 0; t < batch.seq; t++) data[at + before + t] = BigInt(batch.attentionMask[row * batch.seq + t]);
      }
      return { type: "int64", data, dims: [batch.batch, before + batch.seq] };
    },
  },
  // One segment: BERT's second-sentence embedding is never used for a single text.
  { name: "token_type_ids", matches: named("token_type_ids"), build: (s) => ({ type: "int64", data: new BigInt64Array(s.batch.inputIds.length), dims: tokens(s) }) },
  { name: "position_ids", matches: named("position_ids"), build: (s) => ({ type: "int64", data: s.batch.positionIds, dims: tokens(s) }) },
  {
    name: "past_key_values.N.key/value (an empty cache)",
    matches: (input) => PAST.test(input.name),
    check: (input) => {
      const past = emptyPast(input);
      return typeof past === "string" ? past : undefined;
    },
    build: ({ batch, past: cache }, input) => {
      if (cache) return tileRows(cache.tensors[input.name], batch.batch, input.name);
      const past = emptyPast(input);
      if (typeof past === "string") throw new AppError("model_corrupt", past);
      const data = past.type === "float16" ? new Uint16Array(0) : new Float32Array(0);
      return { type: past.type, data, dims: [batch.batch, past.kvHeads, 0, past.headDim] };
    },
  },
  {
    name: POOL_WEIGHTS_INPUT,
    matches: named(POOL_WEIGHTS_INPUT),
    build: ({ batch, poolWeights }) => {
      const dims = [batch.batch, WEIGHTED_POOLINGS.length, batch.seq];
      return { type: "float32", data: poolWeights ?? new Float32Array(dims[0] * dims[1] * dims[2]), dims };
    },
  },
];

/** One cached row [1, ...] repeated for every row of the batch: [batch, ...]. */
function tileRows(feed: Feed | undefined, rows: number, name: string): Feed {
  if (!feed) throw new AppError("internal", `the cached prompt has no ${name}`);
  const data = new (feed.data.constructor as new (n: number) => Feed["data"])(feed.data.length * rows);
  for (let row = 0; row < rows; row++) (data as Float32Array).set(feed.data as Float32Array, row * feed.data.length);
  return { type: feed.type, data, dims: [rows, ...feed.dims.slice(1)] };
}

function ruleFor(input: DeclaredInput): FeedRule | undefined {
  return RULES.find((rule) => rule.matches(input));
}

/** Refuses a graph with an input the engine cannot feed. `graph` names it in the message. */
export function checkFeedable(inputs: readonly DeclaredInput[], graph: string): void {
  const unknown = inputs.filter((input) => !ruleFor(input)).map((input) => `"${input.name}"`);
  const wrong = inputs.map((input) => ruleFor(input)?.check?.(input)).filter((problem) => problem !== undefined);
  if (wrong.length) throw new AppError("model_corrupt", `${graph}: ${wrong[0]}`);
  if (unknown.length) {
    const known = RULES.filter((rule) => rule.name !== POOL_WEIGHTS_INPUT).map((rule) => rule.name);
    throw new AppError("model_corrupt", `${graph} wants input ${unknown.join(", ")}, which the engine does not provide; expected ${known.join(", ")}`);
  }
}

/** Every input the graph declares, built from one batch. */
export function buildFeeds(inputs: readonly DeclaredInput[], source: FeedSource): Record<string, Feed> {
  const feeds: Record<string, Feed> = {};
  for (const input of inputs) {
    const rule = ruleFor(input);
    if (!rule) throw new AppError("model_corrupt", `the graph wants an input "${input.name}" the engine does not provide`);
    feeds[input.name] = rule.build(source, input);
  }
  return feeds;
}
