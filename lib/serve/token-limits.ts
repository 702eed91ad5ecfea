/**
 * The token limits of the embedding API, in TEI's two stages: a cheap bound from the text's length first (a
 * token covers at least one UTF-8 byte), and the exact count (the tokenizer, in the model's worker) only when
 * that bound cannot rule a limit out. Server-only.
 */
import "server-only";
import type { EmbeddingEngine, TextKind } from "../engine";
import { AppError } from "../errors";
import { MAX_CLIENT_BATCH_SIZE, MAX_INPUT_CHARS, MAX_REQUEST_TOKENS } from "./limits";

// Special tokens a post-processor may add around a text ([CLS] ... [SEP], BOS/EOS): generous.
const SPECIAL_ALLOWANCE = 4;
const fmt = (n: number) => n.toLocaleString("en");
const utf8 = new TextEncoder();

/**
 * Refuses a request over the limits: more than MAX_CLIENT_BATCH_SIZE inputs or an input over MAX_INPUT_CHARS
 * (too_large), an input over the model's window when `truncate` is off (invalid_input), more than
 * MAX_REQUEST_TOKENS tokens after truncation (too_large). Answers the milliseconds spent counting tokens.
 */
export async function checkTokenLimits(engine: EmbeddingEngine, texts: readonly string[], kind: TextKind, truncate: boolean): Promise<number> {
  if (texts.length > MAX_CLIENT_BATCH_SIZE) {
    throw new AppError("too_large", `Too many inputs: expected at most ${fmt(MAX_CLIENT_BATCH_SIZE)} per request, got ${fmt(texts.length)}.`);
  }
  const long = texts.findIndex((text) => text.length > MAX_INPUT_CHARS);
  if (long >= 0) {
    throw new AppError("too_large", `Input ${long} is too long: expected at most ${fmt(MAX_INPUT_CHARS)} characters, got ${fmt(texts[long].length)}.`);
  }
  const { model } = engine.info;
  const prompt = model.prompts[kind] ?? "";
  const bounds = texts.map((text) => utf8.encode(prompt + text).length + SPECIAL_ALLOWANCE);
  const fits = (counts: number[]) => counts.every((n) => n <= model.maxTokens);
  const total = (counts: number[]) => counts.reduce((sum, n) => sum + Math.min(n, model.maxTokens), 0);
  if ((truncate || fits(bounds)) && total(bounds) <= MAX_REQUEST_TOKENS) return 0;

  const started = performance.now();
  const counts = await engine.countTokens(texts.map((text) => prompt + text));
  if (!truncate) {
    const over = counts.findIndex((n) => n > model.maxTokens);
    if (over >= 0) {
      throw new AppError(
        "invalid_input",
        `Input ${over} is too long for ${model.id}: expected at most ${fmt(model.maxTokens)} tokens, got ${fmt(counts[over])}. Send truncate: true to keep its first ${fmt(model.maxTokens)}.`,
        { param: "input" },
      );
    }
  }
  const tokens = total(counts);
  if (tokens > MAX_REQUEST_TOKENS) {
    throw new AppError("too_large", `Too many tokens: expected at most ${fmt(MAX_REQUEST_TOKENS)} per request (after truncation), got ${fmt(tokens)}. Split the inputs over several requests.`);
  }
  return performance.now() - started;
}
