import { describe, expect, it } from "vitest";
import { kbBytes, KbCache } from "./kb-cache";
import type { StoredKb } from "./types";

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

describe("KbCache", () => {
  it("evicts the least recently used past the count bound", () => {
    const cache = new KbCache({ maxKbs: 2 });
    cache.set(kb("a"));
    cache.set(kb("b"));
    cache.get("a"); // a is now the most recent
    cache.set(kb("c"));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.id).toBe("a");
    expect(cache.get("c")?.id).toBe("c");
    expect(cache.size).toBe(2);
  });

  it("evicts past the byte bound and keeps the byte count exact", () => {
    const one = kbBytes(kb("x", 100));
    const cache = new KbCache({ maxBytes: one * 2 });
    cache.set(kb("a", 100));
    cache.set(kb("b", 100));
    cache.set(kb("c", 100));
    expect(cache.size).toBe(2);
    expect(cache.totalBytes).toBe(one * 2);
    expect(cache.get("a")).toBeUndefined();
  });

  it("tells its owner about every knowledge base evicted or deleted, not about one replaced", () => {
    const evicted: string[] = [];
    const cache = new KbCache({ maxKbs: 2, onEvict: (id) => evicted.push(id) });
    cache.set(kb("a"));
    cache.set(kb("b"));
    cache.set(kb("b"));
    cache.set(kb("c"));
    cache.delete("b");
    cache.delete("missing");
    expect(evicted).toEqual(["a", "b"]);
  });

  it("replaces an id without counting it twice", () => {
    const cache = new KbCache();
    cache.set(kb("a"));
    cache.set(kb("a"));
    expect(cache.size).toBe(1);
    expect(cache.totalBytes).toBe(kbBytes(kb("a")));
  });

  it("refuses a knowledge base bigger than the whole cache", () => {
    const cache = new KbCache({ maxBytes: 10 });
    expect(() => cache.set(kb("a", 100))).toThrow(/expected at most 0\.0 MiB of server memory/);
  });

  it("passes over a pinned knowledge base when evicting by count, and evicts it once the pin is let go", () => {
    const evicted: string[] = [];
    const cache = new KbCache({ maxKbs: 2, onEvict: (id) => evicted.push(id) });
    const unpinA = cache.pin("a"); // pinned before it is held, as a search pins what it is about to load
    cache.set(kb("a"));
    cache.set(kb("b"));
    cache.set(kb("c"));
    expect(evicted).toEqual(["b"]);
    const unpinC = cache.pin("c");
    cache.set(kb("d"));
    expect(cache.ids()).toEqual(["a", "c", "d"]); // over the count while two searches are in flight
    unpinA();
    unpinA(); // letting go twice counts once
    expect(evicted).toEqual(["b", "a"]);
    expect(cache.size).toBe(2);
    unpinC();
    expect(cache.ids()).toEqual(["c", "d"]);
  });

  it("keeps counting pins: a knowledge base pinned twice stays until both are let go", () => {
    const cache = new KbCache({ maxKbs: 1 });
    const first = cache.pin("a");
    const second = cache.pin("a");
    cache.set(kb("a"));
    cache.set(kb("b"));
    first();
    expect(cache.ids()).toEqual(["a", "b"]);
    second();
    expect(cache.ids()).toEqual(["b"]);
  });

  it("evicts a pinned knowledge base past the byte bound: memory is the hard limit", () => {
    const one = kbBytes(kb("x", 100));
    const cache = new KbCache({ maxBytes: one * 2 });
    cache.pin("a");
    cache.set(kb("a", 100));
    cache.set(kb("b", 100));
    cache.set(kb("c", 100));
    expect(cache.ids()).toEqual(["b", "c"]);
  });
});
