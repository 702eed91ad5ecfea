/** What the main thread asks the rank worker (rank-worker.ts), and what it answers. Types only. */
import type { Pooling } from "../pooling/strategies";
import type { ScoreRanking } from "./rank";

export type RankWorkerRequest =
  /** Keep a knowledge base's vectors (their buffers are transferred: the sender's copies become empty). */
  | { type: "put"; kbId: string; dims: number; vectors: Partial<Record<Pooling, Float32Array>> }
  | { type: "drop"; kbId: string }
  /** Rank against per-pooling query vectors. Answers RankReply. */
  /** `dims` below the knowledge base's: rank on that Matryoshka cut (the queries come cut already). */
  | { type: "rank"; kbId: string; queries: Partial<Record<Pooling, Float32Array>>; poolings: Pooling[]; topK: number; dims?: number }
  /** A copy of one pooling's [count, dims] matrix. Answers Float32Array. */
  | { type: "vectors"; kbId: string; pooling: Pooling };

export interface RankReply extends ScoreRanking {
  scoreMs: number;
  rankMs: number;
}
