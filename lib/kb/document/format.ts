/** Which format a document is in, from what was said or its file name. Pure. */
import { AppError } from "../../errors";
import { DOCUMENT_FORMATS, type DocumentFormat } from "./types";

const EXTENSIONS: Record<string, DocumentFormat> = {
  txt: "text", text: "text", md: "markdown", markdown: "markdown", htm: "html", html: "html", xhtml: "html",
  pdf: "pdf", docx: "docx", csv: "csv", tsv: "tsv", tab: "tsv", jsonl: "jsonl", ndjson: "jsonl",
};

/** The file extensions the import accepts, for an <input accept>. */
export const DOCUMENT_EXTENSIONS = Object.keys(EXTENSIONS).map((ext) => `.${ext}`);

/** Formats whose bytes are not text: they come as a file (base64), never as `text`. */
export const BINARY_FORMATS: readonly DocumentFormat[] = ["pdf", "docx"];

export function isDocumentFormat(value: unknown): value is DocumentFormat {
  return typeof value === "string" && (DOCUMENT_FORMATS as readonly string[]).includes(value);
}

/** The format given, else the one its name's extension says, else plain text for text and an error for a file. */
export function documentFormatOf(given: DocumentFormat | undefined, name: string | undefined, isFile: boolean): DocumentFormat {
  if (given) return given;
  const ext = /\.([a-z0-9]+)$/i.exec(name ?? "")?.[1]?.toLowerCase();
  const byName = ext ? EXTENSIONS[ext] : undefined;
  if (byName) return byName;
  if (!isFile) return "text";
  throw new AppError(
    "invalid_input",
    `Cannot tell the format of ${name ? `"${name.slice(0, 80)}"` : "the file"}: expected a name ending in ${DOCUMENT_EXTENSIONS.join(", ")}, or "format" (one of ${DOCUMENT_FORMATS.join(", ")}).`,
  );
}
