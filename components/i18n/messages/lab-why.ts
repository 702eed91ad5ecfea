/** The Lab's explanation panel: why the winner depends on the model, what the article got wrong, this run's facts. */
import { bilingual } from "../define";

export const labWhy = bilingual({
  en: {
    samePass:
      "Every pooling reads the same forward pass (one vector per token from the last layer); they differ only in which token vectors they keep. Which one is the sentence's meaning is decided by how the model was trained.",
    trainedCls: "its training loss was computed on the [CLS] vector, so [CLS] is its sentence vector (BGE models are trained this way)",
    trainedMean:
      "its training loss was computed on the mean of the token vectors, so averaging is what it expects and its [CLS] was never trained to summarize (sentence-transformers' all-* models are trained this way)",
    trainedOther: (pooling: string) => `it was trained with ${pooling} pooling`,
    encoder: (model: string, trained: string) =>
      `${model} is a bidirectional encoder: every token attends to the whole sentence, so the first token, [CLS], can carry the sentence's meaning, but only if training put it there. Here ${trained}. “Last token” on an encoder is the [SEP] marker closing every input: it too has seen everything, but was not what training optimized.`,
    decoder: (model: string) =>
      `${model} is a causal decoder: each token attends only to the tokens before it. The first token attends only to itself, so “CLS” here encodes the first token of the text and nothing else; two texts that begin with the same token get the same vector. The last token is the only one that has seen the whole text, which is why Qwen3-Embedding is trained with last-token pooling. Mean averages vectors that each saw only a prefix.`,
    wrongTitle: "What the article got wrong",
    wrong: [
      "Qwen3-Embedding-4B is not a “standard Transformer encoder” with a [CLS] token: it is a causal decoder (built on the Qwen3 LLM), trained with last-token pooling. Its “[CLS]” column is the first token of each text, which attends only to itself; neither of its two columns is how the model was trained.",
      "Its hidden size is 2,560, not 4,096 (4,096 is Qwen3-Embedding-8B's).",
      "Its text says mean pooling skips [CLS] and [SEP] (last_hidden_state[:, 1:-1]), but its code averages every attended token, special ones included. Here Mean is its code (and sentence-transformers'); Mean (content tokens only) is its text.",
      "Its printed Mean average, 0.4016, is not the average of its own eight rows (0.4205).",
      "“Always default to mean pooling” does not follow. On all-MiniLM-L6-v2 (trained with mean) CLS trails mean by far; on bge-small-zh-v1.5 (trained with CLS) CLS separates best on the article's own Chinese scenarios. Start from the pooling the model was trained with, then measure (STS on the model card).",
    ].join("\n"),
    readingTitle: "Reading Δ",
    reading:
      "Compare poolings within one model: each model (and pooling) has its own cosine scale, so a Δ of 0.2 on one model and 0.3 on another says little. Eight scenarios are a small sample where one flipped pair changes a winner; the STS Benchmark Spearman on the model card (over 1,300 human-scored pairs) is the measurement to trust.",
    nativeBest: (native: string, delta: string) => `Here the native pooling (${native}) has the largest average Δ, ${delta}.`,
    nativeBeaten: (best: string, native: string, bestDelta: string, nativeDelta: string, rank: number) =>
      `Here ${best} edges out the native ${native} on average Δ (${bestDelta} vs ${nativeDelta}, rank ${rank} of 5). Eight scenarios are a small sample: check the STS Benchmark Spearman on the model card before changing poolings.`,
    clsIsSep: "CLS and last token give the same scores here (within 0.001): in this model the final [SEP] vector has become a copy of [CLS].",
    clsAlike: (cls: string, native: string) =>
      `Its CLS vector scores even the unrelated candidates at ${cls} on average (native: ${native}): untrained as a summary, it looks alike for every sentence.`,
  },
  zh: {
    samePass: "每种池化读取的是同一次前向计算（最后一层每个 token 一个向量）；它们只在保留哪些 token 向量上不同。哪一个代表句子的含义，取决于模型是如何训练的。",
    trainedCls: "它的训练损失是在 [CLS] 向量上计算的，所以 [CLS] 就是它的句向量（BGE 模型就是这样训练的）",
    trainedMean: "它的训练损失是在 token 向量的平均值上计算的，所以它期望的是取平均，而它的 [CLS] 从未被训练来概括句子（sentence-transformers 的 all-* 模型就是这样训练的）",
    trainedOther: (pooling) => `它用 ${pooling} 池化训练`,
    encoder: (model, trained) =>
      `${model} 是双向编码器：每个 token 都关注整个句子，所以第一个 token [CLS] 可以承载句子的含义，但前提是训练把含义放在那里。这里，${trained}。编码器上的“末 token”是结束每个输入的 [SEP] 标记：它也看到了全部内容，但训练并没有优化它。`,
    decoder: (model) =>
      `${model} 是因果解码器：每个 token 只关注它之前的 token。第一个 token 只关注它自己，所以这里的“CLS”只编码文本的第一个 token；以同一个 token 开头的两段文本会得到相同的向量。只有最后一个 token 看到了整段文本，这就是 Qwen3-Embedding 用末 token 池化训练的原因。均值池化平均的是一些只看到了前缀的向量。`,
    wrongTitle: "文章错在哪里",
    wrong: [
      "Qwen3-Embedding-4B 不是带 [CLS] token 的“标准 Transformer 编码器”：它是因果解码器（基于 Qwen3 大模型），用末 token 池化训练。它的“[CLS]”列是每段文本的第一个 token，只关注它自己；它的两列都不是模型训练时的方式。",
      "它的隐藏层维度是 2,560，不是 4,096（4,096 是 Qwen3-Embedding-8B 的）。",
      "它的正文说均值池化跳过 [CLS] 和 [SEP]（last_hidden_state[:, 1:-1]），但它的代码平均了所有参与注意力的 token，包括特殊 token。这里的“均值”是它的代码（也是 sentence-transformers 的做法）；“均值（仅内容 token）”是它的正文。",
      "它印出的均值平均 0.4016 并不是它自己八行数据的平均值（0.4205）。",
      "“始终默认使用均值池化”这个结论并不成立。在 all-MiniLM-L6-v2（用均值训练）上 CLS 远远落后于均值；在 bge-small-zh-v1.5（用 CLS 训练）上，CLS 在文章自己的中文场景里区分得最好。应从模型训练时的池化方式出发，再去测量（模型卡片上的 STS）。",
    ].join("\n"),
    readingTitle: "如何解读 Δ",
    reading:
      "请在同一个模型内比较池化：每个模型（和池化）都有自己的余弦尺度，所以一个模型上的 Δ 0.2 和另一个模型上的 0.3 说明不了什么。八个场景是很小的样本，一对结果翻转就会改变胜者；模型卡片上的 STS Benchmark Spearman（超过 1,300 对人工评分）才是值得信赖的测量。",
    nativeBest: (native, delta) => `这里原生池化（${native}）的平均 Δ 最大，为 ${delta}。`,
    nativeBeaten: (best, native, bestDelta, nativeDelta, rank) =>
      `这里 ${best} 的平均 Δ 略胜原生的 ${native}（${bestDelta} 对 ${nativeDelta}，在 5 种中排第 ${rank}）。八个场景是很小的样本：更换池化之前请先看模型卡片上的 STS Benchmark Spearman。`,
    clsIsSep: "这里 CLS 和末 token 给出的分数相同（相差不到 0.001）：在这个模型中，最后的 [SEP] 向量已经变成了 [CLS] 的副本。",
    clsAlike: (cls, native) => `它的 CLS 向量给不相关候选的平均分也有 ${cls}（原生：${native}）：没有被训练来概括句子，它对每句话看起来都差不多。`,
  },
});
