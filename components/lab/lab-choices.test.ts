import { describe, expect, it } from "vitest";
import type { LabModel } from "@/lib/lab/model";
import { ALL_MODELS, defaultLabChoices, parseLabChoices } from "./lab-choices";

const model = (id: string, graphs: LabModel["graphs"], isDefault = false) => ({ id, graphs, isDefault }) as LabModel;
const MODELS = [model("mini", ["fp32", "int8"], true), model("zh", ["fp32"])];

describe("parseLabChoices", () => {
  it("gives the default model, the article's scenarios in its language and its first graph when nothing is stored", () => {
    expect(parseLabChoices(null, MODELS)).toEqual({ model: "mini", scenarios: "auto", graph: "fp32" });
    expect(defaultLabChoices(MODELS)).toEqual(parseLabChoices(null, MODELS));
  });

  it("reads back what was chosen", () => {
    const stored = JSON.stringify({ model: "zh", scenarios: "custom", graph: "int8" });
    expect(parseLabChoices(stored, MODELS)).toEqual({ model: "zh", scenarios: "custom", graph: "int8" });
    expect(parseLabChoices(JSON.stringify({ model: ALL_MODELS }), MODELS).model).toBe(ALL_MODELS);
  });

  it("falls back field by field when a model or graph is no longer installed or a value is malformed", () => {
    const stored = JSON.stringify({ model: "gone", scenarios: "fr", graph: "int8" });
    expect(parseLabChoices(stored, MODELS)).toEqual({ model: "mini", scenarios: "auto", graph: "int8" });
    expect(parseLabChoices(JSON.stringify({ graph: "int8" }), [model("zh", ["fp32"], true)]).graph).toBe("fp32");
    expect(parseLabChoices(JSON.stringify({ model: ALL_MODELS }), [MODELS[0]]).model).toBe("mini");
    expect(parseLabChoices("{not json", MODELS)).toEqual(defaultLabChoices(MODELS));
    expect(parseLabChoices("[1,2]", MODELS)).toEqual(defaultLabChoices(MODELS));
  });
});
