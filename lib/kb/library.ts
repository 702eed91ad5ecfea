/**
 * The library of saved knowledge bases: list, rename, delete, export to one file and import it back without
 * re-embedding. Server-only.
 */
import "server-only";
import { createHash } from "node:crypto";
import { config } from "../config";
import { getModelInfo } from "../engine";
import { AppError, isAppError } from "../errors";
import type { KbRecord, KbSummary, KbVectors } from "../store/types";
import { documentSourceOf } from "./document/source-record";
import { checkImportEntries, checkImportPoolings, checkImportVectors } from "./import-check";
import { kbIdOf } from "./kb-id";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile, type Library, type LibraryKb, type LibraryKbWithEntries } from "./library-types";
import { MAX_ENTRIES } from "./limits";
import { kbNotFound, kbRepository } from "./repository";

export async function listKbs(): Promise<Library> {
  const { kbs, kind } = await kbRepository().list();
  return { kbs: kbs.map(libraryKbOf), store: kind };
}

/** One knowledge base and its entries, without its vectors. */
export async function getKb(id: string): Promise<LibraryKbWithEntries> {
  const record = await kbRepository().record(id);
  if (!record) throw kbNotFound(id);
  const { entries, document, ...rest } = record;
  const summary = { ...rest, count: entries.length, ...(document ? { document: { format: document.detail.format, ...(document.detail.name ? { name: document.detail.name } : {}) } } : {}) };
  return { kb: libraryKbOf(summary), entries, ...(document ? { source: documentSourceOf(document) } : {}) };
}

export async function renameKb(id: string, name: string): Promise<LibraryKb> {
  const renamed = await kbRepository().rename(id, name);
  if (!renamed) throw kbNotFound(id);
  return libraryKbOf(renamed);
}

/** Deletes the record and lets go of the in-memory copy; a search for the id answers 404 from then on. */
export async function deleteKb(id: string): Promise<{ deleted: string }> {
  if (!(await kbRepository().delete(id))) throw kbNotFound(id);
  return { deleted: id };
}

export async function exportKb(id: string): Promise<ExportFile> {
  const loaded = await kbRepository().load(id);
  if (!loaded) throw kbNotFound(id);
  const { kb, vectors } = loaded;
  const bytes = (matrix: Float32Array) => Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength);
  const present = kb.poolings.filter((p) => vectors[p]);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    manifest: {
      kbId: kb.id, name: kb.name, model: kb.modelId, graph: kb.graph, dims: kb.dims, count: kb.entries.length, poolings: present, created: kb.createdAt,
      checksums: { entries: checksum(Buffer.from(JSON.stringify(kb.entries))), vectors: Object.fromEntries(present.map((p) => [p, checksum(bytes(vectors[p]!))])) },
    },
    entries: kb.entries,
    report: kb.report as ExportFile["report"],
    truncated: kb.truncated as unknown[],
    vectors: Object.fromEntries(present.map((p) => [p, bytes(vectors[p]!).toString("base64")])),
    ...(kb.document ? { source: kb.document as ExportFile["source"] } : {}),
  };
}

/**
 * Saves an exported knowledge base as it is, not re-embedded: checked against its manifest and this server's model,
 * and held to what an embedded one is (every pooling, cleaned entries, finite unit vectors: import-check.ts).
 */
export async function importKb(file: ExportFile): Promise<LibraryKb> {
  const { manifest, entries } = file;
  const model = installedModel(manifest.model);
  if (model.hiddenSize !== manifest.dims) {
    throw invalid(`the file's vectors have ${manifest.dims} dims but ${model.id} on this server makes ${model.hiddenSize}: expected the same model`);
  }
  if (entries.length !== manifest.count) throw invalid(`the manifest says ${manifest.count} entries, the file has ${entries.length}`);
  const maxEntries = config().maxEntries ?? MAX_ENTRIES;
  if (entries.length > maxEntries) throw new AppError("too_large", `Cannot import: expected at most ${maxEntries.toLocaleString("en")} entries, got ${entries.length.toLocaleString("en")}.`);
  checkImportPoolings(manifest.poolings);
  checkImportEntries(entries, { chunks: file.source !== undefined && file.source !== null });
  if (checksum(Buffer.from(JSON.stringify(entries))) !== manifest.checksums.entries) throw invalid("the entries do not match the manifest's checksum (the file was changed or cut)");
  const document = file.source as KbRecord["document"];
  if (kbIdOf(manifest.model, manifest.graph, entries, document && documentSourceOf(document)) !== manifest.kbId) {
    throw invalid("the kbId does not match the model, graph, entries and document (a kbId is their content address)");
  }
  const vectors: KbVectors = {};
  for (const pooling of manifest.poolings) {
    const bytes = Buffer.from(file.vectors[pooling] ?? "", "base64");
    if (bytes.length !== manifest.count * manifest.dims * 4) throw invalid(`expected ${pooling} vectors of ${manifest.count} x ${manifest.dims} float32 (${manifest.count * manifest.dims * 4} bytes), got ${bytes.length} bytes`);
    if (checksum(bytes) !== manifest.checksums.vectors[pooling]) throw invalid(`the ${pooling} vectors do not match the manifest's checksum`);
    // A copy into a fresh, aligned buffer: Buffer.from(base64) may share a pool at an odd offset.
    vectors[pooling] = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    checkImportVectors(pooling, vectors[pooling]!, manifest.dims);
  }
  const record = {
    id: manifest.kbId, name: manifest.name || entries[0].slice(0, 60), modelId: model.id, graph: manifest.graph, dims: manifest.dims, entries,
    poolings: manifest.poolings, report: file.report as KbRecord["report"], truncated: file.truncated as KbRecord["truncated"],
    ...(document ? { document } : {}),
  };
  await kbRepository().checkCanSave(record.id, entries, manifest.dims);
  const saved = await kbRepository().import(record, vectors);
  if (!saved) throw new AppError("internal", "the imported knowledge base was not found after saving");
  return libraryKbOf(saved);
}

function installedModel(id: string) {
  try {
    return getModelInfo(id);
  } catch (error) {
    if (isAppError(error) && error.code === "model_not_found") {
      throw new AppError("model_not_found", `Cannot import: the knowledge base was embedded with ${error.message.replace(/^unknown model/, "model")}. Install that model (npm run models) and import again.`);
    }
    throw error;
  }
}

function invalid(why: string): AppError {
  return new AppError("invalid_input", `Cannot import: ${why}.`);
}

function checksum(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

export function libraryKbOf(summary: KbSummary): LibraryKb {
  const { id, name, modelId, count, dims, poolings, createdAt, approximate, document } = summary;
  return { id, name, model: modelId, count, dims, poolings, created: createdAt, approximate, ...(document ? { document: document as LibraryKb["document"] } : {}) };
}
