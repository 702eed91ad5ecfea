/**
 * Hears, on a PostgreSQL server shared by several radar processes, that a knowledge base was changed or deleted
 * by any of them: the kbs table's trigger (migration 2) sends its id on NOTIFY at commit, and every process
 * LISTENs on a connection of its own. A process drops what it holds of that id (the rank worker's matrices), so
 * a delete, a rename or any later change to the row is seen everywhere within the time a notice takes (ms).
 *
 * A notice sent while the connection is down is lost: after every (re)connection the feed says `reset`, and the
 * holder drops everything; while it is down `live` is false and the holder checks the database before trusting
 * what it holds. Server-only.
 */
import pg from "pg";

export const KB_CHANGED_CHANNEL = "semantic_radar_kb_changed";

export interface KbChangeHandlers {
  /** The row of `id` changed or was deleted: drop what is held of it. */
  changed(id: string): void;
  /** Notices may have been missed (connected again after a loss, or for the first time): drop everything held. */
  reset(): void;
}

export interface KbChangeFeed {
  /** True while connected and listening: no notice can be missed. */
  readonly live: boolean;
  close(): Promise<void>;
}

export interface KbChangeFeedOptions {
  /** Wait before connecting again after a loss. @default 1,000 ms */
  retryMs?: number;
  /** Where a lost connection is reported. @default console.error */
  log?: (message: string) => void;
}

/** Listens on `url` until closed, connecting again after any loss. */
export function listenForKbChanges(url: string, handlers: KbChangeHandlers, options: KbChangeFeedOptions = {}): KbChangeFeed {
  const retryMs = options.retryMs ?? 1_000;
  const log = options.log ?? ((message: string) => console.error(`[semantic-radar] ${message}`));
  let client: pg.Client | undefined;
  let live = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (reason: string) => {
    if (closed || !client) return;
    const was = client;
    client = undefined;
    live = false;
    was.removeAllListeners("notification");
    void was.end().catch(() => undefined);
    log(`the change feed from PostgreSQL was lost (${reason}); connecting again in ${retryMs} ms`);
    retry = setTimeout(connect, retryMs);
    retry.unref();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    client = next;
    next.on("error", (error) => lost(error.message));
    next.on("end", () => lost("the connection ended"));
    next.on("notification", (notice) => {
      if (notice.channel === KB_CHANGED_CHANNEL && notice.payload) handlers.changed(notice.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${KB_CHANGED_CHANNEL}`);
    } catch (error) {
      if (client === next) lost((error as Error).message);
      return;
    }
    if (client !== next || closed) return;
    live = true;
    handlers.reset();
  }

  void connect();
  return {
    get live() {
      return live;
    },
    async close() {
      closed = true;
      live = false;
      clearTimeout(retry);
      const was = client;
      client = undefined;
      await was?.end().catch(() => undefined);
    },
  };
}
