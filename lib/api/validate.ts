/**
 * Request bodies in, typed values out: a byte bound before parsing, JSON parsing with a clear message, zod
 * validation whose messages say what was expected and what was given.
 */
import type { z } from "zod";
import { AppError, describeValue, type ErrorCode } from "../errors";
import { ERROR_CODE_PARAM } from "./contract/fields";
import { MAX_BODY_BYTES, MAX_ECHO_CHARS, MAX_ERROR_ISSUES } from "./contract/limits";
import { checkContentType } from "./guards";

/**
 * Reads a JSON body of at most `maxBytes`, refusing a bigger one before it is all in memory, and one that is
 * not declared application/json (415) before reading it at all.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  checkContentType(request.headers.get("content-type"));
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(declared, maxBytes);
  const bytes = await readBounded(request, maxBytes);
  if (bytes.length === 0) {
    throw new AppError("invalid_input", "Expected a JSON request body, got an empty body.");
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new AppError("invalid_input", `Expected a JSON request body, got text that is not JSON (${(error as Error).message}).`);
  }
}

async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(undefined, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** `given` undefined: the body was streamed without a length, and reading stopped at the limit. */
function tooLarge(given: number | undefined, max: number): AppError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new AppError(
    "too_large",
    `The request body is too large: expected at most ${mb(max)}, got ${given === undefined ? `more than ${mb(max)}` : mb(given)}. ` +
      "Split the knowledge base into smaller ones.",
  );
}

/** Validates with zod; on failure throws the AppError of zodAppError. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw zodAppError(result.error);
}

/**
 * A failed validation as one AppError: the error code its issues carry when every one carries the same (an
 * unknown pooling is unknown_pooling, a blank query empty_input; their messages are whole sentences), else
 * invalid_input listing every problem.
 */
export function zodAppError(error: z.ZodError): AppError {
  const param = paramOf(error);
  const codes = new Set(error.issues.map(codeOf));
  const [code] = codes;
  if (codes.size === 1 && code !== undefined) return new AppError(code, error.issues.map((issue) => issue.message).join(" "), { param });
  return new AppError("invalid_input", formatZodError(error), { param });
}

function codeOf(issue: z.core.$ZodIssue): ErrorCode | undefined {
  return issue.code === "custom" ? (issue.params?.[ERROR_CODE_PARAM] as ErrorCode | undefined) : undefined;
}

/** The field the first problem is about, e.g. "input[3]" (OpenAI's error `param`); null for the body as a whole. */
export function paramOf(error: z.ZodError): string | null {
  const path = error.issues[0]?.path ?? [];
  return path.length ? pathOf(path.slice(0, 8)) : null;
}

/**
 * "`topK`: expected an integer from 1 to 100, got 0 (number). `query`: ..." Bounded whatever the input: at most
 * MAX_ERROR_ISSUES issues, each cut to a few hundred characters.
 */
export function formatZodError(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ERROR_ISSUES).map(formatIssue);
  const more = error.issues.length - shown.length;
  return shown.join(" ") + (more > 0 ? ` And ${more} more problems.` : "");
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `\`${cut(pathOf(issue.path.slice(0, 8)), 100)}\`: ` : "The request body: ";
  // zod's own type messages already say what was received; ours say what was given when they do not.
  const given = "input" in issue && !/received|, got /.test(issue.message) ? `, got ${describeGiven(issue.input)}` : "";
  return `${where}${cut(issue.message, MAX_ECHO_CHARS * 2)}${given}.`;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function describeGiven(input: unknown): string {
  if (input === undefined) return "nothing";
  if (typeof input === "object" && input !== null && !Array.isArray(input)) return "an object";
  return describeValue(input);
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`)).join("");
}
