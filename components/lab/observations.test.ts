import { describe, expect, it } from "vitest";
import { buildLabRow, buildLabTable, mapPoolings, type CandidateScores } from "@/lib/lab/table";
import type { LabModel } from "@/lib/lab/model";
import type { LabReport } from "@/lib/lab/report";
import type { Pooling } from "@/lib/pooling/strategies";
import { MESSAGES } from "../i18n/messages";
import { maxScoreGap, meanUnrelated, rankByAverageDelta, runObservations as observe } from "./observations";

const runObservations = (r: LabReport) => observe(r, MESSAGES.en);

function report(native: Pooling, scores: Partial<Record<Pooling, CandidateScores>>, architecture: LabModel["architecture"] = "encoder"): LabReport {
  const base: CandidateScores = { strong: 0.5, weak: 0.4, unrelated: 0.3 };
  const row = buildLabRow("1", mapPoolings((p) => scores[p] ?? base));
  const model = { id: "m", nativePooling: native, architecture, languages: ["en"] } as unknown as LabModel;
  return { model, graph: "fp32", device: "cpu", loadMs: 0, lang: "en", scenarios: [], run: { table: buildLabTable([row]), truncated: [], embedMs: 0 } };
}

describe("run observations", () => {
  it("rank the native pooling by average delta", () => {
    const r = report("mean", { cls: { strong: 0.9, weak: 0.5, unrelated: 0.1 }, mean: { strong: 0.8, weak: 0.5, unrelated: 0.1 } });
    expect(rankByAverageDelta(r, "cls")).toBe(1);
    expect(rankByAverageDelta(r, "mean")).toBe(2);
    expect(runObservations(r)[0]).toMatch(/^Here CLS \/ first token edges out the native Mean on average Δ \(0\.8000 vs 0\.7000, rank 2 of 5\)/);
  });

  it("say so when the native pooling separates best", () => {
    const r = report("cls", { cls: { strong: 0.9, weak: 0.5, unrelated: 0.1 } });
    expect(runObservations(r)[0]).toBe("Here the native pooling (CLS / first token) has the largest average Δ, 0.8000.");
  });

  it("notice an encoder whose last token copies CLS, and only an encoder", () => {
    const same = { strong: 0.7, weak: 0.6, unrelated: 0.2 };
    const twin = { strong: 0.7004, weak: 0.6, unrelated: 0.2 };
    expect(maxScoreGap(report("cls", { cls: same, last_token: twin }), "cls", "last_token")).toBeCloseTo(0.0004, 6);
    expect(runObservations(report("cls", { cls: same, last_token: twin })).join(" ")).toMatch(/\[SEP\] vector has become a copy of \[CLS\]/);
    expect(runObservations(report("last_token", { cls: same, last_token: twin }, "causal-decoder")).join(" ")).not.toMatch(/\[SEP\]/);
    expect(runObservations(report("cls", { cls: same, last_token: { ...same, weak: 0.5 } })).join(" ")).not.toMatch(/\[SEP\]/);
  });

  it("draw no conclusion when the scenarios' language does not fit the model, and speak Chinese", () => {
    const r = { ...report("cls", { cls: { strong: 0.9, weak: 0.5, unrelated: 0.1 } }), lang: "zh" as const };
    expect(runObservations(r)).toEqual(["No conclusions are drawn for m on these scenarios: their language does not fit the model."]);
    expect(observe(report("cls", { cls: { strong: 0.9, weak: 0.5, unrelated: 0.1 } }), MESSAGES.zh)[0]).toBe("这里原生池化（CLS / 首 token）的平均 Δ 最大，为 0.8000。");
  });

  it("notice a CLS that scores unrelated texts high when the model was trained otherwise", () => {
    const r = report("mean", { cls: { strong: 0.9, weak: 0.85, unrelated: 0.8 }, mean: { strong: 0.6, weak: 0.4, unrelated: 0.1 } });
    expect(meanUnrelated(r, "cls")).toBeCloseTo(0.8, 12);
    expect(runObservations(r).join(" ")).toMatch(/scores even the unrelated candidates at 0\.80 on average \(native: 0\.10\)/);
    expect(runObservations(report("cls", { cls: { strong: 0.9, weak: 0.85, unrelated: 0.8 } })).join(" ")).not.toMatch(/unrelated candidates/);
  });
});
