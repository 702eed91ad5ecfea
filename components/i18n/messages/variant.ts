/** Layer, correction and precision: the radar's advanced settings and the label on every result. */
import { bilingual } from "../define";

export const variant = bilingual({
  en: {
    advanced: "Advanced: layer, correction, precision",
    layer: "Layer",
    layerLast: (n: number) => `Last (${n}), the default`,
    layerNumber: (layer: number, n: number) => (layer === 0 ? "0 (embeddings)" : layer === n ? `${layer} (last)` : String(layer)),
    firstLast: (n: number) => `First-last average (1 + ${n})`,
    lastTwo: (n: number) => `Last-two average (${n - 1} + ${n})`,
    correction: "Correction (fitted on this knowledge base)",
    corrections: { none: "None, the default", whitening: "Whitening", all_but_the_top: "All-but-the-top" },
    precision: "Precision",
    precisions: { float32: "float32, the default", int8: "int8", binary: "Binary (Hamming, float32 rescoring of the top 4k)" },
    help: "Off the defaults, each search embeds the knowledge base again at that layer (up to 5,000 entries).",
    label: (layer: string, correction: string, precision: string) => `Layer ${layer} · ${correction} · ${precision}`,
    noCorrection: "no correction",
    check: (overlap: string, error: string, bytes: string, floatBytes: string) =>
      `Against float32: top-k overlap ${overlap}, mean score error ${error}; memory ${bytes} instead of ${floatBytes}.`,
  },
  zh: {
    advanced: "高级：层、校正、精度",
    layer: "层",
    layerLast: (n) => `最后一层（${n}），默认`,
    layerNumber: (layer, n) => (layer === 0 ? "0（词嵌入）" : layer === n ? `${layer}（最后一层）` : String(layer)),
    firstLast: (n) => `首末层平均（1 + ${n}）`,
    lastTwo: (n) => `最后两层平均（${n - 1} + ${n}）`,
    correction: "校正（在这个知识库上拟合）",
    corrections: { none: "无，默认", whitening: "白化", all_but_the_top: "去除主方向（all-but-the-top）" },
    precision: "精度",
    precisions: { float32: "float32，默认", int8: "int8（8 位整数）", binary: "二值（汉明距离，再用 float32 重排前 4k 个）" },
    help: "不用默认值时，每次搜索都会在该层重新嵌入知识库（最多 5,000 条）。",
    label: (layer, correction, precision) => `第 ${layer} 层 · ${correction} · ${precision}`,
    noCorrection: "无校正",
    check: (overlap, error, bytes, floatBytes) => `与 float32 相比：前 k 条重合 ${overlap}，平均分数误差 ${error}；内存 ${bytes}（float32 为 ${floatBytes}）。`,
  },
});
