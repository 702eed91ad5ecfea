import { describe, expect, it } from "vitest";
import type { LabReport } from "@/lib/lab/report";
import { POST } from "./route";

const post = (body: unknown) =>
  POST(new Request("http://test/api/lab", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }));

describe("POST /api/lab", () => {
  it("runs the article's scenarios on the real default model, in its language by default", async () => {
    const response = await post({ model: "all-MiniLM-L6-v2" });
    expect(response.status).toBe(200);
    const report = (await response.json()) as LabReport & { timings: { totalMs: number } };
    expect(report.lang).toBe("en");
    expect(report.model.nativePooling).toBe("mean");
    expect(report.run.table.rows).toHaveLength(8);
    expect(report.timings.totalMs).toBeGreaterThan(0);
  });

  it("runs a person's own scenarios, reported as custom", async () => {
    const scenario = { name: "Refund", query: "money back?", strong: "Refunds take five days", weak: "Prices include VAT", unrelated: "A cat" };
    const report = (await (await post({ model: "all-MiniLM-L6-v2", scenarios: [scenario] })).json()) as LabReport;
    expect(report.lang).toBe("custom");
    expect(report.run.table.rows.map((row) => row.name)).toEqual(["Refund"]);
  });

  it("answers 404 naming the installed models for an unknown model", async () => {
    const response = await post({ model: "Qwen3-Embedding-4B" });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "model_not_found", message: expect.stringMatching(/all-MiniLM-L6-v2/) });
  });

  it("answers 422 saying what was expected and given", async () => {
    const both = await post({ model: "all-MiniLM-L6-v2", lang: "zh", scenarios: [] });
    expect(both.status).toBe(422);
    expect((await both.json()).error.message).toMatch(/`scenarios`: expected at least 1 scenario, got an array of 0/);

    const scenario = { name: "n", query: "q", strong: "s", weak: "w", unrelated: "u" };
    const twice = await post({ model: "all-MiniLM-L6-v2", lang: "zh", scenarios: [scenario] });
    expect((await twice.json()).error.message).toMatch(/expected lang \(the article's scenarios\) or scenarios \(your own\), not both/);

    const lang = await post({ model: "all-MiniLM-L6-v2", lang: "fr" });
    expect((await lang.json()).error.message).toMatch(/`lang`: expected one of zh, en, got "fr" \(string\)/);

    const notJson = await post("model=all-MiniLM-L6-v2");
    expect(notJson.status).toBe(422);
    expect((await notJson.json()).error.message).toMatch(/Expected a JSON request body/);
  });
});
