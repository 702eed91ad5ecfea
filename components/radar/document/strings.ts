/**
 * The document view's words, in English and Chinese: one typed dictionary, so a label missing in one language
 * does not compile. The page's language comes from <html lang> (zh*), else the browser's.
 */
const EN = {
  title: "Search a document",
  intro: "Paste a text or import a file (.txt, .md, .html, .pdf, .docx, or a table: .csv, .tsv, .jsonl); choose how to cut it into chunks; search it in place.",
  document: "Document",
  pastePlaceholder: "Paste a text here, or import a file.",
  importFile: "Import a file",
  fileLoaded: (name: string, size: string) => `${name} (${size}) will be read on the server.`,
  clearFile: "Use pasted text instead",
  chunking: "Chunking",
  compareWith: "Compare with a second chunking",
  method: "Method",
  methods: { sentences: "Sentences", paragraphs: "Paragraphs", tokens: "Token windows", recursive: "Recursive (paragraph, sentence, tokens)" },
  size: "Size (tokens)",
  overlap: "Overlap (tokens)",
  query: "Query",
  queryPlaceholder: "What are you looking for?",
  search: "Search",
  embedding: (done: number, total: number) => `Embedding ${done.toLocaleString()} of ${total.toLocaleString()} chunks`,
  starting: "Reading and chunking the document...",
  left: (seconds: number) => (seconds < 60 ? `about ${Math.max(1, Math.round(seconds))} s left` : `about ${Math.round(seconds / 60)} min left`),
  cancel: "Cancel",
  cancelled: "Cancelled. What was embedded is kept: search again to resume.",
  resumed: (n: number) => `Resumed: ${n.toLocaleString()} chunks were kept from the cancelled run.`,
  columns: { semantic: "Semantic (cosine)", keyword: "Keyword (BM25)", hybrid: "Hybrid (reciprocal rank fusion)" },
  rankBy: "Shade and list",
  chunksReport: (count: number, window: number) => `${count.toLocaleString()} chunks; the model reads ${window} tokens of each`,
  overWindow: (n: number, window: number) => `${n.toLocaleString()} chunks are longer than ${window} tokens: the model reads only their start.`,
  tokenHistogram: "Chunk lengths in tokens",
  jumpToBest: "Jump to the best match",
  page: (n: number) => `p. ${n}`,
  noHits: "No chunk matches.",
  keywordScale: "BM25 scores are unbounded and only compare within this list.",
  hybridScale: "Hybrid scores are sums of 1 / (60 + rank): only their order means something.",
  filter: "Filter",
  anyValue: "any",
  shareLink: "Link to this view",
  documentView: "The document, chunks shaded by score",
} as const;

type Strings = { [K in keyof typeof EN]: (typeof EN)[K] extends (...args: infer A) => string ? (...args: A) => string : (typeof EN)[K] extends string ? string : { [P in keyof (typeof EN)[K]]: string } };

const ZH: Strings = {
  title: "在文档中搜索",
  intro: "粘贴文本或导入文件（.txt、.md、.html、.pdf、.docx，或表格 .csv、.tsv、.jsonl），选择切块方式，在原文中查看匹配。",
  document: "文档",
  pastePlaceholder: "在此粘贴文本，或导入文件。",
  importFile: "导入文件",
  fileLoaded: (name, size) => `${name}（${size}）将在服务器上读取。`,
  clearFile: "改用粘贴的文本",
  chunking: "切块",
  compareWith: "与第二种切块方式对比",
  method: "方式",
  methods: { sentences: "按句子", paragraphs: "按段落", tokens: "按词元窗口", recursive: "递归（段落、句子、词元）" },
  size: "大小（词元）",
  overlap: "重叠（词元）",
  query: "查询",
  queryPlaceholder: "你想找什么？",
  search: "搜索",
  embedding: (done, total) => `正在嵌入 ${done.toLocaleString()} / ${total.toLocaleString()} 个块`,
  starting: "正在读取并切分文档……",
  left: (seconds) => (seconds < 60 ? `约剩 ${Math.max(1, Math.round(seconds))} 秒` : `约剩 ${Math.round(seconds / 60)} 分钟`),
  cancel: "取消",
  cancelled: "已取消。已嵌入的部分已保留：再次搜索即可继续。",
  resumed: (n) => `已继续：沿用了上次取消前嵌入的 ${n.toLocaleString()} 个块。`,
  columns: { semantic: "语义（余弦）", keyword: "关键词（BM25）", hybrid: "混合（倒数排名融合）" },
  rankBy: "着色与列表",
  chunksReport: (count, window) => `${count.toLocaleString()} 个块；模型每块读取 ${window} 个词元`,
  overWindow: (n, window) => `${n.toLocaleString()} 个块超过 ${window} 个词元：模型只读取其开头。`,
  tokenHistogram: "块长度（词元）",
  jumpToBest: "跳到最佳匹配",
  page: (n) => `第 ${n} 页`,
  noHits: "没有匹配的块。",
  keywordScale: "BM25 分数没有上限，只能在本列表内比较。",
  hybridScale: "混合分数是 1 / (60 + 名次) 之和：只有顺序有意义。",
  filter: "筛选",
  anyValue: "全部",
  shareLink: "本视图的链接",
  documentView: "文档：各块按分数着色",
};

export type DocumentStrings = Strings;

export function documentStrings(lang: string | undefined): DocumentStrings {
  return lang?.toLowerCase().startsWith("zh") ? ZH : (EN as unknown as Strings);
}

/** The page's language: <html lang> when it says Chinese, else the browser's first language. */
export function pageLanguage(): string {
  if (typeof document === "undefined") return "en";
  const lang = document.documentElement.lang;
  return lang && lang !== "en" ? lang : (navigator.languages?.[0] ?? "en");
}
