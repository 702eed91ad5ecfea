/**
 * A model's prompts (Qwen3-Embedding's query instruction, about 20 tokens before a query of ten) run once: on a
 * graph with a KV cache, a batch whose texts all start with a prompt's tokens feeds the prompt's cached keys and
 * values as the past and runs only the rest, and lib/pooling/prompt-prefix.ts completes the poolings with the
 * prompt's part. A causal decoder's state at a token depends only on the tokens before it, so this is the same
 * computation as the whole text in one pass, minus the prompt's share (most of a short query's).
 * Matching is by token ids, so a text that tokenizes differently where it meets the prompt, or lost the prompt
 * to left truncation, simply runs whole.
 */
import type { PromptSummary } from "../pooling/prompt-prefix";
import { summarizePrompt } from "../pooling/prompt-prefix";
import { buildBatch } from "./batch";
import type { PastCache } from "./feeds";
import type { ForwardSession } from "./session";
import type { EncodedText, TextTokenizer } from "./tokenize";

export interface CachedPrompt {
  /** The prompt's tokens: what a text must start with, followed by at least one more token. */
  ids: readonly number[];
  summary: PromptSummary;
  past: PastCache;
}

interface PromptTokens {
  ids: number[];
  specials: Uint8Array;
}

/**
 * The token prefixes a text after this prompt starts with, longest first: the prompt encoded alone less the special
 * tokens the post-processor appends (an EOS), and that less its last token, which a byte-level BPE may merge with
 * the text's first characters ("Query:" + ")" gives "):"). Any shared prefix of ids is a valid cache: a causal
 * decoder's states there depend on those ids alone.
 */
export function sharedPromptTokens(tokenizer: TextTokenizer, prompt: string): PromptTokens[] {
  const ids = tokenizer.encode(prompt);
  let end = ids.length;
  while (end > 0 && tokenizer.isSpecial(ids[end - 1])) end--;
  return [ids.slice(0, end), ids.slice(0, end - 1)]
    .filter((shared) => shared.some((id) => !tokenizer.isSpecial(id)))
    .map((shared) => ({ ids: shared, specials: Uint8Array.from(shared, (id) => (tokenizer.isSpecial(id) ? 1 : 0)) }));
}

function startsWith(row: EncodedText, prefix: readonly number[]): boolean {
  if (row.ids.length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (row.ids[i] !== prefix[i]) return false;
  return true;
}

export class PromptCache {
  /** Each prompt's prefixes, longest first (sharedPromptTokens). */
  private readonly prompts: PromptTokens[];
  private readonly runs = new Map<PromptTokens, Promise<CachedPrompt>>();
  /** Rows that were run after a cached prompt (tests and benchmarks read it). */
  rowsReused = 0;

  constructor(
    tokenizer: TextTokenizer,
    prompts: readonly string[],
    private readonly session: Required<Pick<ForwardSession, "runPrompt">>,
    private readonly padId: number,
  ) {
    const unique = [...new Set(prompts.filter((prompt) => prompt.length > 0))];
    this.prompts = unique.flatMap((prompt) => sharedPromptTokens(tokenizer, prompt));
  }

  /** The longest cached prompt every row starts with, run on first use; undefined when the rows share none. */
  async forRows(rows: readonly EncodedText[]): Promise<CachedPrompt | undefined> {
    const prompt = this.prompts.find((candidate) => rows.every((row) => startsWith(row, candidate.ids)));
    if (!prompt) return undefined;
    let run = this.runs.get(prompt);
    if (!run) {
      run = this.run(prompt);
      this.runs.set(prompt, run);
      run.catch(() => this.runs.delete(prompt)); // a failed run (cancelled, out of memory) is tried again next time
    }
    return run;
  }

  private async run(prompt: PromptTokens): Promise<CachedPrompt> {
    const { hidden, dim, past } = await this.session.runPrompt(buildBatch([prompt], this.padId, "right")); // [1, tokens, dim]
    return { ids: prompt.ids, summary: summarizePrompt(hidden, prompt.specials, dim), past };
  }
}
