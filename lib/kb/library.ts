/**
 * The library of saved knowledge bases: list, rename, delete, export to one file and import it back without
 * re-embedding. Server-only.
 */
import "server-only";
import { createHash } from "node:crypto";
import { config } from "../config";
import { getModelInfo } from "../engine";
import { AppError, isAppError } from "../errors";
import { ROOM_LIBRARY, type KbRecord, type KbSummary, type KbVectors, type LibraryOwner } from "../store/types";
import { documentSourceOf } from "./document/source-record";
import { checkImportEntries, checkImportPoolings, checkImportVectors } from "./import-check";
import { kbIdOf } from "./kb-id";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile, type Library, type LibraryKb, type LibraryKbWithEntries } from "./library-types";
import { MAX_ENTRIES } from "./limits";
import { kbNotFound, kbRepository } from "./repository";

/**
 * A browser's library: its own named knowledge bases and those the teacher published, each once (its own name
 * first). Nothing it only searched, and nothing of anyone else's.
 */
export async function listKbs(owner: LibraryOwner): Promise<Library> {
  const { rows, kind } = await kbRepository().library([owner, ROOM_LIBRARY]);
  const published = new Set(rows.filter((row) => row.owner === ROOM_LIBRARY).map((row) => row.id));
  const kbs = new Map<string, LibraryKb>();
  for (const row of rows.filter((r) => r.owner === owner)) kbs.set(row.id, libraryKbOf(row, { mine: true, published: published.has(row.id) }));
  for (const row of rows.filter((r) => r.owner === ROOM_LIBRARY && !kbs.has(r.id))) kbs.set(row.id, libraryKbOf(row, { mine: false, published: true }));
  return { kbs: [...kbs.values()], store: kind };
}

/**
 * One knowledge base and its entries, without its vectors: for anyone with its id (a share link is read-only, and
 * whoever holds it has seen the entries), under the name the asker's library or the room gives it.
 */
export async function getKb(owner: LibraryOwner, id: string): Promise<LibraryKbWithEntries> {
  const record = await kbRepository().record(id);
  if (!record) throw kbNotFound(id);
  const { rows } = await kbRepository().library([owner, ROOM_LIBRARY]);
  const mine = rows.find((row) => row.id === id && row.owner === owner);
  const room = rows.find((row) => row.id === id && row.owner === ROOM_LIBRARY);
  const { entries, document, ...rest } = record;
  const name = mine?.name ?? room?.name ?? record.name;
  const summary = { ...rest, name, count: entries.length, ...(document ? { document: { format: document.detail.format, ...(document.detail.name ? { name: document.detail.name } : {}) } } : {}) };
  return { kb: libraryKbOf(summary, { mine: Boolean(mine), published: Boolean(room) }), entries, ...(document ? { source: documentSourceOf(document) } : {}) };
}

/**
 * Names a knowledge base in `owner`'s library: saving it (it is listed from now on) or renaming it. Only one the
 * library holds (embedded or searched there) or the teacher published (copied into the library); anything else
 * answers 404 as if it did not exist.
 */
export async function renameKb(owner: LibraryOwner, id: string, name: string): Promise<LibraryKb> {
  const repository = kbRepository();
  if (!(await repository.holds(owner, id)) && !(await repository.holds(ROOM_LIBRARY, id))) throw kbNotFound(id);
  const named = await repository.keep(owner, id, name);
  if (!named) throw kbNotFound(id);
  return libraryKbOf(named, { mine: true, published: await repository.holds(ROOM_LIBRARY, id) });
}

/**
 * Takes a knowledge base out of `owner`'s library; when no other library holds it, its entries and vectors are
 * deleted and a search for the id answers 404 from then on. 404 for one the library does not hold.
 */
export async function deleteKb(owner: LibraryOwner, id: string): Promise<{ deleted: string }> {
  if (!(await kbRepository().release(owner, id)).released) throw kbNotFound(id);
  return { deleted: id };
}

/** Whether `owner` may export it: one its library holds, or one the teacher published; 404 otherwise. */
export async function checkCanExport(owner: LibraryOwner, id: string): Promise<void> {
  const repository = kbRepository();
  if (!(await repository.holds(owner, id)) && !(await repository.holds(ROOM_LIBRARY, id))) throw kbNotFound(id);
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
 * and held to what an embedded one is (every pooling, cleaned entries, finite unit vectors: import-check.ts); it
 * enters `owner`'s library under the file's name.
 */
export async function importKb(file: ExportFile, owner: LibraryOwner): Promise<LibraryKb> {
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
  const saved = await kbRepository().import(record, vectors, owner);
  if (!saved) throw new AppError("internal", "the imported knowledge base was not found after saving");
  return libraryKbOf(saved, { mine: true, published: await kbRepository().holds(ROOM_LIBRARY, record.id) });
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

export function libraryKbOf(summary: KbSummary, access: { mine: boolean; published: boolean }): LibraryKb {
  const { id, name, modelId, count, dims, poolings, createdAt, approximate, document } = summary;
  return { id, name, model: modelId, count, dims, poolings, created: createdAt, approximate, ...(document ? { document: document as LibraryKb["document"] } : {}), ...access };
}
