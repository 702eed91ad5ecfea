/**
 * Okapi BM25 over a knowledge base's entries, as Lucene (and Elasticsearch) score it:
 *   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))
 *   score(d, q) = sum over the distinct words t of q of idf(t) * tf / (tf + k1 * (1 - b + b * |d| / avgdl))
 * with k1 = 1.2 and b = 0.75. Written here rather than taken from a library: the libraries that score BM25 bring
 * their own word splitting (Chinese needs ours, words.ts), and the formula is a few lines, checked against the
 * Python reference bm25s (method "lucene") on the same words (bm25.test.ts). Pure.
 */
import { wordsOf } from "./words";

export interface Bm25Options {
  /** Term-frequency saturation. @default 1.2 */
  k1?: number;
  /** Length normalization. @default 0.75 */
  b?: number;
}

export interface KeywordHit {
  index: number;
  /** The BM25 score: unbounded, comparable only within one query on one knowledge base. */
  score: number;
  /** 1-based. */
  rank: number;
}

interface Postings {
  docs: number[];
  tfs: number[];
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: Float64Array;
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;

  /** Indexes documents given as their words (wordsOf), in order: document i is entry i. */
  constructor(documents: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.lengths = Float64Array.from(documents, (words) => words.length);
    this.averageLength = documents.length ? this.lengths.reduce((sum, n) => sum + n, 0) / documents.length : 0;
    documents.forEach((words, doc) => {
      const tf = new Map<string, number>();
      for (const word of words) tf.set(word, (tf.get(word) ?? 0) + 1);
      for (const [word, count] of tf) {
        let list = this.postings.get(word);
        if (!list) this.postings.set(word, (list = { docs: [], tfs: [] }));
        list.docs.push(doc);
        list.tfs.push(count);
      }
    });
  }

  static fromTexts(texts: readonly string[], options?: Bm25Options): Bm25Index {
    return new Bm25Index(texts.map(wordsOf), options);
  }

  get size(): number {
    return this.lengths.length;
  }

  idf(word: string): number {
    const df = this.postings.get(word)?.docs.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Every document's score for the query's distinct words (0 for documents that share none). */
  scores(queryWords: readonly string[]): Float64Array {
    const scores = new Float64Array(this.size);
    const avg = this.averageLength || 1;
    for (const word of new Set(queryWords)) {
      const list = this.postings.get(word);
      if (!list) continue;
      const idf = this.idf(word);
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i];
        const tf = list.tfs[i];
        scores[doc] += (idf * tf) / (tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / avg));
      }
    }
    return scores;
  }

  /**
   * The top k documents with a score above 0 (those sharing a word with the query), best first; ties keep
   * document order. `allowed` limits the ranking to some documents (a metadata filter).
   */
  search(query: string, topK: number, allowed?: (index: number) => boolean): KeywordHit[] {
    const scores = this.scores(wordsOf(query));
    const found: number[] = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] > 0 && (!allowed || allowed(i))) found.push(i);
    found.sort((a, b) => scores[b] - scores[a] || a - b);
    return found.slice(0, topK).map((index, i) => ({ index, score: scores[index], rank: i + 1 }));
  }
}
