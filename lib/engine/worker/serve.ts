/**
 * The worker side of WorkerThread: answers each request with its handler's result (transferring the buffers it
 * names) or with the error as {code, message}. Runs inside a worker thread. A worker's protocol is one table:
 * per request type, what is sent and what comes back; its handlers are a table of the same shape, so each
 * handler is checked against its own request and reply.
 */
import { parentPort, type TransferListItem } from "node:worker_threads";
import { isAppError } from "../../errors";
import type { WorkerReply } from "./thread";

/** Per request type: the request's fields (besides `type`) and the reply's type. */
export type Protocol<P> = { [K in keyof P]: { request: object; reply: unknown } };

/** A request of type K (any type by default), as it crosses: `{ type: K, ...fields }`. */
export type RequestOf<P extends Protocol<P>, K extends keyof P = keyof P> = { [T in K]: { type: T } & P[T]["request"] }[K];

export type ReplyOf<P extends Protocol<P>, K extends keyof P> = P[K]["reply"];

export interface Handled<T = unknown> {
  result: T;
  transfer?: TransferListItem[];
}

/** One handler per request type, each taking its own request and answering its own reply. */
export type Handlers<P extends Protocol<P>> = { [K in keyof P]: (request: RequestOf<P, K>) => Promise<Handled<ReplyOf<P, K>>> | Handled<ReplyOf<P, K>> };

/** Runs the handler of a request's type. */
export async function dispatch<P extends Protocol<P>, K extends keyof P>(handlers: Handlers<P>, request: RequestOf<P, K>): Promise<Handled<ReplyOf<P, K>>> {
  return handlers[request.type](request);
}

/** Serves a protocol's handler table in this worker thread. */
export function serveHandlers<P extends Protocol<P>>(handlers: Handlers<P>): void {
  serveRequests<RequestOf<P>>((request) => dispatch(handlers, request));
}

/**
 * Serves requests one at a time, in arrival order: the main thread decides the order, this thread keeps it.
 * `Request` is what the main thread sends (the worker's request union); messages arrive untyped.
 */
export function serveRequests<Request extends { type: PropertyKey }>(handle: (request: Request) => Promise<Handled> | Handled): void {
  const port = parentPort;
  if (!port) throw new Error("serveRequests must run inside a worker thread");
  let chain = Promise.resolve();
  port.on("message", (message: { id: number } & Request) => {
    const { id } = message;
    chain = chain.then(async () => {
      let reply: WorkerReply;
      let transfer: TransferListItem[] = [];
      try {
        const handled = await handle(message);
        reply = { id, ok: true, result: handled.result };
        transfer = handled.transfer ?? [];
      } catch (error) {
        if (!isAppError(error) || error.code === "internal") console.error(`[semantic-radar] worker error in ${String(message.type)}:`, error);
        const code = isAppError(error) ? error.code : "internal";
        reply = { id, ok: false, error: { code, message: (error as Error)?.message ?? String(error) } };
      }
      port.postMessage(reply, transfer);
    });
  });
}
