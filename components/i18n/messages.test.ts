import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

type Tree = { [key: string]: string | ((...args: never[]) => string) | Tree };

/** Every path to a message, with its value: ["results.match", "match"], ["search.embedding", fn]. */
function leaves(tree: Tree, prefix = ""): [string, Tree[string]][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, Tree[string]]],
  );
}

/** A message as text: a function gets sample arguments (numbers render as counts, "x" as names, arrays as lists). */
function render(value: Tree[string]): string {
  if (typeof value === "string") return value;
  const fn = value as (...args: unknown[]) => string;
  try {
    return fn(...Array.from({ length: fn.length }, (_, i) => (i % 2 ? "x" : 3)));
  } catch {
    return fn(["a", "b"]);
  }
}

describe("the dictionaries", () => {
  const en = new Map(leaves(MESSAGES.en as unknown as Tree));
  const zh = new Map(leaves(MESSAGES.zh as unknown as Tree));

  it("have the same keys in English and Chinese, each the same kind of message", () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, value] of en) expect(typeof zh.get(key), key).toBe(typeof value);
  });

  it("render every message to non-empty text, and every fixed Chinese text in Chinese characters", () => {
    // Names that read the same in both languages.
    const sameInBoth = new Set(["results.views.cls", "lab.shortPoolings.cls", "keyword.short.keyword", "keyword.short.hybrid"]);
    for (const [key, value] of zh) {
      expect(render(value).trim(), key).not.toBe("");
      expect(render(en.get(key)!).trim(), key).not.toBe("");
      if (typeof value === "string" && !sameInBoth.has(key)) expect(value, key).toMatch(/\p{Script=Han}/u);
    }
  });
});
