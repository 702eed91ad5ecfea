/**
 * Explains one search score token by token. Server-only. Both texts are run through the model alone (the
 * engine's tokenStates), pooled here the way the search pooled them, and each token's part in the cosine is
 * measured: exactly for the mean poolings (a sum over tokens), by leave-one-out for CLS, last token and max.
 * Leave-one-out is bounded (MAX_LEAVE_ONE_OUT_TOKENS variants of each text) and scheduled so it cannot starve
 * searches: a few at a time (explain-gate.ts), their forward passes in the engine's background queue, in small
 * steps that run only when no query and no knowledge base waits.
 */
import "server-only";
import { processWide } from "../config";
import { admission, loadEngine, type EmbeddingEngine, type Permit, type TokenStates } from "../engine";
import { correctedMeanContributions } from "../pooling/corrected-attribution";
import { applyMap, type AffineMap } from "../pooling/corrections";
import type { Layer } from "../pooling/layers";
import { l2NormalizeRows } from "../pooling/normalize";
import { fittedMap } from "./rank-variant";
import { documentRows } from "./search-variant";
import { AppError } from "../errors";
import { dot, isAdditive, meanContributions, pooledUnit, withoutToken } from "../pooling/attribution";
import type { Pooling } from "../pooling/strategies";
import { prepareKb, throwIfCancelled } from "./build-kb";
import { ExplainGate } from "./explain-gate";
import { MAX_LEAVE_ONE_OUT_TOKENS, type ExplainedText, type ExplainInput, type Explanation } from "./explain-types";
import { kbRepository } from "./repository";

export async function explainScore(request: ExplainInput, signal?: AbortSignal): Promise<Explanation> {
  const started = performance.now();
  const { query, pooling } = request;
  const permit = admission().acquire();
  try {
    const { modelId, entries } = await knowledgeBaseOf(request);
    if (request.index >= entries.length) {
      throw new AppError("invalid_input", `expected an index from 0 to ${entries.length - 1} (the knowledge base has ${entries.length} entries), got ${request.index}`);
    }
    const entry = entries[request.index];
    const engine = await loadEngine(modelId);
    throwIfCancelled(signal);
    const { layer } = request;
    const [queryStates] = await engine.tokenStates([query], { kind: "query", layer });
    const [entryStates] = await engine.tokenStates([entry], { kind: "document", layer });
    // The correction the search applied, fitted on the same knowledge base at the same layer.
    const map = request.correction && request.correction !== "none" ? await correctionOf(request, entries, engine, permit, signal) : undefined;
    const statesMs = performance.now() - started;
    const unit = (rows: Float32Array) => (map ? l2NormalizeRows(applyMap(map, rows), map.outDims) : rows);
    const q = unit(pooledUnit(queryStates, pooling));
    const e = unit(pooledUnit(entryStates, pooling));
    const score = dot(q, e);
    const additive = isAdditive(pooling);
    const meanTerms = (states: TokenStates, other: Float32Array) =>
      map ? correctedMeanContributions(states, pooling as "mean", map, other) : meanContributions(states, pooling as "mean", other);
    const [queryTerms, entryTerms] = additive
      ? [meanTerms(queryStates, e), meanTerms(entryStates, q)]
      : await explainGate().run(() => Promise.all([leaveOneOut(engine, queryStates, { pooling, layer, unit }, e, score, signal), leaveOneOut(engine, entryStates, { pooling, layer, unit }, q, score, signal)]), signal);
    return {
      model: modelId,
      pooling,
      index: request.index,
      score,
      method: additive ? "exact-mean" : "leave-one-out",
      methodNote: additive
        ? `exact: ${pooling} pooling is an average of token vectors, so the cosine is a sum of one term per token (each side uses the other side's unit vector); the terms add up to the score`
        : `leave-one-out: ${pooling} pooling is no sum over tokens, so each token's value is the score minus the score with that token removed and the text embedded again (at most ${MAX_LEAVE_ONE_OUT_TOKENS} tokens of each text; special tokens are kept)`,
      ...(map || layer !== undefined ? { variantNote: `layer ${layer ?? engine.info.model.numLayers}, correction ${request.correction ?? "none"} fitted on this knowledge base: an affine map, so a mean pooling's terms still add up to the score` } : {}),
      query: explained(query, queryStates, queryTerms),
      entry: explained(entry, entryStates, entryTerms),
      timings: { statesMs, totalMs: performance.now() - started },
    };
  } finally {
    permit.release();
  }
}

