/**
 * TEI answers: the JSON body plus its stage-timing headers on every answer, errors included (TEI's
 * ResponseMetadata): x-compute-time and x-total-time (the whole request), x-tokenization-time, x-queue-time,
 * x-inference-time (milliseconds, integers as TEI writes them), x-compute-tokens, x-compute-characters.
 */
import { teiErrorResponse } from "./errors";

export interface TeiTimings {
  tokenizeMs: number;
  queueMs: number;
  inferenceMs: number;
}

export interface TeiAnswer {
  body: unknown;
  timings: TeiTimings;
  tokens: number;
  characters: number;
}

export function timingHeaders(totalMs: number, answer?: Omit<TeiAnswer, "body">): Record<string, string> {
  const ms = (value: number) => String(Math.round(value));
  return {
    "x-compute-time": ms(totalMs),
    "x-total-time": ms(totalMs),
    "x-compute-characters": String(answer?.characters ?? 0),
    "x-compute-tokens": String(answer?.tokens ?? 0),
    "x-tokenization-time": ms(answer?.timings.tokenizeMs ?? 0),
    "x-queue-time": ms(answer?.timings.queueMs ?? 0),
    "x-inference-time": ms(answer?.timings.inferenceMs ?? 0),
  };
}

/** Runs the work and answers its body with the timing headers, or the error in TEI's shape (headers too). */
export async function teiRespond(work: () => Promise<TeiAnswer>): Promise<Response> {
  const started = performance.now();
  try {
    const answer = await work();
    const headers = { "cache-control": "no-store", ...timingHeaders(performance.now() - started, answer) };
    return Response.json(answer.body, { headers });
  } catch (error) {
    return teiErrorResponse(error, timingHeaders(performance.now() - started));
  }
}

/** Characters in the inputs (TEI's x-compute-characters). */
export function characters(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + text.length, 0);
}

/** The model a TEI request names: its `model` field, else its `x-model` header, else none (the default model). */
export function modelOf(request: Request, field: string | undefined): string | undefined {
  const header = request.headers.get("x-model")?.trim();
  return field ?? (header ? header.slice(0, 200) : undefined);
}
