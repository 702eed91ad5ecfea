// npm run bench -- chunking [--kb 1024] [--model all-MiniLM-L6-v2] [--rounds 3] [--json]
//
// Cuts a ~1 MB text document (seeded prose in paragraphs, a tenth of it Chinese) the way POST /api/kb does, and
// times each stage on this thread, the median of --rounds:
//   baseline   the line editor's path on the same text: one entry a line (splitLines + cleanEntries)
//   parse      the text into blocks (parse-text.ts) and its pieces (pieces.ts), distinct keys listed
//   count      each distinct piece counted by the model's own tokenizer (on the server: the model's worker)
//   chunk      each method: sentences, paragraphs, tokens (128 / 16), recursive (the model's window)
//   keyword    the BM25 index of the sentence chunks, and one query
import { getModelInfo, defaultModelId } from "../../lib/engine";
import { loadTokenizer } from "../../lib/engine/tools";
import { chunkParsed } from "../../lib/kb/chunk/chunk-document";
import { distinctKeys, piecesOf } from "../../lib/kb/chunk/pieces";
import { cleanEntries, splitLines } from "../../lib/kb/clean";
import { parseText } from "../../lib/kb/document/parse-text";
import { CHUNK_METHODS, type ChunkingSpec } from "../../lib/kb/document/types";
import { Bm25Index } from "../../lib/kb/keyword/bm25";
import { mulberry32 } from "../../lib/seeded-random";
import { median, parseCli, positiveInt } from "../cli";

const WORDS = "the a of to and in is was for on that with as by at from it this are be or an which have has not but they one all their there been if more when will would who so no what can about into than them out up time some only could also other new these two may first then any like do over such our its well".split(" ");
const CONTENT = "apple river market window teacher garden engine signal harbor winter letter mountain village doctor station question answer morning library journey kitchen machine country evening pattern".split(" ");
const CHINESE = ["苹果是一种很好吃的水果。", "今天天气很好，适合去公园散步。", "我想吃点东西。", "这个问题需要仔细想一想。", "图书馆在早上九点开门。"];

function makeDocument(bytes: number): string {
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    const chinese = random() < 0.1;
    for (let s = 0, n = 2 + Math.floor(random() * 6); s < n; s++) {
      if (chinese) sentences.push(pick(CHINESE));
      else {
        const words = Array.from({ length: 8 + Math.floor(random() * 18) }, () => (random() < 0.3 ? pick(CONTENT) : pick(WORDS)));
        sentences.push(`${words[0][0].toUpperCase()}${words.join(" ").slice(1)}.`);
      }
    }
    const paragraph = sentences.join(chinese ? "" : " ");
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  return paragraphs.join("\n\n");
}

function timed<T>(rounds: number, run: () => T): { ms: number; value: T } {
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    value = run();
    ms.push(performance.now() - started);
  }
  return { ms: Number(median(ms).toFixed(1)), value };
}

export async function benchChunking(args: string[]): Promise<void> {
  const { values } = parseCli({ kb: { type: "string", default: "1024" }, model: { type: "string" }, rounds: { type: "string", default: "3" }, json: { type: "boolean", default: false } }, args);
  const rounds = positiveInt("rounds", values.rounds);
  const text = makeDocument(positiveInt("kb", values.kb) * 1024);
  const model = getModelInfo(values.model ?? defaultModelId());
  const tokenizer = loadTokenizer(model);
  const specials = tokenizer.encode("").length;

  const baseline = timed(rounds, () => cleanEntries(splitLines(text)).entries.length);
  const parse = timed(rounds, () => {
    const doc = parseText(text);
    return { doc, keys: distinctKeys(piecesOf(doc.text)) };
  });
  const { doc, keys } = parse.value;
  const count = timed(1, () => new Map(keys.map((key) => [key, tokenizer.encode(key).length - specials])));
  const budget = { window: model.maxTokens, overhead: specials };
  const specs: ChunkingSpec[] = CHUNK_METHODS.map((method) => (method === "tokens" ? { method, size: 128, overlap: 16 } : { method }));
  const chunks = specs.map((spec) => {
    const run = timed(rounds, () => chunkParsed(doc, spec, count.value, budget, model.id));
    return { method: spec.method, ms: run.ms, chunks: run.value.chunks.length, medianTokens: run.value.report.tokens.median, overWindow: run.value.report.overWindow.length };
  });
  const sentences = chunkParsed(doc, { method: "sentences" }, count.value, budget, model.id).entries;
  const index = timed(1, () => Bm25Index.fromTexts(sentences));
  const query = timed(rounds, () => index.value.search("apple river 苹果", 10).length);

  const figures = {
    bytes: Buffer.byteLength(text), characters: text.length, model: model.id, window: model.maxTokens,
    baselineLinesMs: baseline.ms, baselineEntries: baseline.value,
    parseMs: parse.ms, distinctPieces: keys.length, countPiecesMs: count.ms,
    chunking: chunks, bm25IndexMs: index.ms, bm25QueryMs: query.ms,
  };
  if (values.json) return void console.log(JSON.stringify(figures, null, 2));
  console.log(`A ${(figures.bytes / 1024 / 1024).toFixed(2)} MB text document (${figures.characters.toLocaleString("en")} characters), ${model.id} (window ${model.maxTokens}), median of ${rounds}:`);
  console.log(`| stage | ms | result |\n| --- | ---: | --- |`);
  console.log(`| baseline: one entry a line (splitLines + cleanEntries) | ${baseline.ms} | ${baseline.value.toLocaleString("en")} entries |`);
  console.log(`| parse + pieces | ${parse.ms} | ${keys.length.toLocaleString("en")} distinct pieces |`);
  console.log(`| count the distinct pieces with the tokenizer (once) | ${count.ms} | |`);
  for (const c of chunks) console.log(`| chunk: ${c.method} | ${c.ms} | ${c.chunks.toLocaleString("en")} chunks, median ${c.medianTokens} tokens, ${c.overWindow} over the window |`);
  console.log(`| BM25 index of the sentence chunks | ${index.ms} | ${sentences.length.toLocaleString("en")} entries |`);
  console.log(`| BM25 query | ${query.ms} | |`);
}
