/**
 * PDF as a document, read by Mozilla's PDF.js (pdfjs-dist): the text layer of each page, in reading order, with
 * page numbers kept. Lines are joined into paragraphs; a paragraph ends at a gap taller than a line, and a line
 * set clearly larger than the page's body text is a heading. A PDF with no text layer (scanned pages) is refused
 * with a message that says so. Runs in the document worker (off the server's event loop).
 */
import { AppError } from "../../errors";
import { TextBuilder } from "./text-builder";
import { MAX_DOCUMENT_CHARS } from "./limits";
import type { ParsedDocument } from "./types";

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

interface Line {
  text: string;
  y: number;
  height: number;
}

// A gap between lines of more than this many line heights starts a new paragraph.
const PARAGRAPH_GAP = 1.6;
// A line this much larger than the page's median line is a heading.
const HEADING_SCALE = 1.25;

let loading: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;

/**
 * PDF.js, loaded once. On loading it says it could not polyfill the drawing APIs of @napi-rs/canvas (left out on
 * purpose: docs/dependencies.md); only reading text is needed, so those lines are kept out of the server's log.
 */
function pdfjsLib() {
  loading ??= (async () => {
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (!/^Warning: Cannot (load "@napi-rs\/canvas"|polyfill|access the `require` function)/.test(String(args[0]))) log(...args);
    };
    try {
      // PDF.js parses in a worker of its own unless its handler is already loaded; this runs in the document
      // worker, off the event loop already, so the handler is loaded here (and bundled with it).
      const handler = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler: handler.WorkerMessageHandler };
      return await import("pdfjs-dist/legacy/build/pdf.mjs");
    } finally {
      console.log = log;
    }
  })();
  return loading;
}

export async function parsePdf(bytes: Uint8Array, name?: string): Promise<ParsedDocument> {
  const pdfjs = await pdfjsLib();
  let pdf;
  try {
    // PDF.js takes ownership of the buffer it is given: a copy, so the caller's bytes stay readable.
    pdf = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (error) {
    throw new AppError("invalid_input", `${name ?? "The file"} could not be read as a PDF (${(error as Error).message}): expected a PDF file.`);
  }
  try {
    const builder = new TextBuilder();
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      builder.startPage(number);
      addPage(builder, linesOf(content.items.filter((item) => "str" in item) as PdfTextItem[]));
      page.cleanup();
      if (builder.size > MAX_DOCUMENT_CHARS) {
        throw new AppError("too_large", `${name ?? "The PDF"} has more text than a document may have: expected at most ${MAX_DOCUMENT_CHARS.toLocaleString("en")} characters (reached by page ${number} of ${pdf.numPages}).`);
      }
    }
    const parsed = builder.build("pdf", name);
    if (parsed.blocks.length === 0) {
      throw new AppError(
        "empty_input",
        `${name ?? "The PDF"} has no text layer (${pdf.numPages} page${pdf.numPages === 1 ? "" : "s"}, no selectable text): expected a PDF with text in it. A scanned PDF needs OCR first.`,
      );
    }
    return parsed;
  } finally {
    await pdf.destroy();
  }
}

/** Items joined into lines (PDF.js marks a line's end with hasEOL). */
function linesOf(items: PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    current ??= { text: "", y: item.transform[5], height: 0 };
    current.text += item.str;
    current.height = Math.max(current.height, item.height || Math.abs(item.transform[3]));
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((line) => line.text.trim() !== "");
}

function addPage(builder: TextBuilder, lines: Line[]): void {
  const body = median(lines.map((line) => line.height));
  let paragraph: string[] = [];
  let previous: Line | null = null;
  const flush = () => {
    builder.add("paragraph", paragraph.join(" ").replace(/\s+/g, " "));
    paragraph = [];
  };
  for (const line of lines) {
    if (body > 0 && line.height > body * HEADING_SCALE) {
      flush();
      builder.add("heading", line.text.replace(/\s+/g, " "), { level: 2 });
      previous = null;
      continue;
    }
    if (previous && Math.abs(previous.y - line.y) > PARAGRAPH_GAP * Math.max(previous.height, line.height)) flush();
    paragraph.push(line.text.trim());
    previous = line;
  }
  flush();
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
