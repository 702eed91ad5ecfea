/**
 * A small PDF written by hand, for tests that need one they made themselves: pages of lines in Helvetica, each
 * line at its own size (a bigger line reads as a heading), a blank line leaving a paragraph gap. Optionally a
 * page with no text at all (a scanned page has none either).
 */

export interface PdfLine {
  text: string;
  /** @default 11 */
  size?: number;
}

/** One page: lines from the top; "" leaves a gap. */
export type PdfPage = (PdfLine | string)[];

export function makePdf(pages: PdfPage[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) && objects.length;
  const catalog = add("");
  const pagesId = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const page of pages) {
    let y = 760;
    const ops: string[] = [];
    for (const entry of page) {
      const line = typeof entry === "string" ? { text: entry } : entry;
      const size = line.size ?? 11;
      if (line.text !== "") ops.push(`BT /F1 ${size} Tf 72 ${y} Td (${escape(line.text)}) Tj ET`);
      y -= size * 1.4;
    }
    const stream = ops.join("\n");
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

function escape(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}
