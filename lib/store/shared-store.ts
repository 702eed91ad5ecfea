/**
 * The process's one store keeper (processWide: Next.js may load this module once per route bundle, and there must
 * be one store, one lock and one health for them all) and the store seen through it: every call goes through the
 * keeper, so a broken or full store is answered in plain words (503, 507) on every store route, never as a
 * generic 500. Server-only.
 */
import { processWide } from "../config";
import type { Pooling } from "../pooling/strategies";
import type { SaveSize } from "./disk-space";
import { hnswOptionsFrom, openStore, storeLocation } from "./open-store";
import { StoreKeeper } from "./store-keeper";
import type { Json, KbRecord, KbRecordInput, KbSummary, KbVectors, KnowledgeBaseStore, LibraryOwner, LibraryRow, NearestHit, Released, RoomKbSummary, SaveOptions, StoreHealth } from "./types";

export function storeKeeper(): StoreKeeper {
  return processWide("store-keeper", () => new StoreKeeper({ location: storeLocation(), open: () => openStore(storeLocation(), hnswOptionsFrom()) }));
}

/** The store, opened (and migrated) on first use; throws 503 or 507 in plain words when it cannot be. */
export async function sharedStore(): Promise<KnowledgeBaseStore> {
  const keeper = storeKeeper();
  await keeper.store();
  return new KeptStore(keeper);
}

/** The store's health for /api/status; asking also starts opening it (or retrying, when due). */
export function storeHealth(): StoreHealth {
  return storeKeeper().health(true);
}

/** Refuses (507) a save the store's disk cannot hold, before any work is spent on it; opens the store first (503). */
export function checkRoomToSave(size: SaveSize): Promise<void> {
  return storeKeeper().checkRoomFor(size);
}

/** Every call through the keeper: a failure that breaks the store closes it and is remembered for /api/status. */
class KeptStore implements KnowledgeBaseStore {
  constructor(private readonly keeper: StoreKeeper) {}

  get kind() {
    return this.keeper.kind;
  }

  save(kb: KbRecordInput, vectors: KbVectors, options?: SaveOptions): Promise<void> {
    return this.keeper.use((store) => store.save(kb, vectors, options));
  }

  has(id: string): Promise<boolean> {
    return this.keeper.use((store) => store.has(id));
  }

  get(id: string): Promise<KbRecord | undefined> {
    return this.keeper.use((store) => store.get(id));
  }

  load(id: string): Promise<{ kb: KbRecord; vectors: KbVectors } | undefined> {
    return this.keeper.use((store) => store.load(id));
  }

  list(): Promise<RoomKbSummary[]> {
    return this.keeper.use((store) => store.list());
  }

  rename(id: string, name: string): Promise<KbSummary | undefined> {
    return this.keeper.use((store) => store.rename(id, name));
  }

  library(owners: LibraryOwner[]): Promise<LibraryRow[]> {
    return this.keeper.use((store) => store.library(owners));
  }

  keep(owner: LibraryOwner, id: string, name?: string | null): Promise<KbSummary | undefined> {
    return this.keeper.use((store) => store.keep(owner, id, name));
  }

  holds(owner: LibraryOwner, id: string): Promise<boolean> {
    return this.keeper.use((store) => store.holds(owner, id));
  }

  release(owner: LibraryOwner, id: string): Promise<Released> {
    return this.keeper.use((store) => store.release(owner, id));
  }

  delete(id: string): Promise<boolean> {
    return this.keeper.use((store) => store.delete(id));
  }

  nearest(id: string, pooling: Pooling, query: Float32Array, k: number): Promise<NearestHit[]> {
    return this.keeper.use((store) => store.nearest(id, pooling, query, k));
  }

  readDocument(key: string): Promise<Json | undefined> {
    return this.keeper.use((store) => store.readDocument(key));
  }

  writeDocument(key: string, body: Json): Promise<void> {
    return this.keeper.use((store) => store.writeDocument(key, body));
  }

  close(): Promise<void> {
    return this.keeper.close();
  }
}
