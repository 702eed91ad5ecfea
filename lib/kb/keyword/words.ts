/**
 * The words keyword search matches on, in any script: text is NFKC-folded (full-width letters and digits become
 * plain ones) and lowercased; runs of letters and digits are words, and a run of Chinese or Japanese (written
 * without spaces) is cut into words by Intl.Segmenter's dictionary ("苹果是一种很好吃的水果" -> 苹果 / 是 / 一种 / 很好 / 吃
 * / 的 / 水果). No stemming and no stop words: BM25's idf already weighs down the words every entry has. Pure.
 */

const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

let segmenter: Intl.Segmenter | undefined;

export function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const [run] of text.normalize("NFKC").toLowerCase().matchAll(RUNS)) {
    if (!UNSPACED.test(run)) {
      words.push(run);
      continue;
    }
    if (run.length === 1) {
      words.push(run);
      continue;
    }
    segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
    for (const { segment, isWordLike } of segmenter.segment(run)) if (isWordLike) words.push(segment);
  }
  return words;
}
