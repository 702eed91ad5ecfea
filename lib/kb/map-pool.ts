/** The main thread's handle on the map worker, started on first use and started again if it died. Server-only. */
import "server-only";
import { WorkerThread } from "../engine/worker/thread";
import type { LayoutReply, MapWorkerRequest } from "./map-protocol";

const MAP_WORKER_ENTRY = "lib/kb/map-worker.ts";
const HOLDER_KEY = Symbol.for("semantic-radar.map-worker");
const global = globalThis as typeof globalThis & { [HOLDER_KEY]?: Promise<WorkerThread> };

function thread(): Promise<WorkerThread> {
  if (!global[HOLDER_KEY]) {
    const started = WorkerThread.start(MAP_WORKER_ENTRY, "map");
    global[HOLDER_KEY] = started;
    started.then(
      (worker) => worker.onStop(() => (global[HOLDER_KEY] = undefined)),
      () => (global[HOLDER_KEY] = undefined),
    );
  }
  return global[HOLDER_KEY];
}

export async function layoutVectors(request: Omit<MapWorkerRequest, "type">): Promise<LayoutReply> {
  const transfer = [request.rows.buffer as ArrayBuffer, ...(request.query ? [request.query.buffer as ArrayBuffer] : [])];
  return (await thread()).request<LayoutReply>({ type: "layout", ...request }, transfer);
}
