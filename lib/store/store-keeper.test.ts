/**
 * The keeper's rules, on a clock and a disk the test sets: an open that fails is not tried again until its
 * back-off is over (doubling, with the reason said at once meanwhile); a call that breaks the store closes it;
 * a full disk is said as such and the store reopens once the disk has room. The real database and a real full
 * disk: lib/kb/store-faults.test.ts.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { REOPEN_MIN_FREE_BYTES } from "./disk-space";
import { StoreKeeper } from "./store-keeper";
import type { KnowledgeBaseStore } from "./types";

const MiB = 1024 ** 2;

/** A store whose calls answer what the test says; `closed` counts closes and terminations. */
function fakeStore(list: () => Promise<unknown[]> = async () => []) {
  const store = {
    kind: "pglite" as const,
    closed: 0,
    list,
    close: async () => void store.closed++,
    terminate: async () => void store.closed++,
  };
  return store;
}

function keptStore(options: { opens: (() => Promise<KnowledgeBaseStore>)[]; free?: number }) {
  let clock = 0;
  let free = options.free ?? 10_000 * MiB;
  let opened = 0;
  const keeper = new StoreKeeper({
    location: { kind: "pglite", dataDir: "/data/pglite" },
    open: () => options.opens[Math.min(opened++, options.opens.length - 1)](),
    now: () => clock,
    free: () => free,
  });
  return {
    keeper,
    advance: (ms: number) => void (clock += ms),
    setFree: (bytes: number) => void (free = bytes),
    opened: () => opened,
  };
}

const failing = (message: string) => () => Promise.reject(new Error(message));
const opening = (store: object) => () => Promise.resolve(store as unknown as KnowledgeBaseStore);

