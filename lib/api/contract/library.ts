/**
 * The library of saved knowledge bases: GET /api/kbs, PATCH and DELETE /api/kbs/<id>, and the export file that
 * GET /api/kbs/<id>/export writes and POST /api/kbs/import reads back without re-embedding. Pure.
 */
import { z } from "zod";
import { EXPORT_FORMAT, EXPORT_VERSION, MAX_KB_NAME_CHARS, type ExportFile, type Library, type RoomKb } from "../../kb/library-types";
import { DOCUMENT_FORMATS } from "../../kb/document/types";
import { POOLINGS } from "../../pooling/strategies";
import { idField, nameField, NO_NUL_MESSAGE, stringList } from "./fields";

export { EXPORT_FORMAT, EXPORT_VERSION, MAX_KB_NAME_CHARS } from "../../kb/library-types";
export type { ExportFile, LibraryKb, LibraryKbWithEntries, RoomKb } from "../../kb/library-types";

/**
 * An import body may be this big: a knowledge base of ~10,000 entries x 384 dims with all five poolings (vectors
 * are base64 float32, 4/3 of their 4 bytes a number). Bigger ones are moved with pg_dump or a shared DATABASE_URL.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/** GET /api/kbs. */
export type LibraryResponse = Library;

export const kbIdParamSchema = idField("a kbId such as kb_0123456789abcdef01234567");

export const renameRequestSchema = z.object({
  name: nameField(MAX_KB_NAME_CHARS, "expected the new name as a string"),
});
export type RenameRequest = z.infer<typeof renameRequestSchema>;

/** GET /api/room/kbs (the teacher key): every knowledge base on the server. */
export interface RoomKbsResponse {
  kbs: RoomKb[];
  store: Library["store"];
}

/** PATCH /api/room/kbs/<id> (the teacher key): published to everyone or not, optionally under a new name. */
export const publishRequestSchema = z.object({
  published: z.boolean({ error: "expected `published` to be true (list it for everyone) or false" }),
  name: nameField(MAX_KB_NAME_CHARS, "expected the name as a string").optional(),
});
export type PublishRequest = z.infer<typeof publishRequestSchema>;

const sha256 = z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: "expected a checksum such as sha256:<64 hex digits>" });
const poolingName = z.enum(POOLINGS, { error: `expected pooling names from ${POOLINGS.join(", ")}` });

/** The export file (lib/kb/library-types.ts says what is in it). */
export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `expected "format": "${EXPORT_FORMAT}" (a file from Export in the radar)` }),
  version: z.literal(EXPORT_VERSION, { error: `expected "version": ${EXPORT_VERSION}` }),
  manifest: z.object({
    kbId: idField("the exported kbId"),
    // An empty name is allowed here: the import names it after its first entry.
    name: z.string().max(MAX_KB_NAME_CHARS).refine((name) => !name.includes("\u0000"), { error: NO_NUL_MESSAGE }),
    model: idField("the model id that embedded it"),
    graph: idField("the model graph, such as fp32").max(32),
    dims: z.int().min(1).max(8192),
    count: z.int().min(1),
    poolings: z.array(poolingName).min(1).max(POOLINGS.length),
    created: z.string().max(40),
    checksums: z.object({ entries: sha256, vectors: z.partialRecord(poolingName, sha256) }),
  }),
  entries: stringList({ list: "expected the entries as an array of strings", element: "expected each entry to be a string" }),
  report: z.record(z.string(), z.unknown()).refine(withoutNul, { error: NO_NUL_MESSAGE }),
  truncated: z.array(z.unknown()).refine(withoutNul, { error: NO_NUL_MESSAGE }),
  vectors: z.partialRecord(poolingName, z.string({ error: "expected base64 float32 vectors" })),
  source: z
    .object({
      text: z.string({ error: "expected the document's text" }),
      detail: z.looseObject({ format: z.enum(DOCUMENT_FORMATS, { error: `expected a format from ${DOCUMENT_FORMATS.join(", ")}` }), name: z.string().max(500).optional() }),
    })
    .optional(),
}) satisfies z.ZodType<ExportFile>;

/** A JSON value with no NUL in any string or key (PostgreSQL's jsonb refuses \u0000). */
function withoutNul(value: unknown): boolean {
  return !JSON.stringify(value).includes("\\u0000");
}
