import { describe, expect, it } from "vitest";
import { MESSAGES } from "../i18n/messages";
import { firstTokenNote, poolingLabel, viewLabel } from "./pooling-labels";

describe("pooling labels", () => {
  it("calls CLS the first token on a causal decoder, in both languages, and says why it is a poor choice", () => {
    expect(viewLabel(MESSAGES.en, "cls", "causal-decoder")).toBe("First token");
    expect(poolingLabel(MESSAGES.zh, "cls", "causal-decoder")).toBe("首 token");
    expect(firstTokenNote(MESSAGES.en, ["cls", "mean"], "causal-decoder")).toMatch(/^A causal model has no \[CLS\]: its first token sees only itself/);
    expect(firstTokenNote(MESSAGES.zh, ["cls"], "causal-decoder")).toMatch(/只看得到自己/);
  });

  it("keeps CLS on an encoder, other poolings unchanged, and no note where the first token is not shown", () => {
    expect(viewLabel(MESSAGES.en, "cls", "encoder")).toBe("CLS");
    expect(viewLabel(MESSAGES.en, "last_token", "causal-decoder")).toBe("Last token");
    expect(poolingLabel(MESSAGES.en, "cls", undefined)).toBe("CLS / first token");
    expect(firstTokenNote(MESSAGES.en, ["cls"], "encoder")).toBeUndefined();
    expect(firstTokenNote(MESSAGES.en, ["last_token", "mean"], "causal-decoder")).toBeUndefined();
  });
});
