import { describe, expect, it } from "vitest";
import { scriptMismatch } from "./script-check";

describe("scriptMismatch", () => {
  it("warns about Chinese entries on an English-only model", () => {
    const warning = scriptMismatch(["猫在睡觉", "我饿了", "The cat sleeps"], ["en"], "all-MiniLM-L6-v2");
    expect(warning?.script).toBe("Chinese");
    expect(warning?.message).toMatch(/67% of the entries are Chinese, but all-MiniLM-L6-v2 was trained on en only/);
  });

  it("warns about English-only entries on a Chinese model", () => {
    expect(scriptMismatch(["The cat sleeps", "I am hungry"], ["zh"], "bge-small-zh-v1.5")?.script).toBe("Latin");
  });

  it("stays quiet when the script fits, or the odd entry does not", () => {
    expect(scriptMismatch(["The cat sleeps", "I am hungry"], ["en"], "m")).toBeNull();
    expect(scriptMismatch(["猫在睡觉", "我饿了"], ["zh"], "m")).toBeNull();
    expect(scriptMismatch([...Array(9).fill("English text"), "中文"], ["en"], "m")).toBeNull();
    expect(scriptMismatch([], ["en"], "m")).toBeNull();
  });
});
