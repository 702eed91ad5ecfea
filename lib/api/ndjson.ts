/**
 * Streams long work as NDJSON: one JSON event a line, the work's result last, or an {type: "error"} event if it
 * fails after the 200 was sent. The work gets an AbortSignal that fires when the client goes away (request
 * signal or stream cancel), so a Cancel in the browser stops the embedding on the server.
 */
import type { ApiErrorBody } from "./contract";
import { errorBody, toAppError } from "./respond";

export type ErrorEvent = { type: "error" } & ApiErrorBody;
export type Emit<E> = (event: E) => void;

export const NDJSON_HEADERS = {
  "content-type": "application/x-ndjson; charset=utf-8",
  "cache-control": "no-store",
  // Proxies must pass each line on as it comes, not buffer the stream.
  "x-accel-buffering": "no",
};

export function ndjsonResponse<E>(
  work: (emit: Emit<E>, signal: AbortSignal) => Promise<E>,
  requestSignal?: AbortSignal,
): Response {
  const abort = new AbortController();
  const onClientGone = () => abort.abort();
  requestSignal?.addEventListener("abort", onClientGone, { once: true });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const emit = (event: E | ErrorEvent) => {
        if (!abort.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      };
      // Not awaited: start() must return so the first events reach the client while the work runs.
      void work(emit, abort.signal)
        .then(emit, (error: unknown) => emit({ type: "error", ...errorBody(toAppError(error)) }))
        .finally(() => {
          requestSignal?.removeEventListener("abort", onClientGone);
          try {
            controller.close();
          } catch {
            // The client cancelled the stream: it is closed already.
          }
        });
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, { headers: NDJSON_HEADERS });
}
