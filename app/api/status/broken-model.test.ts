/**
 * A broken model folder affects that model only: malformed JSON and a truncated graph, beside a real model, in a
 * models folder of their own. No mocks: the real registry, engine, worker and routes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { KbEvent, StatusResponse } from "@/lib/api/contract";
import { reloadConfig } from "@/lib/config";
import { loadEngine, rescanModels } from "@/lib/engine";
import { POST as postKb } from "../kb/route";
import { GET } from "./route";

const REAL = resolve("models", "all-MiniLM-L6-v2");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "radar-broken-"));
  symlinkSync(REAL, join(dir, "all-MiniLM-L6-v2"));
  mkdirSync(join(dir, "bad-json"));
  writeFileSync(join(dir, "bad-json", "config.json"), '{"model_type": "bert", oops');
  const truncated = join(dir, "truncated-graph");
  for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json"]) cpSync(join(REAL, file), join(truncated, file));
  mkdirSync(join(truncated, "onnx"));
  writeFileSync(join(truncated, "onnx", "model.onnx"), readFileSync(join(REAL, "onnx", "model.onnx")).subarray(0, 100_000));
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MODELS_DIR: dir });
  rescanModels();
});

afterAll(() => {
  reloadConfig();
  rescanModels();
});

async function status(query = ""): Promise<StatusResponse> {
  const response = await GET(new NextRequest(`http://localhost/api/status${query}`));
  expect(response.status).toBe(200);
  return response.json();
}

const post = (body: unknown) => new Request("http://localhost/api/kb", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("a broken model folder", () => {
  it("is listed as broken with the reason, and the other models are still listed", async () => {
    const body = await status();
    expect(body.broken).toEqual([{ id: "bad-json", reason: expect.stringMatching(/^bad-json\/config\.json is not valid JSON: /) }]);
    expect(body.models.map((m) => m.id).sort()).toEqual(["all-MiniLM-L6-v2", "truncated-graph"]);
  });

  it("a truncated graph fails its own load with model_corrupt, without a server path, and status says why", async () => {
    const error = await loadEngine("truncated-graph").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "model_corrupt", message: expect.stringMatching(/^could not load truncated-graph\/onnx\/model\.onnx: /) });
    const body = await status("?model=truncated-graph");
    const state = body.engines.find((e) => e.modelId === "truncated-graph")!;
    expect(state).toMatchObject({ status: "failed", error: expect.stringMatching(/truncated-graph\/onnx\/model\.onnx/) });
    expect(JSON.stringify(body)).not.toContain(dir);
  });

  it("answers /api/kb for the broken models with a real status before streaming", async () => {
    const truncated = await postKb(post({ model: "truncated-graph", entries: ["a sentence"] }));
    expect(truncated.status).toBe(500);
    expect((await truncated.json()).error).toMatchObject({ code: "model_corrupt", message: expect.not.stringContaining(dir) });
    const badJson = await postKb(post({ model: "bad-json", entries: ["a sentence"] }));
    expect(badJson.status).toBe(500);
    expect((await badJson.json()).error.message).toMatch(/model "bad-json" cannot be used: bad-json\/config\.json is not valid JSON/);
  });

  it("leaves every other model working", async () => {
    const response = await postKb(post({ model: "all-MiniLM-L6-v2", entries: ["The cat sat on the mat.", "Stocks fell sharply today."] }));
    expect(response.status).toBe(200);
    const events: KbEvent[] = [];
    for await (const event of readNdjson<KbEvent>(response.body!)) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: "done", count: 2, dims: 384 });
    expect((await status()).engines.find((e) => e.modelId === "all-MiniLM-L6-v2")).toMatchObject({ status: "ready" });
  });
});
