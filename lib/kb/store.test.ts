import { describe, expect, it } from "vitest";
import { kbBytes, KbStore, type StoredKb } from "./store";

function kb(id: string, vectorFloats = 10): StoredKb {
  return {
    id,
    modelId: "m",
    entries: ["ab"],
    dims: vectorFloats,
    poolings: ["cls"],
    report: { given: 1, kept: 1, blank: 0, symbolsOnly: 0, duplicates: 0, cutToChars: [] },
    truncated: [],
  };
}

describe("kbBytes", () => {
  it("counts vector bytes and two bytes per character", () => {
    expect(kbBytes(kb("a", 10))).toBe(10 * 4 + 2 * 2);
  });
});

describe("KbStore", () => {
  it("evicts the least recently used past the count bound", () => {
    const store = new KbStore({ maxKbs: 2 });
    store.set(kb("a"));
    store.set(kb("b"));
    store.get("a"); // a is now the most recent
    store.set(kb("c"));
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")?.id).toBe("a");
    expect(store.get("c")?.id).toBe("c");
    expect(store.size).toBe(2);
  });

  it("evicts past the byte bound and keeps the byte count exact", () => {
    const one = kbBytes(kb("x", 100));
    const store = new KbStore({ maxBytes: one * 2 });
    store.set(kb("a", 100));
    store.set(kb("b", 100));
    store.set(kb("c", 100));
    expect(store.size).toBe(2);
    expect(store.totalBytes).toBe(one * 2);
    expect(store.get("a")).toBeUndefined();
  });

  it("tells its owner about every knowledge base evicted or deleted, not about one replaced", () => {
    const evicted: string[] = [];
    const store = new KbStore({ maxKbs: 2, onEvict: (id) => evicted.push(id) });
    store.set(kb("a"));
    store.set(kb("b"));
    store.set(kb("b"));
    store.set(kb("c"));
    store.delete("b");
    store.delete("missing");
    expect(evicted).toEqual(["a", "b"]);
  });

  it("replaces an id without counting it twice", () => {
    const store = new KbStore();
    store.set(kb("a"));
    store.set(kb("a"));
    expect(store.size).toBe(1);
    expect(store.totalBytes).toBe(kbBytes(kb("a")));
  });

  it("refuses a knowledge base bigger than the whole store", () => {
    const store = new KbStore({ maxBytes: 10 });
    expect(() => store.set(kb("a", 100))).toThrow(/expected at most 0\.0 MiB of server memory/);
  });
});
