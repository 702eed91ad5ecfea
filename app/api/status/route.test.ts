/** GET /api/status against the installed models: no mocks. */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { loadEngine } from "@/lib/engine";
import { CUDA_UNAVAILABLE } from "@/testing/cuda-reasons";
import type { StatusResponse } from "@/lib/api/contract";
import { GET } from "./route";

async function status(query = ""): Promise<{ code: number; body: StatusResponse & { error?: { code: string; message: string } } }> {
  const response = await GET(new NextRequest(`http://localhost/api/status${query}`));
  return { code: response.status, body: await response.json() };
}

describe("GET /api/status", () => {
  it("lists the installed models, the default first, with native pooling and no server paths", async () => {
    const { code, body } = await status();
    expect(code).toBe(200);
    expect(body.defaultModel).toBe("all-MiniLM-L6-v2");
    const byId = Object.fromEntries(body.models.map((m) => [m.id, m]));
    expect(byId["all-MiniLM-L6-v2"]).toMatchObject({ nativePooling: "mean", hiddenSize: 384, isDefault: true, numLayers: 6 });
    expect(byId["bge-small-en-v1.5"]).toMatchObject({ nativePooling: "cls", hasQueryPrompt: true });
    expect(byId["bge-small-zh-v1.5"]).toMatchObject({ nativePooling: "cls", languages: ["zh"] });
    expect(JSON.stringify(body)).not.toContain("/models/");
    // Sizes from config.json, and what loading the model takes (the CPU's graph: int8 where there is one).
    expect(byId["all-MiniLM-L6-v2"]).toMatchObject({ numLayers: 6, contextTokens: 512, memory: { graph: expect.stringMatching(/^(fp32|int8)$/) } });
    const { weightsBytes, workingBytes, totalBytes } = byId["all-MiniLM-L6-v2"].memory!;
    expect(weightsBytes).toBeGreaterThan(20e6);
    expect(totalBytes).toBe(weightsBytes + workingBytes);
    expect(body.memory).toEqual({ bytes: expect.any(Number), source: "system" });
    expect(body.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  it("reports the store's health, opening it when asked, then ok with the free space of its disk", async () => {
    const first = (await status()).body.store;
    expect(first).toMatchObject({ kind: "pglite", state: expect.stringMatching(/^(opening|ok)$/) });
    await expect.poll(async () => (await status()).body.store.state, { timeout: 60_000, interval: 200 }).toBe("ok");
    expect((await status()).body.store.freeBytes).toBeGreaterThan(0);
  });

  it("starts loading the asked model and reports it ready with device, dims and load time", async () => {
    const first = await status("?model=all-MiniLM-L6-v2");
    expect(["loading", "ready"]).toContain(first.body.engines.find((e) => e.modelId === "all-MiniLM-L6-v2")!.status);
    await loadEngine("all-MiniLM-L6-v2");
    const { body } = await status("?model=all-MiniLM-L6-v2");
    expect(body.engines.find((e) => e.modelId === "all-MiniLM-L6-v2")).toMatchObject({
      status: "ready",
      device: "cpu",
      dims: 384,
      loadMs: expect.any(Number),
    });
  });

  it("says why auto skipped CUDA in the probe's precise words, never a bare failure", async () => {
    await loadEngine("all-MiniLM-L6-v2");
    const { body } = await status("?model=all-MiniLM-L6-v2");
    const engine = body.engines.find((e) => e.modelId === "all-MiniLM-L6-v2")!;
    if (engine.device === "cuda") return void expect(engine.skipped ?? []).toEqual([]);
    const cuda = engine.skipped?.find((s) => s.device === "cuda");
    expect(cuda?.reason).toMatch(CUDA_UNAVAILABLE);
    expect(cuda?.reason).not.toContain("/node_modules/");
  });

  it("reports the process's CPU time, which grows with work, and the cores it may use", async () => {
    const before = (await status()).body.serving;
    // Spin until this process has used 60 ms more CPU (bounded at 5 s, however busy the machine is).
    const start = process.cpuUsage();
    const deadline = performance.now() + 5000;
    while (performance.now() < deadline && (process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < 60);
    const after = (await status()).body.serving;
    expect(after.cpuMs - before.cpuMs).toBeGreaterThanOrEqual(50);
    expect(after.cores).toBeGreaterThanOrEqual(1);
  });

  it("answers 404 for an unknown model, naming the installed ones", async () => {
    const { code, body } = await status("?model=gpt-5");
    expect(code).toBe(404);
    expect(body.error).toMatchObject({ code: "model_not_found", message: expect.stringMatching(/unknown model "gpt-5"; installed models: .*bge-small-zh-v1\.5/) });
  });
});
