/**
 * `dimensions` through the official openai SDK (its fetch pointed at the route handler, no HTTP server) and TEI's
 * /embed, and the radar's /api/search, on the real MiniLM weights in two folders of a models folder of their own:
 * `all-MiniLM-L6-v2` as installed (its card declares no Matryoshka training) and `minilm-mrl`, the same files
 * declaring Matryoshka cuts from 32 (testing/matryoshka-model.ts).
 */
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatusResponse } from "@/lib/api/contract";
import { reloadConfig } from "@/lib/config";
import { rescanModels } from "@/lib/engine";
import { makeMatryoshkaModel, MINILM_DIR } from "@/testing/matryoshka-model";
import { jsonPost } from "@/testing/route-calls";
import { POST as postEmbed } from "../../embed/route";
import { POST as postSearch } from "../../api/search/route";
import { GET as getStatus } from "../../api/status/route";
import { POST } from "./route";

const DOC = "To reset your password, open Settings and choose Forgot password.";

let openai: OpenAI;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "radar-mrl-"));
  symlinkSync(MINILM_DIR, join(dir, "all-MiniLM-L6-v2"));
  makeMatryoshkaModel(dir, "minilm-mrl");
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MODELS_DIR: dir });
  rescanModels();
  const fetch = (url: string | URL | Request, init?: RequestInit) => POST(new Request(url, init));
  openai = new OpenAI({ baseURL: "http://localhost/v1", apiKey: "not-needed", maxRetries: 0, fetch });
});

afterAll(() => {
  reloadConfig();
  rescanModels();
});

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (error instanceof OpenAI.APIError) return error;
  throw new Error(`expected an APIError, got ${String(error)}`);
}

const norm = (v: number[]) => Math.hypot(...v);
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0) / (norm(a) * norm(b));

describe("POST /v1/embeddings `dimensions` with the openai SDK", () => {
  it("cuts a Matryoshka model's vectors to the first components, renormalized, in float and the SDK's default base64", async () => {
    const full = (await openai.embeddings.create({ model: "minilm-mrl", input: DOC, encoding_format: "float" })).data[0].embedding;
    // Left out, the SDK asks for base64 and decodes it; named, it would hand back the string.
    for (const encoding_format of ["float", undefined] as const) {
      const cut = (await openai.embeddings.create({ model: "minilm-mrl", input: [DOC, "Shipping takes a week."], dimensions: 64, encoding_format })).data;
      expect(cut.map((d) => d.embedding.length)).toEqual([64, 64]);
      expect(norm(cut[0].embedding as number[])).toBeCloseTo(1, 5);
      expect(cosine(cut[0].embedding as number[], full.slice(0, 64))).toBeGreaterThan(0.99999);
    }
  });

  it("refuses a cut below the declared minimum, and more than the full size, in OpenAI's shape", async () => {
    const small = await apiError(openai.embeddings.create({ model: "minilm-mrl", input: "x", dimensions: 16 }));
    expect(small.status).toBe(400);
    expect(small.error).toMatchObject({ type: "invalid_request_error", code: "invalid_input", param: "dimensions" });
    expect(small.message).toMatch(/expected an integer from 32 to 384 \(the Matryoshka cuts minilm-mrl's card declares\), got 16/);
    const big = await apiError(openai.embeddings.create({ model: "minilm-mrl", input: "x", dimensions: 385 }));
    expect(big.message).toMatch(/expected at most 384/);
  });

  it("refuses any cut of a model without Matryoshka, as OpenAI does for text-embedding-ada-002, but takes its full size", async () => {
    const refused = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: "x", dimensions: 64 }));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/all-MiniLM-L6-v2 does not declare Matryoshka \(MRL\) training, so its vectors are not cut: leave `dimensions` out or send 384, got 64/);
    const full = await openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: "x", dimensions: 384 });
    expect(full.data[0].embedding).toHaveLength(384);
  });
});

describe("TEI /embed `dimensions`", () => {
  it("cuts any model, as TEI does, but keeps a Matryoshka model's declared minimum (422)", async () => {
    const cut = await postEmbed(jsonPost("/embed", { model: "all-MiniLM-L6-v2", inputs: DOC, dimensions: 8 }));
    expect(cut.status).toBe(200);
    expect(((await cut.json()) as number[][])[0]).toHaveLength(8);
    const small = await postEmbed(jsonPost("/embed", { model: "minilm-mrl", inputs: DOC, dimensions: 16 }));
    expect(small.status).toBe(422);
    expect(await small.json()).toMatchObject({ error_type: "validation", error: expect.stringMatching(/from 32 to 384/) });
  });
});

describe("GET /api/status", () => {
  it("lists the Matryoshka cuts a model declares, and none for a model without", async () => {
    const body = (await (await getStatus(new NextRequest("http://localhost/api/status"))).json()) as StatusResponse;
    const byId = new Map(body.models.map((m) => [m.id, m]));
    expect(byId.get("minilm-mrl")?.matryoshka).toEqual({ min: 32, sizes: [32, 64, 128, 256, 384] });
    expect(byId.get("all-MiniLM-L6-v2")?.matryoshka).toBeUndefined();
  });
});

describe("POST /api/search `dimensions` (the radar's cut)", () => {
  const FAQ = [DOC, "Shipping to Europe takes five to seven business days.", "We accept credit cards and bank transfers.", "The mobile app works on Android and iOS."];
  const QUERY = "How do I change my password?";

  it("ranks on the cut: each score is the cosine of the query's and the entry's first 64 dimensions, renormalized", async () => {
    const response = await postSearch(jsonPost("/api/search", { model: "minilm-mrl", entries: FAQ, query: QUERY, poolings: ["mean"], dimensions: 64 }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.dimensions).toEqual({ used: 64, of: 384 });
    const query = (await openai.embeddings.create({ model: "minilm-mrl", input: QUERY, input_type: "query", dimensions: 64 } as OpenAI.EmbeddingCreateParams)).data[0].embedding;
    const docs = (await openai.embeddings.create({ model: "minilm-mrl", input: FAQ, dimensions: 64 })).data.map((d) => d.embedding);
    for (const hit of body.results.mean as { index: number; score: number }[]) expect(hit.score).toBeCloseTo(cosine(query, docs[hit.index]), 5);
    expect(body.results.mean[0].index).toBe(0);

    // The same knowledge base at another cut and at full size: re-ranked from the vectors held, nothing re-embedded.
    const again = await (await postSearch(jsonPost("/api/search", { kbId: body.kbId, query: QUERY, poolings: ["mean"], dimensions: 128 }))).json();
    expect(again.dimensions).toEqual({ used: 128, of: 384 });
    const full = await (await postSearch(jsonPost("/api/search", { kbId: body.kbId, query: QUERY, poolings: ["mean"] }))).json();
    expect(full.dimensions).toBeUndefined();
    expect(full.results.mean[0].score).not.toBeCloseTo(body.results.mean[0].score, 3);
  });

  it("refuses a cut of a model without Matryoshka, and one below the declared minimum, in plain words", async () => {
    const plain = await postSearch(jsonPost("/api/search", { model: "all-MiniLM-L6-v2", entries: FAQ, query: QUERY, dimensions: 64 }));
    expect(plain.status).toBe(422);
    expect((await plain.json()).error.message).toMatch(/all-MiniLM-L6-v2 does not declare Matryoshka \(MRL\) training/);
    const small = await postSearch(jsonPost("/api/search", { model: "minilm-mrl", entries: FAQ, query: QUERY, dimensions: 8 }));
    expect((await small.json()).error.message).toMatch(/expected an integer from 32 to 384/);
  });
});
