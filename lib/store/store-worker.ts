/**
 * The store worker: it owns the PGlite instance, so PostgreSQL-in-WASM never runs on the server's main thread (a
 * 20,000-entry save is seconds of CPU; on the main thread every request waited behind it). It answers the store
 * contract's calls one at a time, in order. Vectors move between the threads, never copied.
 *
 * After a failed call it checks the database still answers: PGlite can be left unusable by a PANIC (a full disk)
 * yet answer some queries with no rows. Then it closes the instance and says so with "store_unavailable", and
 * the main thread starts a fresh worker when it reopens the store.
 */
import { AppError, isAppError } from "../errors";
import { serveRequests } from "../engine/worker/serve";
import { isDiskFullError } from "./disk-space";
import { migrate } from "./migrations";
import { openPgliteDb } from "./pglite-db";
import { SqlStore } from "./sql-store";
import { asStoreError } from "./store-errors";
import { STORE_METHODS, type StoreWorkerRequest } from "./store-protocol";
import type { KbVectors } from "./types";

let store: SqlStore | undefined;
let broken: string | undefined;

async function open(request: Extract<StoreWorkerRequest, { type: "open" }>): Promise<null> {
  const db = await openPgliteDb(request.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  store = new SqlStore("pglite", db, request.hnsw);
  return null;
}

async function call(request: Extract<StoreWorkerRequest, { type: "call" }>): Promise<unknown> {
  if (broken) throw new AppError("store_unavailable", broken);
  if (!store) throw new AppError("store_unavailable", "The store worker was asked before its database was open.");
  if (!(STORE_METHODS as readonly string[]).includes(request.method)) throw new AppError("internal", `unknown store method ${request.method}`);
  const method = store[request.method] as (...args: unknown[]) => Promise<unknown>;
  try {
    return await method.apply(store, request.args);
  } catch (error) {
    if (isAppError(error)) throw error;
    if (await store.isAlive()) throw asStoreError(error) ?? error;
    broken = `The embedded database stopped working after an error (${(error as Error)?.message || String(error)}).`;
    await store.close().catch(() => undefined);
    store = undefined;
    throw new AppError(isDiskFullError(error) ? "storage_full" : "store_unavailable", broken);
  }
}

/** The buffers under a set of matrices, each once (two views may share one). */
function buffersOf(vectors: KbVectors): ArrayBuffer[] {
  return [...new Set(Object.values(vectors).map((matrix) => matrix!.buffer as ArrayBuffer))];
}

serveRequests<StoreWorkerRequest>(async (request) => {
  switch (request.type) {
    case "open":
      return { result: await open(request) };
    case "call": {
      const result = await call(request);
      // A save's matrices were moved here: they go back. Loaded ones are fresh (decodeVectorSend): they move too.
      if (request.method === "save") {
        const saved = request.args[1] as KbVectors;
        return { result: saved, transfer: buffersOf(saved) };
      }
      const loaded = request.method === "load" ? (result as { vectors: KbVectors } | undefined)?.vectors : undefined;
      return { result, transfer: loaded ? buffersOf(loaded) : [] };
    }
    case "close":
      await store?.close();
      store = undefined;
      return { result: null };
  }
});