/** The server's one gate on leave-one-out work. */
export function explainGate(): ExplainGate {
  return processWide("explain-gate", () => new ExplainGate());
}

/** A kbId is looked up in memory, then in the store (a saved knowledge base is explained after a restart too). */
async function knowledgeBaseOf(request: ExplainInput): Promise<{ modelId: string; entries: string[] }> {
  if (request.kbId) {
    const { kb } = await kbRepository().find(request.kbId);
    if (request.model && request.model !== kb.modelId) {
      throw new AppError("invalid_input", `expected the knowledge base's model ${kb.modelId} (or no model), got ${request.model}`);
    }
    return { modelId: kb.modelId, entries: kb.entries };
  }
  const prepared = prepareKb({ model: request.model, entries: request.entries ?? [] });
  return { modelId: prepared.model.id, entries: prepared.entries };
}

/**
 * Per token, the score minus the score with that token left out (the other side's vector fixed). Special tokens
 * stay (the model never sees a text without them); tokens past the cap read null. One batched embedTokens call.
 */
interface LeaveOneOutWay {
  pooling: Pooling;
  layer?: Layer;
  /** Unit rows [count, dims] to the vectors the search compares (corrected, when it corrected). */
  unit: (rows: Float32Array) => Float32Array;
}

async function leaveOneOut(engine: EmbeddingEngine, states: TokenStates, { pooling, layer, unit }: LeaveOneOutWay, other: Float32Array, score: number, signal?: AbortSignal): Promise<(number | null)[]> {
  const positions = states.specials.flatMap((special, t) => (special ? [] : [t])).slice(0, MAX_LEAVE_ONE_OUT_TOKENS);
  // A text of one content token cannot lose it and still be a text.
  if (positions.length < 2) return states.specials.map((special) => (special ? 0 : null));
  const variants = positions.map((t) => ({ ids: withoutToken(states.ids, t), specials: withoutToken(states.specials, t) }));
  const { embeddings } = await engine.embedTokens(variants, { poolings: [pooling], layer, signal, background: true });
  const rows = unit(embeddings[pooling]!); // [variants, dims]
  const dims = other.length;
  const terms: (number | null)[] = states.specials.map((special) => (special ? 0 : null));
  positions.forEach((t, v) => (terms[t] = score - dot(rows.subarray(v * dims, (v + 1) * dims), other)));
  return terms;
}

/** The correction fitted on the knowledge base's vectors of this pooling at this layer (rank-variant.ts's fit). */
async function correctionOf(request: ExplainInput, entries: readonly string[], engine: EmbeddingEngine, permit: Permit, signal?: AbortSignal): Promise<AffineMap | undefined> {
  const id = request.kbId ?? `entries\u0000${engine.info.model.id}\u0000${entries.join("\n")}`;
  const docs = await documentRows(id, entries, engine, request.layer ?? engine.info.model.numLayers, permit, signal);
  return fittedMap(docs.rows[request.pooling]!, docs.dims, request.correction!);
}

function explained(text: string, states: TokenStates, terms: readonly (number | null)[]): ExplainedText {
  const tokens = states.tokens.map((token, t) => ({ text: token, contribution: terms[t], special: states.specials[t] }));
  return { text, tokens, total: terms.reduce<number>((sum, term) => sum + (term ?? 0), 0) };
}
