/**
 * POST /api/kb: embed a knowledge base under every pooling and keep it server-side (answers NDJSON: KbEvent).
 * Give `entries` (one per entry) or `document` (text, or a file's bytes in base64 with its name) with `chunking`.
 */
import { z } from "zod";
import { CHUNK_METHODS, DOCUMENT_FORMATS } from "../../kb/document/types";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from "../../kb/document/limits";
import type { KbInput } from "../../kb/types";
import { ERROR_CODE_PARAM, idField, stringList } from "./fields";

export { CHUNK_DEFAULTS, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from "../../kb/document/limits";
export { CHUNK_METHODS, DOCUMENT_FORMATS } from "../../kb/document/types";
export type { Block, ChunkingSpec, ChunkMethod, ChunkReport, ChunkSpan, DocumentFormat, DocumentSource, EntryMetadata, PageSpan, ParsedDocument } from "../../kb/document/types";

/**
 * A POST /api/kb body may be this big: a MAX_DOCUMENT_BYTES file in base64 (4/3 of its size) with room to spare,
 * or MAX_DOCUMENT_CHARS of Chinese text (3 bytes a character in UTF-8).
 */
export const MAX_KB_BODY_BYTES = 32 * 1024 * 1024;

const fmt = (n: number) => n.toLocaleString("en");
const tokensField = (what: string) => z.int({ error: `expected ${what} as a whole number of tokens` }).min(0, { error: `expected ${what} of at least 0 tokens` });

export const chunkingSchema = z.strictObject(
  {
    method: z.enum(CHUNK_METHODS, { error: `expected one of ${CHUNK_METHODS.join(", ")}` }),
    /** Tokens per chunk (tokens, recursive); at most the model's window. */
    size: tokensField("the chunk size").optional(),
    /** Tokens shared by consecutive windows (tokens). */
    overlap: tokensField("the overlap").optional(),
  },
  { error: 'expected {"method": "sentences" | "paragraphs" | "tokens" | "recursive", "size"?, "overlap"?}' },
);

export const documentSchema = z
  .strictObject(
    {
      text: z
        .string({ error: "expected the document's text as a string" })
        .refine((text) => text.length <= MAX_DOCUMENT_CHARS, {
          error: (issue) => `expected a document of at most ${fmt(MAX_DOCUMENT_CHARS)} characters, got ${fmt(String(issue.input).length)}`,
          params: { [ERROR_CODE_PARAM]: "too_large" },
        })
        .optional(),
      base64: z
        .string({ error: "expected the file's bytes in base64, as a string" })
        .refine((base64) => base64.length <= Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, {
          error: (issue) => `expected a file of at most ${fmt(MAX_DOCUMENT_BYTES / 1024 / 1024)} MB, got ${((String(issue.input).length * 3) / 4 / 1024 / 1024).toFixed(1)} MB`,
          params: { [ERROR_CODE_PARAM]: "too_large" },
        })
        .optional(),
      name: z.string({ error: "expected the file name as a string" }).max(255, { error: "expected a file name of at most 255 characters" }).optional(),
      format: z.enum(DOCUMENT_FORMATS, { error: `expected one of ${DOCUMENT_FORMATS.join(", ")}` }).optional(),
      textField: z.string().max(200).optional(),
    },
    { error: 'expected {"text"} or {"base64", "name"}, with "format"? and "textField"?' },
  )
  .refine((doc) => (doc.text === undefined) !== (doc.base64 === undefined), {
    error: (issue) => `expected either \`text\` or \`base64\` (a file's bytes, with its name), got ${(issue.input as { text?: unknown }).text === undefined ? "neither" : "both"}`,
  });

export const kbRequestSchema = z
  .object({
    /** @default the default model */
    model: idField("a model id such as all-MiniLM-L6-v2").optional(),
    /** One knowledge-base entry each; blank, symbol-only and duplicate entries are dropped and reported. */
    entries: stringList({ list: "expected an array of strings, one knowledge-base entry each", element: "expected each entry to be a string" }).optional(),
    document: documentSchema.optional(),
    /** @default {"method": "recursive"} */
    chunking: chunkingSchema.optional(),
  })
  .refine((body) => (body.entries === undefined) !== (body.document === undefined), {
    error: (issue) => `expected either \`entries\` (one per entry) or \`document\` (to chunk), got ${(issue.input as { entries?: unknown }).entries === undefined ? "neither" : "both"}`,
  })
  .refine((body) => body.chunking === undefined || body.document !== undefined, { error: "`chunking` applies to a `document`: expected it only beside one" }) satisfies z.ZodType<KbInput>;

export type KbRequest = z.input<typeof kbRequestSchema>;
