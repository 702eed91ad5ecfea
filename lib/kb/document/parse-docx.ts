/**
 * Word (.docx) as a document: mammoth turns the file into simple HTML (Word's heading styles become h1 to h6,
 * lists and tables are kept), which parse-html.ts reads like any page. A corrupt file is refused with a message.
 */
import mammoth from "mammoth";
import { AppError } from "../../errors";
import { parseHtml } from "./parse-html";
import type { ParsedDocument } from "./types";

export async function parseDocx(bytes: Uint8Array, name?: string): Promise<ParsedDocument> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch (error) {
    throw new AppError("invalid_input", `${name ?? "The file"} could not be read as a Word document (${(error as Error).message}): expected a .docx file (Word 2007 or later; an old .doc must be saved as .docx first).`);
  }
  return parseHtml(html, name, "docx");
}
