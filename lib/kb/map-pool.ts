/** The main thread's handle on the map worker, started on first use and started again if it died. Server-only. */
import "server-only";
import { forgetProcessWide, processWide } from "../config";
import { WorkerThread } from "../engine/worker/thread";
import type { LayoutReply, MapWorkerRequest } from "./map-protocol";

const MAP_WORKER_ENTRY = "lib/kb/map-worker.ts";

function thread(): Promise<WorkerThread> {
  return processWide("map-worker", () => {
    const started = WorkerThread.start(MAP_WORKER_ENTRY, "map");
    const forget = () => forgetProcessWide("map-worker", started);
    started.then((worker) => worker.onStop(forget), forget);
    return started;
  });
}

export async function layoutVectors(request: Omit<MapWorkerRequest, "type">): Promise<LayoutReply> {
  const transfer = [request.rows.buffer as ArrayBuffer, ...(request.query ? [request.query.buffer as ArrayBuffer] : [])];
  return (await thread()).request<LayoutReply>({ type: "layout", ...request }, transfer);
}
