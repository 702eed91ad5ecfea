/** TEI's /tokenize: each input's tokens with ids and offsets, from the model's own tokenizer in its worker. Server-only. */
import "server-only";
import type { TextKind, TokenSpan } from "../engine";
import { AppError } from "../errors";
import { MAX_CLIENT_BATCH_SIZE, MAX_INPUT_CHARS } from "./limits";
import { openEngine, requireModel, type ServeTimings } from "./embed-texts";

export interface TokenizedTexts {
  model: string;
  tokens: TokenSpan[][];
  timings: ServeTimings;
}

export async function tokenizeTexts(request: { model?: string; texts: readonly string[]; kind?: TextKind; addSpecialTokens?: boolean }): Promise<TokenizedTexts> {
  const started = performance.now();
  const model = requireModel(request.model);
  if (request.texts.length > MAX_CLIENT_BATCH_SIZE) {
    throw new AppError("too_large", `Too many inputs: expected at most ${MAX_CLIENT_BATCH_SIZE.toLocaleString("en")} per request, got ${request.texts.length.toLocaleString("en")}.`);
  }
  const long = request.texts.findIndex((text) => text.length > MAX_INPUT_CHARS);
  if (long >= 0) throw new AppError("too_large", `Input ${long} is too long: expected at most ${MAX_INPUT_CHARS.toLocaleString("en")} characters, got ${request.texts[long].length.toLocaleString("en")}.`);
  const { engine, permit } = await openEngine(model);
  try {
    const asked = performance.now();
    const tokens = await engine.tokenSpans(request.texts, { kind: request.kind, addSpecialTokens: request.addSpecialTokens ?? true });
    const tokenizeMs = performance.now() - asked;
    return { model: model.id, tokens, timings: { tokenizeMs, queueMs: 0, inferenceMs: 0, totalMs: performance.now() - started } };
  } finally {
    permit.release();
  }
}
