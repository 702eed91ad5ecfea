/**
 * A document to the entries of a knowledge base: parsed in the document worker, its pieces counted by the
 * model's own tokenizer (in the model's worker, EmbeddingEngine.countTokens), chunked in the document worker.
 * Server-only.
 */
import "server-only";
import type { EmbeddingEngine } from "../engine";
import { AppError } from "../errors";
import type { ChunkedDocument } from "./chunk/chunk-document";
import { documentFormatOf } from "./document/format";
import { MAX_DOCUMENT_BYTES } from "./document/limits";
import type { ChunkingSpec, DocumentSource, ParsedDocument } from "./document/types";
import { chunkInWorker, parseInWorker } from "./document-pool";
import type { DocumentKbInput } from "./types";

export interface ChunkedKbDocument {
  doc: ParsedDocument;
  chunked: ChunkedDocument;
  source: DocumentSource;
  timings: { parseMs: number; countMs: number; chunkMs: number };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The document's bytes from base64, refused over MAX_DOCUMENT_BYTES before decoding. */
export function documentBytes(base64: string, name?: string): Uint8Array {
  const size = Math.floor((base64.length * 3) / 4);
  if (size > MAX_DOCUMENT_BYTES) {
    throw new AppError("too_large", `${name ?? "The file"} is too large: expected at most ${mb(MAX_DOCUMENT_BYTES)}, got ${mb(size)}.`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64.replace(/\s+/g, ""))) {
    throw new AppError("invalid_input", "`document.base64`: expected the file's bytes in base64 (A-Z, a-z, 0-9, +, /, = padding).");
  }
  const bytes = Buffer.from(base64, "base64");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export async function chunkKbDocument(input: DocumentKbInput, chunking: ChunkingSpec, engine: EmbeddingEngine): Promise<ChunkedKbDocument> {
  const { document } = input;
  const isFile = document.base64 !== undefined;
  const format = documentFormatOf(document.format, document.name, isFile);
  const bytes = isFile ? documentBytes(document.base64!, document.name) : undefined;
  let started = performance.now();
  const { doc, keys } = await parseInWorker({ format, name: document.name, text: document.text, bytes, textField: document.textField });
  const parseMs = performance.now() - started;

  started = performance.now();
  const { model } = engine.info;
  // Tokens with no text: the special tokens every text gets; with the document prompt: those and the prompt's.
  const [specials, overhead, ...counts] = await engine.countTokens(["", model.prompts.document ?? "", ...keys]);
  const countMs = performance.now() - started;

  started = performance.now();
  const budget = { window: model.maxTokens, overhead };
  const chunked = await chunkInWorker({ doc, spec: chunking, keys, counts: counts.map((n) => n - specials), budget, modelId: model.id });
  const chunkMs = performance.now() - started;
  const resolved: ChunkingSpec = { method: chunked.report.method, ...(chunked.report.size !== undefined ? { size: chunked.report.size, overlap: chunked.report.overlap } : {}) };
  return { doc, chunked, source: { document: doc, chunking: resolved, chunks: chunked.chunks }, timings: { parseMs, countMs, chunkMs } };
}
