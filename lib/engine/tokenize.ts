import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { AppError } from "../errors";
import { tokenSpans, type TokenSpan } from "./token-spans";
import type { ModelInfo, TextKind, Truncation, TruncationDirection } from "./types";

/** A text as token ids, after the prompt and truncation; `specials` marks [CLS], [SEP], EOS and the like. */
export interface EncodedText {
  ids: number[];
  specials: Uint8Array;
}

export interface TextTokenizer {
  encode(text: string): number[];
  isSpecial(id: number): boolean;
  padId: number;
  /** How a token reads on its own: the vocabulary string for WordPiece ("##ing"), the decoded text for byte-level BPE. */
  tokenText(id: number): string;
  /** Each token with its offsets in `text` (for /tokenize); not truncated. */
  spans(text: string, addSpecialTokens: boolean): TokenSpan[];
}

interface AddedTokenJson {
  id: number;
  content: string;
  special?: boolean;
}

export function loadTokenizer(model: ModelInfo): TextTokenizer {
  let tokenizerJson: { added_tokens?: AddedTokenJson[] };
  let tokenizerConfig: Record<string, unknown>;
  try {
    tokenizerJson = JSON.parse(readFileSync(join(model.dir, "tokenizer.json"), "utf8"));
    tokenizerConfig = JSON.parse(readFileSync(join(model.dir, "tokenizer_config.json"), "utf8"));
  } catch (error) {
    throw new AppError("model_corrupt", `could not read the tokenizer of ${model.id}: ${(error as Error).message}`);
  }
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const specialIds = new Set((tokenizerJson.added_tokens ?? []).filter((t) => t.special).map((t) => t.id));
  const padToken = typeof tokenizerConfig.pad_token === "string" ? tokenizerConfig.pad_token : undefined;
  const modelJson = (tokenizerJson as { model?: { unk_token?: string; continuing_subword_prefix?: string } }).model;
  const normalizeChar = (char: string) => tokenizer.normalizer?.normalize(char) ?? char;
  return {
    encode: (text) => tokenizer.encode(text).ids,
    isSpecial: (id) => specialIds.has(id),
    tokenText: (id) => {
      const token = tokenizer.id_to_token(id) ?? "";
      // Byte-level BPE spells a space as "Ġ" and SentencePiece as "▁": decoding shows the reader the text instead.
      return /^[Ġ▁]|[\u0100-\u017f]/.test(token) ? tokenizer.decode([id]) : token;
    },
    padId: (padToken === undefined ? undefined : tokenizer.token_to_id(padToken)) ?? 0,
    spans: (text, addSpecialTokens) => {
      const { ids, tokens } = tokenizer.encode(text, { add_special_tokens: addSpecialTokens });
      const raw = ids.map((id, i) => ({ id, token: tokens[i], special: specialIds.has(id), decoded: tokenizer.decode([id]) }));
      return tokenSpans(text, raw, { normalizeChar, unkToken: modelJson?.unk_token, continuingPrefix: modelJson?.continuing_subword_prefix });
    },
  };
}

export function promptFor(model: ModelInfo, kind: TextKind): string {
  return (kind === "query" ? model.prompts.query : model.prompts.document) ?? "";
}

/**
 * Cuts ids to `maxTokens`, keeping the special tokens the post-processor put at the end ([SEP], EOS) and, when
 * cutting from the left, at the start ([CLS]): a truncated text still starts and ends the way the model saw every
 * text in training. "right" drops content from the end (keeps the start), "left" from the start.
 */
export function truncateIds(ids: number[], maxTokens: number, isSpecial: (id: number) => boolean, direction: TruncationDirection = "right"): number[] {
  if (ids.length <= maxTokens) return ids;
  let suffix = 0;
  while (suffix < ids.length && suffix < maxTokens && isSpecial(ids[ids.length - 1 - suffix])) suffix++;
  if (direction === "right") return [...ids.slice(0, maxTokens - suffix), ...ids.slice(ids.length - suffix)];
  let prefix = 0;
  while (prefix < ids.length - suffix && prefix + suffix < maxTokens && isSpecial(ids[prefix])) prefix++;
  const content = maxTokens - prefix - suffix;
  return [...ids.slice(0, prefix), ...ids.slice(ids.length - suffix - content, ids.length - suffix), ...ids.slice(ids.length - suffix)];
}

/** Tokenizes texts with the prompt for their kind, truncating to the model's max and reporting what was cut. */
export function encodeTexts(
  tokenizer: TextTokenizer,
  model: ModelInfo,
  texts: readonly string[],
  kind: TextKind,
  direction: TruncationDirection = "right",
): { encoded: EncodedText[]; truncated: Truncation[] } {
  const prompt = promptFor(model, kind);
  const truncated: Truncation[] = [];
  const encoded = texts.map((text, index) => {
    const full = tokenizer.encode(prompt + text);
    const ids = truncateIds(full, model.maxTokens, tokenizer.isSpecial, direction);
    if (ids.length < full.length) truncated.push({ index, tokens: full.length, kept: ids.length, dropped: full.length - ids.length });
    return { ids, specials: Uint8Array.from(ids, (id) => (tokenizer.isSpecial(id) ? 1 : 0)) };
  });
  return { encoded, truncated };
}

/** Per text, its tokens with offsets into prompt + text (as TEI does with a prompt_name). Not truncated. */
export function spanTexts(tokenizer: TextTokenizer, model: ModelInfo, texts: readonly string[], kind: TextKind | undefined, addSpecialTokens: boolean): TokenSpan[][] {
  const prompt = kind ? promptFor(model, kind) : "";
  return texts.map((text) => tokenizer.spans(prompt + text, addSpecialTokens));
}
