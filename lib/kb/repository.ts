/**
 * The one place knowledge bases are found, saved and ranked. Server-only. Behind it: the durable record
 * (lib/store: PGlite in ./data, or DATABASE_URL), which is what survives a restart, and the rank worker, the fast
 * path, which holds the vectors of the knowledge bases in memory (KbCache keeps the account, least recently used
 * evicted first). A saved knowledge base is loaded into the rank worker on first use. Above
 * SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES entries one stays in the database and is searched there through HNSW.
 * Several processes on one PostgreSQL server each hold their own copies: a change or delete made by any of them
 * reaches the others as a notice (lib/store/kb-changes.ts), and they let go of the id.
 */
import "server-only";
import { config, processWide } from "../config";
import { AppError, isAppError } from "../errors";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { saveSizeOf, type SaveSize } from "../store/disk-space";
import { checkRoomToSave, sharedStore } from "../store/shared-store";
import { listenForKbChanges, type KbChangeFeed, type KbChangeHandlers } from "../store/kb-changes";
import { storeLocation } from "../store/open-store";
import type { KbRecord, KbRecordInput, KbSummary, KbVectors, KnowledgeBaseStore, LibraryOwner, LibraryRow, Released, RoomKbSummary } from "../store/types";
import { documentRecordOf, documentSourceOf } from "./document/source-record";
import { KbCache } from "./kb-cache";
import { MAX_ENTRIES } from "./limits";
import { rankInDatabase } from "./rank-approximate";
import { RankPool } from "./rank-pool";
import type { RankReply } from "./rank-protocol";
import type { CleaningReport, StoredKb, TruncatedEntry } from "./types";

/** A knowledge base ready to search: in the rank worker, or (approximate) in the database's HNSW index. */
export interface OpenedKb {
  kb: StoredKb;
  approximate: boolean;
}

export interface KbRepositoryOptions {
  /** Opens the durable record; called again after a failed open. */
  openStore: () => Promise<KnowledgeBaseStore>;
  /** Refuses (507) a save the store's disk cannot hold. @default no check */
  checkRoom?: (size: SaveSize) => Promise<void>;
  /** Knowledge bases with more entries than this are searched in the database (read on every use). */
  approximateAbove: () => number;
  /**
   * Starts hearing of changes made by other processes on the same database, once the store first opens.
   * @default none: the store is this process's alone (PGlite, locked to it)
   */
  watchChanges?: (handlers: KbChangeHandlers) => KbChangeFeed;
}

/** Loads of one knowledge base evicted while a request waited for it, before the request gives up. */
const RELOAD_TRIES = 3;

export class KbRepository {
  private readonly ranks: RankPool;
  private readonly memory: KbCache;
  private opening: Promise<KnowledgeBaseStore> | undefined;
  private feed: KbChangeFeed | undefined;
  /** Counts the changes heard: a load that saw it move may hold a copy from before, and lets it go. */
  private changesHeard = 0;
  private readonly changeListeners = new Set<(id: string | undefined) => void>();

  constructor(private readonly options: KbRepositoryOptions) {
    this.ranks = new RankPool((reason) => {
      console.error(`[semantic-radar] the rank worker stopped (${reason}); in-memory knowledge bases must be loaded again`);
      this.memory.clear();
    });
    this.memory = new KbCache({ onEvict: (id) => void this.ranks.drop(id).catch(() => undefined) });
  }

  get approximateAbove(): number {
    return this.options.approximateAbove();
  }

  isApproximate(count: number): boolean {
    return count > this.approximateAbove;
  }

  /** Refuses a knowledge base that could never be held in memory, before any work is spent on it. */
  checkFits(kb: StoredKb): void {
    // One searched in the database (approximate) never has to fit in memory.
    if (!this.isApproximate(kb.entries.length)) this.memory.checkFits(kb);
  }

  /**
   * Refuses a save the store cannot take before its entries are embedded: a store that cannot open (503), a disk
   * that cannot hold it (507). Nothing to check for one already saved.
   */
  async checkCanSave(id: string, entries: readonly string[], dims: number): Promise<void> {
    if (await this.peek(id)) return;
    await this.options.checkRoom?.(saveSizeOf(entries, dims, POOLINGS.length));
  }

  /** A knowledge base by id: in memory, else from the store (its vectors loaded into the rank worker). */
  async find(id: string): Promise<OpenedKb> {
    const store = await this.store();
    const inMemory = await this.trusted(id);
    if (inMemory) return { kb: inMemory, approximate: false };
    const heard = this.changesHeard;
    const record = await store.get(id);
    if (!record) throw kbNotFound(id);
    if (record.approximate) return { kb: storedKbOf(record), approximate: true };
    const loaded = await store.load(id);
    if (!loaded) throw kbNotFound(id);
    // Another request may have loaded it meanwhile: holding it again replaces it with the same vectors, harmlessly.
    const kb = storedKbOf(loaded.kb);
    await this.hold(kb, loaded.vectors);
    // A change heard meanwhile may be a delete of what was just loaded: this answer uses it, the next loads again.
    if (this.changesHeard !== heard) this.memory.delete(id);
    return { kb, approximate: false };
  }

