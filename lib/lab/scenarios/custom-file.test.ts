import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseCustomScenarios, serializeCustomScenarios } from "./custom-file";
import { SCENARIOS_MAX, SCENARIO_TEXT_MAX_CHARS } from "./schema";
import type { Scenario } from "./types";

const workshop: Scenario[] = [
  { name: "Refund", query: "How do I get my money back?", strong: "Refunds take 5 days", weak: "Prices are in euros", unrelated: "Our office has a cat" },
  { name: "中文", query: "我饿了", strong: "肚子咕咕叫", weak: "我刚吃完饭", unrelated: "天空是蓝色的" },
];

function parseError(text: string): AppError {
  try {
    parseCustomScenarios(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected parseCustomScenarios to throw");
}

describe("custom scenario files", () => {
  it("round-trip through export and import", () => {
    expect(parseCustomScenarios(serializeCustomScenarios(workshop))).toEqual(workshop);
  });

  it("import a bare list typed by hand, trimming the texts", () => {
    const typed = JSON.stringify([{ ...workshop[0], query: "  How do I get my money back?\n" }]);
    expect(parseCustomScenarios(typed)).toEqual([workshop[0]]);
  });

  it("reject text that is not JSON, saying so", () => {
    const error = parseError("name,query\nRefund,money");
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/^Expected a JSON file of scenarios, got text that is not JSON/);
  });

  it("reject a JSON object without scenarios, naming the keys found", () => {
    expect(parseError('{"rows": []}').message).toMatch(/got an object with keys \["rows"\]/);
  });

  it("reject another format or version", () => {
    expect(parseError('{"format": "other", "scenarios": []}').message).toMatch(/Expected format ".+", got "other"/);
    expect(parseError('{"version": 2, "scenarios": []}').message).toMatch(/Expected version 1, got 2/);
  });

  it("say which scenario and field is wrong, in words rather than a schema path", () => {
    const broken = [workshop[0], { ...workshop[1], weak: "   " }, { ...workshop[1], unrelated: 3 }];
    const message = parseError(JSON.stringify(broken)).message;
    expect(message).toMatch(/^scenario 2, weak: expected a non-empty text, got "" \(string\)$/m);
    expect(message).toMatch(/^scenario 3, unrelated: expected a text, got 3 \(number\)$/m);
    expect(message).not.toMatch(/`|\[\d\]/);
    expect(message.split("\n")).toHaveLength(2);
  });

  it("enforce the size limits with the numbers given", () => {
    const long = { ...workshop[0], query: "x".repeat(SCENARIO_TEXT_MAX_CHARS + 1) };
    expect(parseError(JSON.stringify([long])).message).toMatch(
      new RegExp(`^scenario 1, query: expected at most ${SCENARIO_TEXT_MAX_CHARS} characters \\(this one has ${SCENARIO_TEXT_MAX_CHARS + 1}\\)`),
    );
    const many = Array.from({ length: SCENARIOS_MAX + 1 }, () => workshop[0]);
    expect(parseError(JSON.stringify(many)).message).toMatch(new RegExp(`expected at most ${SCENARIOS_MAX} scenarios, got an array of ${SCENARIOS_MAX + 1}`));
    expect(parseError("[]").message).toMatch(/expected at least 1 scenario, got an array of 0/);
  });
});