describe("StoreKeeper", () => {
  it("says why it cannot open, at once, without trying again until its back-off is over; the wait doubles", async () => {
    const { keeper, advance, opened } = keptStore({ opens: [failing("the folder is not a folder")] });
    await expect(keeper.store()).rejects.toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/could not be opened \(the folder is not a folder\)/) });
    for (let i = 0; i < 5; i++) await expect(keeper.store()).rejects.toMatchObject({ code: "store_unavailable" });
    expect(opened()).toBe(1);
    expect(keeper.health()).toMatchObject({ state: "failed", reason: expect.stringMatching(/not a folder/), retryInMs: 1_000 });
    advance(1_000);
    await expect(keeper.store()).rejects.toThrow();
    expect(opened()).toBe(2);
    expect(keeper.health().retryInMs).toBe(2_000);
    advance(1_999);
    await expect(keeper.store()).rejects.toThrow();
    expect(opened()).toBe(2);
  });

  it("caps the back-off at a minute and is ok once an open succeeds", async () => {
    const store = fakeStore();
    const { keeper, advance, opened } = keptStore({ opens: [...Array.from({ length: 9 }, () => failing("down")), opening(store)] });
    for (let i = 0; i < 9; i++) {
      await expect(keeper.store()).rejects.toThrow();
      advance(keeper.health().retryInMs!);
    }
    expect(keeper.health().retryInMs).toBe(0);
    expect(opened()).toBe(9);
    expect(await keeper.store()).toBe(store);
    expect(keeper.health()).toMatchObject({ state: "ok" });
  });

  it("caps the wait between tries at 60 s", async () => {
    const { keeper, advance } = keptStore({ opens: [failing("down")] });
    for (let i = 0; i < 10; i++) {
      await expect(keeper.store()).rejects.toThrow();
      advance(60_000);
    }
    await expect(keeper.store()).rejects.toThrow();
    expect(keeper.health().retryInMs).toBe(60_000);
  });

  it("closes a store whose call broke it, never asks it again, and opens a fresh one after the back-off", async () => {
    const broken = fakeStore(() => Promise.reject(new AppError("store_unavailable", "The embedded database stopped working after an error (cannot drop active portal).")));
    const fresh = fakeStore(async () => ["kb"]);
    const { keeper, advance } = keptStore({ opens: [opening(broken), opening(fresh)] });
    await expect(keeper.use((store) => store.list())).rejects.toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/stopped working/) });
    expect(broken.closed).toBe(1);
    expect(keeper.health()).toMatchObject({ state: "failed", reason: expect.stringMatching(/cannot drop active portal/) });
    await expect(keeper.use((store) => store.list())).rejects.toMatchObject({ code: "store_unavailable" });
    advance(1_000);
    expect(await keeper.use((store) => store.list())).toEqual(["kb"]);
    expect(keeper.health().state).toBe("ok");
  });

  it("says disk full when a call fails on a disk with no room, and reopens by itself once there is room", async () => {
    const panicked = fakeStore(() => Promise.reject(new Error('cannot drop active portal ""')));
    const fresh = fakeStore(async () => ["kb"]);
    const { keeper, setFree, opened } = keptStore({ opens: [opening(panicked), opening(fresh)] });
    await keeper.store();
    setFree(3 * MiB);
    await expect(keeper.use((store) => store.list())).rejects.toMatchObject({ code: "storage_full", message: expect.stringMatching(/^Disk full: .*has 3\.0 MiB free/) });
    expect(panicked.closed).toBe(1);
    expect(keeper.health()).toMatchObject({ state: "disk_full", freeBytes: 3 * MiB });
    await expect(keeper.use((store) => store.list())).rejects.toMatchObject({ code: "storage_full" });
    expect(opened()).toBe(1);
    setFree(REOPEN_MIN_FREE_BYTES);
    expect(await keeper.use((store) => store.list())).toEqual(["kb"]);
    expect(opened()).toBe(2);
  });

  it("does not open a store on a disk with no room for its log, and says so", async () => {
    const { keeper, opened } = keptStore({ opens: [opening(fakeStore())], free: 5 * MiB });
    await expect(keeper.store()).rejects.toMatchObject({ code: "storage_full", message: expect.stringMatching(/needs about 24\.0 MiB/) });
    expect(opened()).toBe(0);
    expect(keeper.health().state).toBe("disk_full");
  });

  it("refuses a save the disk cannot hold before any work, and leaves the store ok", async () => {
    const { keeper } = keptStore({ opens: [opening(fakeStore())], free: 30 * MiB });
    // 2,000 entries x 5 poolings x 384 dims: 15 MiB of floats and their row headers, written twice (log and tables), and 8 MiB.
    await expect(keeper.checkRoomFor({ count: 2_000, dims: 384, poolings: 5, textBytes: 100_000 })).rejects.toMatchObject({
      code: "storage_full",
      message: expect.stringMatching(/has 30\.0 MiB free: this needs about 39\.0 MiB/),
    });
    await expect(keeper.checkRoomFor({ count: 100, dims: 384, poolings: 5, textBytes: 5_000 })).resolves.toBeUndefined();
    expect(keeper.health().state).toBe("ok");
  });

  it("passes the request's own errors through without closing the store", async () => {
    const store = fakeStore(() => Promise.reject(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" })));
    const { keeper } = keptStore({ opens: [opening(store)] });
    await expect(keeper.use((s) => s.list())).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/NUL, U\+0000/) });
    expect(store.closed).toBe(0);
    expect(keeper.health().state).toBe("ok");
  });

  it("reports opening while it opens, and starts opening when asked for its health", async () => {
    let finish: (store: KnowledgeBaseStore) => void = () => undefined;
    const { keeper, opened } = keptStore({ opens: [() => new Promise((resolve) => (finish = resolve))] });
    expect(keeper.health(true).state).toBe("opening");
    expect(opened()).toBe(1);
    finish(fakeStore() as unknown as KnowledgeBaseStore);
    await keeper.store();
    expect(keeper.health().state).toBe("ok");
  });
});
