/**
 * One way in for every document format: text formats from a string, PDF and Word from bytes. Checks the size
 * of what comes out. Runs in the document worker (lib/kb/document-worker.ts).
 */
import { AppError } from "../../errors";
import { BINARY_FORMATS } from "./format";
import { MAX_DOCUMENT_CHARS } from "./limits";
import { parseDocx } from "./parse-docx";
import { parseHtml } from "./parse-html";
import { parseMarkdown } from "./parse-markdown";
import { parsePdf } from "./parse-pdf";
import { parseDelimited, parseJsonLines } from "./parse-records";
import { parseText } from "./parse-text";
import type { DocumentFormat, ParsedDocument } from "./types";

export interface DocumentInput {
  format: DocumentFormat;
  name?: string;
  /** The document as text (text, markdown, html, csv, tsv, jsonl). */
  text?: string;
  /** The file's bytes (any format; pdf and docx only this way). */
  bytes?: Uint8Array;
  /** The column (csv, tsv) or field (jsonl) holding the text. @default guessed from its name or length */
  textField?: string;
}

export async function parseDocument(input: DocumentInput): Promise<ParsedDocument> {
  const { format, name } = input;
  const parsed = BINARY_FORMATS.includes(format) ? await parseBinary(format, bytesOf(input), name) : parseTextual(format, textOf(input), name, input.textField);
  if (parsed.text.length > MAX_DOCUMENT_CHARS) {
    throw new AppError("too_large", `${name ?? "The document"} is too long: expected at most ${MAX_DOCUMENT_CHARS.toLocaleString("en")} characters of text, got ${parsed.text.length.toLocaleString("en")}.`);
  }
  if (parsed.blocks.length === 0) {
    throw new AppError("empty_input", `${name ?? "The document"} has no text: expected some words to search.`);
  }
  return parsed;
}

function parseBinary(format: DocumentFormat, bytes: Uint8Array, name?: string): Promise<ParsedDocument> {
  return format === "pdf" ? parsePdf(bytes, name) : parseDocx(bytes, name);
}

function parseTextual(format: DocumentFormat, text: string, name?: string, textField?: string): ParsedDocument {
  switch (format) {
    case "markdown":
      return parseMarkdown(text, name);
    case "html":
      return parseHtml(text, name);
    case "csv":
    case "tsv":
      return parseDelimited(text, format, name, textField);
    case "jsonl":
      return parseJsonLines(text, name, textField);
    default:
      return parseText(text, name);
  }
}

function bytesOf(input: DocumentInput): Uint8Array {
  if (input.bytes) return input.bytes;
  throw new AppError("invalid_input", `A ${input.format} document comes as a file: expected "base64" (the file's bytes) with its "name", got text.`);
}

function textOf(input: DocumentInput): string {
  if (input.text !== undefined) return input.text;
  const bytes = input.bytes ?? new Uint8Array();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_input", `${input.name ?? "The file"} is not UTF-8 text: expected a ${input.format} file saved as UTF-8.`);
  }
}
