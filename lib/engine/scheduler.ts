/**
 * The order in which one model's worker does its work, as TEI's queue does it: one job at a time; every short
 * call waiting (a search query, a few texts) goes first, coalesced into ONE job up to a token budget; long jobs
 * (a knowledge base) advance one batch per turn, taking turns with each other. So a query waits for at most the
 * batch that is running, and fifty concurrent queries cost one forward pass, not fifty. Background steps (an
 * explanation's leave-one-out variants) run only when nothing else waits: they can slow a search by at most the
 * one small step running when it arrives, never by a queue of them. Pure: the work itself
 * is passed in, so the order can be tested without a model.
 */
import type { Pooling } from "../pooling/strategies";
import { cancelledError } from "./cancel";
import { sliceRows } from "./rows";
import type { TextKind, TruncationDirection } from "./types";
import type { EmbedReply } from "./worker/protocol";

/** What one coalesced job returns for its texts, rows in the order given. */
export type ShortJobResult = EmbedReply;

/** How texts are encoded: a job only coalesces calls that agree on all of it (the prompt, the cut, the layer). */
export interface Encoding {
  kind: TextKind;
  truncation: TruncationDirection;
  /** The layer key to pool; undefined for the last layer. */
  layer?: string;
}

export type RunShortJob = (texts: string[], encoding: Encoding, poolings: Pooling[]) => Promise<ShortJobResult>;

export interface SchedulerLimits {
  /** Texts in one coalesced job. */
  maxBatchTexts: number;
  /** Estimated padded tokens in one coalesced job (rows x longest row). */
  tokenBudget: number;
  /** Tokens a text can have after truncation (the model's max). */
  maxTokens: number;
}

/** What a short call gets back: its own rows of the coalesced job, and how long it waited for it. */
export interface ShortCallResult extends ShortJobResult {
  queueMs: number;
  /** Texts in the job this call rode in (1 when it ran alone). */
  batchTexts: number;
}

interface ShortCall {
  texts: readonly string[];
  encoding: Encoding;
  poolings: readonly Pooling[];
  signal?: AbortSignal;
  enqueuedAt: number;
  resolve: (result: ShortCallResult) => void;
  reject: (error: Error) => void;
}

interface BulkStep {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A text's padded size as the planner will see it, without tokenizing: at most one token per character plus
 * the special tokens, capped at the model's max. It over-counts English (about 4 characters a token), so a
 * coalesced job stays within the budget; the worker still splits by exact counts if one does not.
 */
export function estimateTokens(text: string, maxTokens: number): number {
  return Math.min(text.length + 2, maxTokens);
}

export class Scheduler {
  private readonly shortCalls: ShortCall[] = [];
  private readonly bulkSteps: BulkStep[] = [];
  private readonly backgroundSteps: BulkStep[] = [];
  private running = false;

  constructor(
    private readonly runShortJob: RunShortJob,
    readonly limits: SchedulerLimits,
  ) {}

  /** Jobs waiting (not counting the one running). */
  get waiting(): number {
    return this.shortCalls.length + this.bulkSteps.length + this.backgroundSteps.length;
  }

  /** Whether a call of these texts is small enough to ride in a coalesced job. */
  isShort(texts: readonly string[]): boolean {
    if (texts.length > this.limits.maxBatchTexts) return false;
    const longest = Math.max(...texts.map((text) => estimateTokens(text, this.limits.maxTokens)));
    return texts.length * longest <= this.limits.tokenBudget;
  }

  /** Embeds a short call in the next coalesced job. */
  embedShort(texts: readonly string[], encoding: Encoding, poolings: readonly Pooling[], signal?: AbortSignal): Promise<ShortCallResult> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise((resolve, reject) => {
      this.shortCalls.push({ texts, encoding, poolings, signal, enqueuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  /** Runs one step of a long job (one worker request) after every short call waiting before it. */
  runBulk<T>(run: () => Promise<T>): Promise<T> {
    return this.enqueue(this.bulkSteps, run);
  }

  /** Runs one step of work nobody waits on to search (an explanation) when no short call and no long job waits. */
  runBackground<T>(run: () => Promise<T>): Promise<T> {
    return this.enqueue(this.backgroundSteps, run);
  }

  private enqueue<T>(queue: BulkStep[], run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    const group = this.takeShortGroup();
    if (group.length) {
      this.running = true;
      void this.runGroup(group).finally(() => this.next());
      return;
    }
    const step = this.bulkSteps.shift() ?? this.backgroundSteps.shift();
    if (!step) return;
    this.running = true;
    step
      .run()
      .then(step.resolve, step.reject)
      .finally(() => this.next());
  }

  private next(): void {
    this.running = false;
    this.pump();
  }

  /** The first waiting call and every later one encoded the same way that still fits the job's limits. */
  private takeShortGroup(): ShortCall[] {
    // Calls cancelled while they waited leave without costing the model anything.
    for (let i = this.shortCalls.length - 1; i >= 0; i--) {
      if (this.shortCalls[i].signal?.aborted) this.shortCalls.splice(i, 1)[0].reject(cancelledError());
    }
    const first = this.shortCalls[0];
    if (!first) return [];
    const { maxBatchTexts, tokenBudget, maxTokens } = this.limits;
    const group: ShortCall[] = [];
    let texts = 0;
    let longest = 0;
    for (let i = 0; i < this.shortCalls.length; ) {
      const call = this.shortCalls[i];
      const callLongest = Math.max(...call.texts.map((text) => estimateTokens(text, maxTokens)));
      const rows = texts + call.texts.length;
      const fits = rows <= maxBatchTexts && rows * Math.max(longest, callLongest) <= tokenBudget;
      const sameEncoding = call.encoding.kind === first.encoding.kind && call.encoding.truncation === first.encoding.truncation && call.encoding.layer === first.encoding.layer;
      if (!sameEncoding || (group.length > 0 && !fits)) {
        i++;
        continue;
      }
      group.push(call);
      texts = rows;
      longest = Math.max(longest, callLongest);
      this.shortCalls.splice(i, 1);
    }
    return group;
  }

  private async runGroup(group: ShortCall[]): Promise<void> {
    const startedAt = performance.now();
    const texts = group.flatMap((call) => call.texts);
    const poolings = [...new Set(group.flatMap((call) => call.poolings))];
    let result: ShortJobResult;
    try {
      result = await this.runShortJob(texts, group[0].encoding, poolings);
    } catch (error) {
      for (const call of group) call.reject(error as Error);
      return;
    }
    let from = 0;
    for (const call of group) {
      call.resolve({ ...sliceRows(result, from, call.texts.length), queueMs: startedAt - call.enqueuedAt, batchTexts: texts.length });
      from += call.texts.length;
    }
  }
}
