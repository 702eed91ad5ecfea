/** POST /api/kb with a document, and POST /api/search with keyword and hybrid, on the real default model. */
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { KbEvent, SearchResponse } from "@/lib/api/contract";
import { GET as getKb } from "@/app/api/kbs/[id]/route";
import { POST as search } from "@/app/api/search/route";
import { makePdf } from "@/testing/make-pdf";
import { jsonPost } from "@/testing/route-calls";
import { POST } from "./route";

async function eventsOf(response: Response): Promise<KbEvent[]> {
  const events: KbEvent[] = [];
  for await (const event of readNdjson<KbEvent>(response.body!)) events.push(event);
  return events;
}

const HANDBOOK = "# Returns\n\nYou can return any item within 30 days. Refunds reach your card in five days.\n\n# Shipping\n\nShipping is free above fifty euros. Parcels are tracked.";

describe("POST /api/kb with a document", () => {
  it("chunks it, streams chunked then done with every chunk's place, and keeps the document for the library", async () => {
    const response = await POST(jsonPost("/api/kb", { document: { text: HANDBOOK, format: "markdown" }, chunking: { method: "sentences" } }));
    expect(response.status).toBe(200);
    const events = await eventsOf(response);
    const chunked = events.find((e) => e.type === "chunked");
    if (chunked?.type !== "chunked") throw new Error("no chunked event");
    expect(chunked.report).toMatchObject({ method: "sentences", count: 6, window: 256, overWindow: [] });
    const done = events.at(-1)!;
    if (done.type !== "done") throw new Error(`ended with ${JSON.stringify(done)}`);
    const text = chunked.document.text;
    expect(done.chunks!.map((c) => text.slice(c.start, c.end))).toEqual([
      "Returns", "You can return any item within 30 days.", "Refunds reach your card in five days.", "Shipping", "Shipping is free above fifty euros.", "Parcels are tracked.",
    ]);
    expect(done.chunks!.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // The library gives the document and its chunks back, for a shared link's view.
    const saved = (await (await getKb(new Request(`http://localhost/api/kbs/${done.kbId}`), { params: Promise.resolve({ id: done.kbId }) })).json()) as { kb: { document?: unknown }; source?: { document: { text: string }; chunks: unknown[]; chunking: unknown } };
    expect(saved.kb.document).toEqual({ format: "markdown" });
    expect(saved.source?.document.text).toBe(text);
    expect(saved.source?.chunks).toEqual(done.chunks);
    expect(saved.source?.chunking).toEqual({ method: "sentences" });
  });

  it("counts token windows with the model's tokenizer: no window over the size, overlapping as asked", async () => {
    const text = "Sentence number one is about apples and pears. ".repeat(60);
    const events = await eventsOf(await POST(jsonPost("/api/kb", { document: { text }, chunking: { method: "tokens", size: 64, overlap: 8 } })));
    const chunked = events.find((e) => e.type === "chunked");
    if (chunked?.type !== "chunked") throw new Error("no chunked event");
    // 64 content tokens + [CLS] and [SEP].
    expect(chunked.report.tokens.max).toBeLessThanOrEqual(66);
    expect(chunked.report.count).toBeGreaterThan(8);
    const [a, b] = chunked.chunks;
    expect(b.start).toBeLessThan(a.end);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: "done", truncated: [] });
  });

  it("reads a PDF and a .docx sent as base64, with PDF page numbers on the chunks", async () => {
    const pdf = makePdf([["Apples are sweet fruit."], ["Phones need charging every day."]]);
    const events = await eventsOf(await POST(jsonPost("/api/kb", { document: { base64: Buffer.from(pdf).toString("base64"), name: "notes.pdf" }, chunking: { method: "paragraphs" } })));
    const done = events.at(-1)!;
    if (done.type !== "done") throw new Error(`ended with ${JSON.stringify(done)}`);
    expect(done.chunks!.map((c) => c.page)).toEqual([1, 2]);
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("One paragraph of Word.")] }] }));
    const fromWord = await eventsOf(await POST(jsonPost("/api/kb", { document: { base64: Buffer.from(docx).toString("base64"), name: "a.docx" } })));
    expect(fromWord.at(-1)).toMatchObject({ type: "done", count: 1 });
  });

  it("answers bad documents with a 4xx in plain words, before any stream", async () => {
    const scanned = await POST(jsonPost("/api/kb", { document: { base64: Buffer.from(makePdf([[]])).toString("base64"), name: "scan.pdf" } }));
    expect(scanned.status).toBe(400);
    expect((await scanned.json()).error.message).toMatch(/scan\.pdf has no text layer/);
    const corrupt = await POST(jsonPost("/api/kb", { document: { base64: Buffer.from("PK broken").toString("base64"), name: "bad.docx" } }));
    expect(corrupt.status).toBe(422);
    expect((await corrupt.json()).error.message).toMatch(/bad\.docx could not be read as a Word document/);
    const huge = await POST(new Request("http://localhost/api/kb", { method: "POST", headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) }, body: "{}" }));
    expect(huge.status).toBe(413);
    const both = await POST(jsonPost("/api/kb", { entries: ["a"], document: { text: "b" } }));
    expect((await both.json()).error.message).toMatch(/expected either `entries` \(one per entry\) or `document` \(to chunk\), got both/);
    const tooBig = await POST(jsonPost("/api/kb", { document: { text: "x" }, chunking: { method: "tokens", size: 1000 } }));
    expect(tooBig.status).toBe(422);
    expect((await tooBig.json()).error.message).toMatch(/`chunking.size`: expected 16 to 254 tokens for all-MiniLM-L6-v2/);
  });
});

describe("POST /api/search with keyword and hybrid", () => {
  it("adds BM25 hits with their own scores and a fused ranking, and filters by a table's metadata", async () => {
    const csv = "text,category\nApples are a sweet fruit.,food\nThe apple phone was released today.,tech\nI am hungry and want something to eat.,food\nThe weather is lovely.,weather\n";
    const events = await eventsOf(await POST(jsonPost("/api/kb", { document: { text: csv, format: "csv" }, chunking: { method: "paragraphs" } })));
    const done = events.at(-1)!;
    if (done.type !== "done") throw new Error(`ended with ${JSON.stringify(done)}`);
    const body = (await (await search(jsonPost("/api/search", { kbId: done.kbId, query: "apple", poolings: ["mean"], keyword: true, hybrid: true, topK: 4 }))).json()) as SearchResponse;
    expect(body.results.keyword!.map((hit) => hit.text)).toEqual(["The apple phone was released today."]);
    expect(body.results.keyword![0].score).toBeGreaterThan(0);
    expect(body.results.keyword![0].metadata).toEqual({ category: "tech" });
    expect(body.results.mean![0].metadata).toBeDefined();
    expect(body.hybridPooling).toBe("mean");
    expect(body.results.hybrid![0]).toMatchObject({ keywordRank: expect.any(Number), semanticRank: expect.any(Number) });
    const filtered = (await (await search(jsonPost("/api/search", { kbId: done.kbId, query: "apple", poolings: ["mean"], filter: { category: "food" } }))).json()) as SearchResponse;
    expect(filtered.filtered).toBe(2);
    expect(filtered.results.mean!.map((hit) => hit.metadata?.category)).toEqual(["food", "food"]);
    expect(filtered.results.mean!.map((hit) => hit.rank)).toEqual([1, 2]);
  });
});
