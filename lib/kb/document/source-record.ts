/**
 * A document's knowledge base as the store keeps it (lib/store's KbDocumentRecord: the text in a column of its
 * own, the rest as JSON) and back. Pure.
 */
import type { Json, KbDocumentRecord } from "../../store/types";
import type { DocumentSource } from "./types";

export function documentRecordOf(source: DocumentSource): KbDocumentRecord {
  const { text, ...document } = source.document;
  return { text, detail: { ...document, chunking: source.chunking, chunks: source.chunks } as unknown as KbDocumentRecord["detail"] };
}

export function documentSourceOf(record: KbDocumentRecord): DocumentSource {
  const { chunking, chunks, ...document } = record.detail as unknown as Omit<DocumentSource["document"], "text"> & Pick<DocumentSource, "chunking" | "chunks">;
  return { document: { ...document, text: record.text }, chunking, chunks };
}

/** JSON for the export file (and back through documentSourceOf). */
export function sourceJson(source: DocumentSource): Json {
  return documentRecordOf(source) as unknown as Json;
}
