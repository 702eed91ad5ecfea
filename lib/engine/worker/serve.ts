/**
 * The worker side of WorkerThread: answers each request with its handler's result (transferring the buffers it
 * names) or with the error as {code, message}. Runs inside a worker thread.
 */
import { parentPort, type TransferListItem } from "node:worker_threads";
import { isAppError } from "../../errors";
import type { WorkerReply } from "./thread";

export interface Handled {
  result: unknown;
  transfer?: TransferListItem[];
}

export type Handler = (message: { type: string } & Record<string, unknown>) => Promise<Handled> | Handled;

/** Serves requests one at a time, in arrival order: the main thread decides the order, this thread keeps it. */
export function serveRequests(handle: Handler): void {
  const port = parentPort;
  if (!port) throw new Error("serveRequests must run inside a worker thread");
  let chain = Promise.resolve();
  port.on("message", (message: { id: number; type: string } & Record<string, unknown>) => {
    chain = chain.then(async () => {
      let reply: WorkerReply;
      let transfer: TransferListItem[] = [];
      try {
        const handled = await handle(message);
        reply = { id: message.id, ok: true, result: handled.result };
        transfer = handled.transfer ?? [];
      } catch (error) {
        if (!isAppError(error) || error.code === "internal") console.error(`[semantic-radar] worker error in ${message.type}:`, error);
        const code = isAppError(error) ? error.code : "internal";
        reply = { id: message.id, ok: false, error: { code, message: (error as Error)?.message ?? String(error) } };
      }
      port.postMessage(reply, transfer);
    });
  });
}