  /** What is known of an id without loading its vectors (what a cached POST /api/kb answers with). */
  async peek(id: string): Promise<StoredKb | undefined> {
    const store = await this.store();
    const inMemory = await this.trusted(id);
    if (inMemory) return inMemory;
    const record = await store.get(id);
    return record && storedKbOf(record);
  }

  /**
   * Saves a freshly embedded knowledge base: the store first, in one transaction, before anything can find its
   * id; then, unless it is searched approximately (through an HNSW index on `indexPooling`), the rank worker.
   * The vectors are moved there: the arrays given are empty afterwards.
   */
  async save(kb: StoredKb, saving: { graph: string; vectors: KbVectors; indexPooling: Pooling; name?: string }): Promise<void> {
    const approximate = this.isApproximate(kb.entries.length);
    const { source, ...rest } = kb;
    const record: KbRecordInput = {
      ...rest, graph: saving.graph, name: saving.name ?? defaultName(kb), report: kb.report as unknown as KbRecord["report"], truncated: kb.truncated as unknown as KbRecord["truncated"],
      ...(source ? { document: documentRecordOf(source) } : {}),
    };
    await (await this.store()).save(record, saving.vectors, { indexPoolings: approximate ? [saving.indexPooling] : [] });
    if (!approximate) await this.hold(kb, saving.vectors);
  }

  /**
   * Each pooling's top k against the query vectors: in the rank worker, or through the database's HNSW index.
   * `dims` below the knowledge base's ranks a Matryoshka cut (queries cut already), in the rank worker only: the
   * index holds full vectors.
   */
  async rank(opened: OpenedKb, queries: Partial<Record<Pooling, Float32Array>>, poolings: Pooling[], topK: number, dims?: number): Promise<RankReply> {
    const cut = dims !== undefined && dims !== opened.kb.dims;
    if (opened.approximate && cut) {
      throw new AppError("invalid_input", `\`dimensions\`: a knowledge base of ${opened.kb.entries.length.toLocaleString("en")} entries is searched through the database's index of full vectors, so it cannot be ranked on a cut; expected at most ${this.approximateAbove.toLocaleString("en")} entries, or no \`dimensions\`.`);
    }
    if (opened.approximate) return rankInDatabase(await this.store(), opened.kb.id, queries, poolings, topK);
    return this.inRankWorker(opened.kb.id, () => this.ranks.rank(opened.kb.id, queries, poolings, topK, cut ? dims : undefined));
  }

  /** A copy of one pooling's [entries, dims] matrix of a saved knowledge base (loaded again if it was evicted). */
  vectors(id: string, pooling: Pooling): Promise<Float32Array> {
    return this.inRankWorker(id, () => this.ranks.vectors(id, pooling));
  }

  /** Every knowledge base on the server (the teacher's view), newest first, and where they are kept. */
  async list(): Promise<{ kbs: RoomKbSummary[]; kind: KnowledgeBaseStore["kind"] }> {
    const store = await this.store();
    return { kbs: await store.list(), kind: store.kind };
  }

  /** The named knowledge bases of these libraries, and where they are kept. */
  async library(owners: LibraryOwner[]): Promise<{ rows: LibraryRow[]; kind: KnowledgeBaseStore["kind"] }> {
    const store = await this.store();
    return { rows: await store.library(owners), kind: store.kind };
  }

  async keep(owner: LibraryOwner, id: string, name?: string | null): Promise<KbSummary | undefined> {
    return (await this.store()).keep(owner, id, name);
  }

  async holds(owner: LibraryOwner, id: string): Promise<boolean> {
    return (await this.store()).holds(owner, id);
  }

  /** Takes it out of one library; when no library holds it any more it is deleted, in memory too. */
  async release(owner: LibraryOwner, id: string): Promise<Released> {
    const released = await (await this.store()).release(owner, id);
    if (released.deleted) this.memory.delete(id);
    return released;
  }

  async record(id: string): Promise<KbRecord | undefined> {
    return (await this.store()).get(id);
  }

  async load(id: string): Promise<{ kb: KbRecord; vectors: KbVectors } | undefined> {
    return (await this.store()).load(id);
  }

  /** Deletes the record from every library and lets go of the in-memory copy; false when there was no record. */
  async delete(id: string): Promise<boolean> {
    const deleted = await (await this.store()).delete(id);
    this.memory.delete(id);
    return deleted;
  }

  /** Saves a record as it is (an imported export file) into `owner`'s library; loaded into memory on first search. */
  async import(record: KbRecordInput, vectors: KbVectors, owner: LibraryOwner): Promise<KbSummary | undefined> {
    const store = await this.store();
    await store.save(record, vectors);
    return store.keep(owner, record.id, record.name);
  }

  /** The knowledge base held in memory under `id`, without loading anything (tests read what a request left). */
  inMemory(id: string): StoredKb | undefined {
    return this.memory.get(id);
  }

