/** The Lab's layer sweep: heatmaps per layer and pooling, corrections, anisotropy, scenarios, precision. */
import { bilingual } from "../define";

export const labLayers = bilingual({
  en: {
    title: "Beyond the last layer: which layer, which correction, which precision",
    intro: "STS Spearman ×100 per layer (0 = the embeddings) and pooling, from one forward pass per batch; corrections are fitted on the set's own sentences, as the BERT-whitening paper does.",
    pairs: "Pairs",
    pairsOption: (count: number) => (count >= 1379 ? `all (about 1,380; minutes of CPU)` : `first ${count}`),
    compute: (model: string) => `Sweep ${model}'s layers`,
    progress: (done: number, total: number) => `${done} of ${total} sentences embedded at every layer…`,
    progressLabel: "Layer sweep progress",
    correction: "Correction",
    corrections: { none: "None", whitening: "Whitening", all_but_the_top: "All-but-the-top" },
    spearmanCaption: (correction: string) => `STS Spearman ×100, correction: ${correction}. Darker is higher.`,
    anisotropyCaption: "Anisotropy: the mean cosine of random sentence pairs (1: every vector points the same way).",
    scenariosCaption: (count: number) => `The article's ${count} scenarios: average delta (strong − unrelated) per layer.`,
    precisionCaption: "Precision on the last layer, no correction: STS Spearman ×100 (binary by Hamming alone).",
    layer: "Layer",
    layerName: (key: string, n: number) =>
      key === "first_last" ? `first-last (1 + ${n})` : key === "last_two" ? `last-two (${n - 1} + ${n})` : key === "0" ? "0 (embeddings)" : key === String(n) ? `${key} (last)` : `${key}`,
    summary: (pairs: number, sentences: number, seconds: string) => `${pairs} pairs, ${sentences} sentences, ${seconds} s`,
  },
  zh: {
    title: "不止最后一层：哪一层、哪种校正、哪种精度",
    intro: "每层（0 = 词嵌入层）与每种池化的 STS Spearman ×100，每批一次前向传播；校正按 BERT-whitening 论文的做法，在数据集自身的句子上拟合。",
    pairs: "句对",
    pairsOption: (count) => (count >= 1379 ? "全部（约 1,380 对；需几分钟 CPU）" : `前 ${count} 对`),
    compute: (model) => `扫描 ${model} 的各层`,
    progress: (done, total) => `已在每一层向量化 ${total} 句中的 ${done} 句…`,
    progressLabel: "分层扫描进度",
    correction: "校正",
    corrections: { none: "无", whitening: "白化", all_but_the_top: "去除主方向" },
    spearmanCaption: (correction) => `STS Spearman ×100，校正：${correction}。颜色越深越高。`,
    anisotropyCaption: "各向异性：随机句对的平均余弦（1 表示所有向量指向同一方向）。",
    scenariosCaption: (count) => `文章的 ${count} 个场景：每层的平均区分度（强相关 − 无关）。`,
    precisionCaption: "最后一层、无校正时各精度的 STS Spearman ×100（二值仅用汉明距离）。",
    layer: "层",
    layerName: (key, n) =>
      key === "first_last" ? `首末层（1 + ${n}）` : key === "last_two" ? `最后两层（${n - 1} + ${n}）` : key === "0" ? "0（词嵌入）" : key === String(n) ? `${key}（最后一层）` : `${key}`,
    summary: (pairs, sentences, seconds) => `${pairs} 对句子，${sentences} 句，${seconds} 秒`,
  },
});
