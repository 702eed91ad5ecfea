import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { makePdf } from "@/testing/make-pdf";
import { documentFormatOf } from "./format";
import { parseDocument } from "./parse";
import type { ParsedDocument } from "./types";

const blocksOf = (doc: ParsedDocument) => doc.blocks.map((b) => [b.kind, doc.text.slice(b.start, b.end), ...(b.level ? [b.level] : [])]);

describe("parseDocument", () => {
  it("text: paragraphs at blank lines, offsets into the text as given (line ends made \\n)", async () => {
    const doc = await parseDocument({ format: "text", text: "\uFEFFFirst para\r\nstill first.\r\n\r\n  Second para.  \n" });
    expect(doc.text).toBe("First para\nstill first.\n\n  Second para.  \n");
    expect(blocksOf(doc)).toEqual([["paragraph", "First para\nstill first."], ["paragraph", "Second para."]]);
  });

  it("text without any blank line: one paragraph a line", async () => {
    const doc = await parseDocument({ format: "text", text: "苹果是水果\n我饿了\n" });
    expect(blocksOf(doc)).toEqual([["paragraph", "苹果是水果"], ["paragraph", "我饿了"]]);
  });

  it("markdown: headings with levels, paragraphs, list items and table rows as plain text", async () => {
    const md = "# Returns\n\nYou can **return** any [item](http://x).\n\n## Shipping\n\n- Free above 50\n- Tracked\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const doc = await parseDocument({ format: "markdown", text: md });
    expect(blocksOf(doc)).toEqual([
      ["heading", "Returns", 1], ["paragraph", "You can return any item."], ["heading", "Shipping", 2],
      ["paragraph", "Free above 50"], ["paragraph", "Tracked"], ["paragraph", "a | b"], ["paragraph", "1 | 2"],
    ]);
  });

  it("html: block elements, collapsed spaces, scripts and styles skipped, entities decoded", async () => {
    const html = "<html><head><title>T</title><style>p{}</style></head><body><h2>Fruit &amp; more</h2><p>Apples\n   are <b>sweet</b>.</p><script>alert(1)</script><ul><li>Pears</li></ul><pre>a\n  b</pre></body></html>";
    const doc = await parseDocument({ format: "html", text: html });
    expect(blocksOf(doc)).toEqual([["heading", "Fruit & more", 2], ["paragraph", "Apples are sweet."], ["paragraph", "Pears"], ["paragraph", "a\n  b"]]);
  });

  it("csv: one record a row, a quoted cell with line breaks stays one, the other columns kept as metadata", async () => {
    const csv = 'id,text,category\n1,"Line one\nline two",fruit\n2,Phones,tech\n';
    const doc = await parseDocument({ format: "csv", text: csv });
    expect(blocksOf(doc)).toEqual([["record", "Line one\nline two"], ["record", "Phones"]]);
    expect(doc.blocks.map((b) => b.metadata)).toEqual([{ id: "1", category: "fruit" }, { id: "2", category: "tech" }]);
  });

  it("jsonl: the text field found by name, other fields as metadata; a bad line is named", async () => {
    const doc = await parseDocument({ format: "jsonl", text: '{"id": 7, "content": "Apples", "tags": ["a"]}\n\n{"content": "Pears", "source": "wiki"}\n' });
    expect(blocksOf(doc)).toEqual([["record", "Apples"], ["record", "Pears"]]);
    expect(doc.blocks[0].metadata).toEqual({ id: "7", tags: '["a"]' });
    await expect(parseDocument({ format: "jsonl", text: '{"text": "a"}\nnot json\n' })).rejects.toThrow(/Line 2 of the JSON Lines file is not JSON/);
  });

  it("docx: Word headings and paragraphs (a file built here with the docx package)", async () => {
    const file = new Document({
      sections: [{ children: [new Paragraph({ text: "Returns", heading: HeadingLevel.HEADING_1 }), new Paragraph("You can return any item within 30 days."), new Paragraph("退货需要保留发票。")] }],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(file));
    const doc = await parseDocument({ format: "docx", bytes, name: "policy.docx" });
    expect(doc.format).toBe("docx");
    expect(blocksOf(doc)).toEqual([["heading", "Returns", 1], ["paragraph", "You can return any item within 30 days."], ["paragraph", "退货需要保留发票。"]]);
  });

  it("docx: a corrupt file is refused in plain words", async () => {
    await expect(parseDocument({ format: "docx", bytes: new TextEncoder().encode("PK not a zip"), name: "broken.docx" })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^broken\.docx could not be read as a Word document .*expected a \.docx file/),
    });
  });

  it("pdf: each page's text with its page number, a heading by its size, paragraphs at gaps", async () => {
    const pdf = makePdf([[{ text: "Returns", size: 20 }, "", "You can return any item.", "Refunds take five days.", "", "", "Shipping is free."], ["Page two text."]]);
    const doc = await parseDocument({ format: "pdf", bytes: pdf, name: "policy.pdf" });
    expect(blocksOf(doc)).toEqual([["heading", "Returns", 2], ["paragraph", "You can return any item. Refunds take five days."], ["paragraph", "Shipping is free."], ["paragraph", "Page two text."]]);
    expect(doc.pages).toEqual([{ number: 1, start: 0, end: doc.text.indexOf("Shipping is free.") + 17 }, { number: 2, start: doc.text.indexOf("Page two"), end: doc.text.length }]);
  });

  it("pdf: no text layer is empty_input that says so; bytes that are not a PDF are invalid_input", async () => {
    await expect(parseDocument({ format: "pdf", bytes: makePdf([[], []]), name: "scan.pdf" })).rejects.toMatchObject({ code: "empty_input", message: expect.stringMatching(/^scan\.pdf has no text layer \(2 pages, no selectable text\).*OCR/) });
    await expect(parseDocument({ format: "pdf", bytes: new TextEncoder().encode("hello"), name: "x.pdf" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^x\.pdf could not be read as a PDF/) });
  });

  it("refuses a PDF given as text, and text that is not UTF-8", async () => {
    await expect(parseDocument({ format: "pdf", text: "%PDF" })).rejects.toThrow(/A pdf document comes as a file: expected "base64"/);
    await expect(parseDocument({ format: "text", bytes: Uint8Array.from([0xff, 0xfe, 0x00]), name: "a.txt" })).rejects.toThrow(/a\.txt is not UTF-8 text/);
  });
});

describe("documentFormatOf", () => {
  it("takes the given format, else the name's extension; text when neither, an error for a nameless file", () => {
    expect(documentFormatOf("html", "a.pdf", true)).toBe("html");
    expect(documentFormatOf(undefined, "Report.PDF", true)).toBe("pdf");
    expect(documentFormatOf(undefined, undefined, false)).toBe("text");
    expect(() => documentFormatOf(undefined, "photo.png", true)).toThrow(/Cannot tell the format of "photo\.png": expected a name ending in \.txt/);
  });
});