  get inMemoryCount(): number {
    return this.memory.size;
  }

  /** Lets go of one in-memory knowledge base, or all: what a restart or an eviction leaves (the records stay). */
  evict(id?: string): void {
    for (const key of id === undefined ? this.memory.ids() : [id]) this.memory.delete(key);
  }

  /**
   * Calls `listener` with the id of every knowledge base changed or deleted by another process (undefined: any
   * may have changed), after this repository has let go of it: for whatever else holds knowledge bases by id.
   * Returns the unsubscribe.
   */
  onChange(listener: (id: string | undefined) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Stops hearing of other processes' changes (tests, shutdown). */
  async stopWatching(): Promise<void> {
    await this.feed?.close();
    this.feed = undefined;
  }

  /**
   * The copy held in memory, when it can be trusted: always while the change feed is live (or there is none);
   * while it is down a notice could be missed, so the database is asked whether the id still exists.
   */
  private async trusted(id: string): Promise<StoredKb | undefined> {
    const inMemory = this.memory.get(id);
    if (!inMemory || !this.feed || this.feed.live) return inMemory;
    if (await (await this.store()).has(id)) return inMemory;
    this.memory.delete(id);
    return undefined;
  }

  private heardChange(id: string | undefined): void {
    this.changesHeard++;
    this.evict(id);
    for (const listener of this.changeListeners) listener(id);
  }

  /** The store, opened (and migrated) on first use; a failed open is tried again by the next call. */
  private store(): Promise<KnowledgeBaseStore> {
    if (!this.opening) {
      const opening = this.options.openStore();
      this.opening = opening;
      opening.then(
        () => {
          this.feed ??= this.options.watchChanges?.({ changed: (id) => this.heardChange(id), reset: () => this.heardChange(undefined) });
        },
        () => {
          if (this.opening === opening) this.opening = undefined;
        },
      );
    }
    return this.opening;
  }

  /**
   * Asks the rank worker about a knowledge base found earlier. Its copy may have been let go of since the lookup
   * (evicted: memory holds 32, and a busy server looks up more than that before it ranks them; or dropped on a
   * change notice from another process): then it is loaded from the store again (find), pinned so that the count
   * cannot evict it before it is asked. A knowledge base deleted meanwhile is a 404 from find().
   */
  private async inRankWorker<T>(id: string, ask: () => Promise<T>): Promise<T> {
    const unpin = this.memory.pin(id);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await ask();
        } catch (error) {
          if (!isAppError(error) || error.code !== "kb_not_found") throw error;
          // Only the byte bound evicts a pinned one: past a few loads memory is too full for this request now.
          if (attempt > RELOAD_TRIES) throw new AppError("overloaded", `Server memory is full of knowledge bases being searched: knowledge base "${id}" was loaded ${RELOAD_TRIES} times and pushed out again before its turn. Try again in a moment.`);
          await this.find(id);
        }
      }
    } finally {
      unpin();
    }
  }

  /** Moves the vectors to the rank worker, then lists the knowledge base: the worker has them before any search can find the id. */
  private async hold(kb: StoredKb, vectors: KbVectors): Promise<void> {
    this.memory.checkFits(kb);
    await this.ranks.put(kb.id, kb.dims, vectors);
    this.memory.set(kb);
  }
}

/** The server's one repository, on the store and limits the configuration names. */
export function kbRepository(): KbRepository {
  return processWide(
    "kb-repository",
    () =>
      new KbRepository({
        // Through the keeper: health in /api/status, a back-off after a failed open, 503/507 in plain words.
        openStore: sharedStore,
        checkRoom: checkRoomToSave,
        approximateAbove: () => config().approximateAboveEntries ?? MAX_ENTRIES,
        watchChanges: changeFeedFor(storeLocation()),
      }),
  );
}

/** Only a PostgreSQL server is shared by several processes; PGlite's folder is locked to one. */
function changeFeedFor(location: ReturnType<typeof storeLocation>): KbRepositoryOptions["watchChanges"] {
  if (location.kind !== "postgres") return undefined;
  return (handlers) => listenForKbChanges(location.url, handlers);
}

function storedKbOf(record: KbRecord): StoredKb {
  return {
    id: record.id,
    modelId: record.modelId,
    entries: record.entries,
    dims: record.dims,
    poolings: record.poolings,
    report: record.report as unknown as CleaningReport,
    truncated: record.truncated as unknown as TruncatedEntry[],
    ...(record.document ? { source: documentSourceOf(record.document) } : {}),
  };
}

function defaultName(kb: StoredKb): string {
  const first = kb.source?.document.name ?? kb.entries[0] ?? "";
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}

export function kbNotFound(id: string): AppError {
  const shown = id.length > 40 ? `${id.slice(0, 37)}...` : id;
  return new AppError("kb_not_found", `No knowledge base with id "${shown}": expected the id of a saved knowledge base (GET /api/kbs lists them). It may have been deleted; embed it again with POST /api/kb.`);
}
