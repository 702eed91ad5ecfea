/**
 * Zod building blocks shared by the request schemas, each bounded in the work a hostile body can cause: a list
 * of 5,000,000 numbers is one pass and a handful of issues, never 5,000,000 issues.
 */
import { z } from "zod";
import { describeValue, type ErrorCode } from "../../errors";
import { isPooling, POOLINGS, type Pooling } from "../../pooling/strategies";
import { MAX_CLIENT_BATCH_SIZE, MAX_ID_CHARS, MAX_QUERY_CHARS } from "./limits";

/**
 * An issue whose `params` carry this key is answered with that error code instead of invalid_input, when every
 * issue of the request carries the same one (validate.ts): an unknown pooling is `unknown_pooling`, a blank
 * query `empty_input`, as clients read them.
 */
export const ERROR_CODE_PARAM = "errorCode";

function coded(code: ErrorCode): Record<string, ErrorCode> {
  return { [ERROR_CODE_PARAM]: code };
}

/** A bad list reports at most this many bad elements; the rest are summed up in one last issue. */
export const MAX_ELEMENT_ISSUES = 5;

/** An array of strings; elements that are not strings are reported up to MAX_ELEMENT_ISSUES, then counted. */
export function stringList(messages: { list: string; element: string }) {
  return z
    .array(z.unknown(), { error: messages.list })
    .superRefine((list, ctx) => {
      let bad = 0;
      for (let i = 0; i < list.length; i++) {
        if (typeof list[i] === "string") continue;
        bad++;
        if (bad <= MAX_ELEMENT_ISSUES) ctx.addIssue({ code: "custom", message: messages.element, path: [i], input: list[i] });
      }
      if (bad > MAX_ELEMENT_ISSUES) {
        ctx.addIssue({ code: "custom", message: `${bad - MAX_ELEMENT_ISSUES} more elements are not strings either`, input: undefined });
      }
    })
    .transform((list) => list as string[]);
}

/** An id (model folder, kbId): non-empty and short, so no lookup or message ever carries a megabyte of it. */
export function idField(what: string) {
  return z
    .string({ error: `expected ${what}` })
    .min(1, { error: `expected ${what}` })
    .max(MAX_ID_CHARS, { error: (issue) => `expected ${what} of at most ${MAX_ID_CHARS} characters, got ${String(issue.input).length}` });
}

/** A query: a string of at most MAX_QUERY_CHARS, the limit and the length given both in the message. */
export function queryField(expected: string) {
  return z
    .string({ error: expected })
    .max(MAX_QUERY_CHARS, { error: (issue) => `expected a query of at most ${MAX_QUERY_CHARS.toLocaleString("en")} characters, got ${String(issue.input).length.toLocaleString("en")}` });
}

// Zero-width spaces, joiners, direction marks, BOM and other format or control characters: nothing to embed.
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

/**
 * A query to search with: a queryField with something to embed in it (not only whitespace or invisible
 * characters, else `empty_input`), trimmed.
 */
export function searchQueryField(expected: string) {
  return queryField(expected)
    .refine((query) => query.replace(INVISIBLE, "").trim() !== "", {
      error: "The query is empty: expected some text to search for, got only whitespace or invisible characters.",
      params: coded("empty_input"),
    })
    .transform((query) => query.trim());
}

/** "Unknown pooling "avg" (string): expected one of cls, mean, ..." */
function unknownPoolings(names: readonly string[]): string {
  return `Unknown pooling ${names.map((name) => describeValue(name)).join(", ")}: expected one of ${POOLINGS.join(", ")}.`;
}

/** One pooling name from the closed list (else `unknown_pooling`, the message listing the valid ones). */
export function poolingField(expected: string, maxChars: number) {
  return z
    .string({ error: expected })
    .max(maxChars, { error: `expected a pooling name of at most ${maxChars} characters` })
    .refine(isPooling, { error: (issue) => unknownPoolings([String(issue.input)]), params: coded("unknown_pooling") })
    .transform((name) => name as Pooling);
}

/** 1 to `max` pooling names from the closed list (else `unknown_pooling`), repeats merged, in the order given. */
export function poolingListField(max: number, maxMessage: string) {
  return z
    .array(z.string({ error: "expected pooling names as strings" }), { error: 'expected an array of pooling names such as ["cls", "mean"]' })
    .min(1, { error: "expected at least one pooling name" })
    .max(max, { error: maxMessage })
    .superRefine((names, ctx) => {
      const unknown = names.filter((name) => !isPooling(name));
      if (unknown.length) ctx.addIssue({ code: "custom", message: unknownPoolings(unknown), params: coded("unknown_pooling"), input: undefined });
    })
    .transform((names) => [...new Set(names as Pooling[])]);
}

/**
 * `string | string[]` as OpenAI's `input` and TEI's `inputs` take it, always answered as a list: at most
 * MAX_CLIENT_BATCH_SIZE texts, bad elements reported up to MAX_ELEMENT_ISSUES. Token-id arrays (what LangChain's
 * Python OpenAIEmbeddings sends by default) are refused with a message that says how to send text instead.
 */
export function textInputs(field: string) {
  const expected = `expected a string or an array of 1 to ${MAX_CLIENT_BATCH_SIZE.toLocaleString("en")} strings`;
  return z.union([z.string(), z.array(z.unknown())], { error: expected }).superRefine((value, ctx) => {
    if (typeof value === "string") return;
    if (value.length === 0) ctx.addIssue({ code: "custom", message: `${expected}, got an empty array`, input: undefined });
    if (value.length > MAX_CLIENT_BATCH_SIZE) {
      ctx.addIssue({ code: "custom", message: `${expected}, got ${value.length.toLocaleString("en")} (split them over several requests)`, input: undefined });
      return;
    }
    let bad = 0;
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === "string") continue;
      if (++bad > MAX_ELEMENT_ISSUES) continue;
      const tokens = typeof value[i] === "number" || Array.isArray(value[i]);
      const message = tokens
        ? `expected text; token ids are not accepted, since this server tokenizes with each model's own tokenizer (LangChain: set check_embedding_ctx_length=False)`
        : `expected each of \`${field}\` to be a string`;
      ctx.addIssue({ code: "custom", message, path: [i], input: value[i] });
    }
    if (bad > MAX_ELEMENT_ISSUES) ctx.addIssue({ code: "custom", message: `${bad - MAX_ELEMENT_ISSUES} more elements are not strings either`, input: undefined });
  }).transform((value) => (typeof value === "string" ? [value] : (value as string[])));
}
