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

/**
 * PostgreSQL text cannot hold U+0000: a NUL is refused where it arrives (422), not after the work it would cost
 * (an entire knowledge base embedded) and a failed save.
 */
export const NO_NUL_MESSAGE = "expected text without NUL characters (U+0000), which the store cannot keep";

/** Control characters C0 and DEL: never part of an id or a name. */
const CONTROL = /[\u0000-\u001f\u007f]/;

// Whitespace, zero-width spaces and joiners, direction marks, the BOM, other format and control characters, and
// the blank fillers of Hangul and Braille: none of them shows on screen.
const NOT_VISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;

/** Whether `text` has a character a person can see. */
export function hasVisibleCharacter(text: string): boolean {
  return text.replace(NOT_VISIBLE, "").length > 0;
}

/** An array of strings; elements that are not strings, or hold a NUL, are reported up to MAX_ELEMENT_ISSUES, then counted. */
export function stringList(messages: { list: string; element: string }) {
  return z
    .array(z.unknown(), { error: messages.list })
    .superRefine((list, ctx) => {
      let shown = 0;
      let moreNotStrings = 0;
      let moreNul = 0;
      for (let i = 0; i < list.length; i++) {
        const element = list[i];
        const isString = typeof element === "string";
        if (isString && !element.includes("\u0000")) continue;
        if (shown >= MAX_ELEMENT_ISSUES) {
          if (isString) moreNul++;
          else moreNotStrings++;
          continue;
        }
        shown++;
        const message = isString ? `${NO_NUL_MESSAGE}, got one at character ${element.indexOf("\u0000")}` : messages.element;
        ctx.addIssue({ code: "custom", message, path: [i], input: isString ? undefined : element });
      }
      if (moreNotStrings > 0) ctx.addIssue({ code: "custom", message: `${moreNotStrings} more elements are not strings either`, input: undefined });
      if (moreNul > 0) ctx.addIssue({ code: "custom", message: `${moreNul} more elements hold a NUL too`, input: undefined });
    })
    .transform((list) => list as string[]);
}

/**
 * An id (model folder, kbId): non-empty and short, so no lookup or message ever carries a megabyte of it, and
 * without control characters (a NUL would reach the database).
 */
export function idField(what: string) {
  return z
    .string({ error: `expected ${what}` })
    .min(1, { error: `expected ${what}` })
    .max(MAX_ID_CHARS, { error: (issue) => `expected ${what} of at most ${MAX_ID_CHARS} characters, got ${String(issue.input).length}` })
    .refine((id) => !CONTROL.test(id), { error: (issue) => `expected ${what}, without control characters such as NUL (U+0000); one is at character ${String(issue.input).search(CONTROL)}` });
}

/** A display name: trimmed, 1 to `max` characters, at least one of them visible, no control characters. */
export function nameField(max: number, expected: string) {
  return z
    .string({ error: expected })
    .trim()
    .max(max, { error: (issue) => `expected a name of at most ${max} characters, got ${String(issue.input).length}` })
    .refine(hasVisibleCharacter, { error: "expected a name with at least one visible character (zero-width and blank characters do not count)" })
    .refine((name) => !CONTROL.test(name), { error: "expected a name without control characters such as NUL (U+0000) or line breaks" });
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
