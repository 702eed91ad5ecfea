// The OpenAI-compatible API driven by the official `openai` SDK over HTTP against the real server and models.
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { cosine, norm, TOO_MANY_INPUTS, TOO_MANY_TOKENS } from "./api/helpers";
import { E2E_API_KEY } from "./keys";

// The server runs with SEMANTIC_RADAR_API_KEY: plain requests here carry it as the SDK does.
test.use({ extraHTTPHeaders: { authorization: `Bearer ${E2E_API_KEY}` } });

const QUERY = "How do I change my password?";
const DOC = "To reset your password, open Settings and choose Forgot password.";

function client(baseURL: string | undefined, apiKey = E2E_API_KEY): OpenAI {
  return new OpenAI({ baseURL: `${baseURL}/v1`, apiKey, maxRetries: 0 });
}

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

test.describe("POST /v1/embeddings with the openai SDK", () => {
  test("the SDK's default (base64) and float answers carry the same unit vectors, in input order", async ({ baseURL }) => {
    const openai = client(baseURL);
    const viaBase64 = await openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: [QUERY, DOC] });
    const viaFloat = await openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: [QUERY, DOC], encoding_format: "float" });
    expect(viaBase64).toMatchObject({ object: "list", model: "all-MiniLM-L6-v2", usage: { prompt_tokens: expect.any(Number) } });
    expect(viaBase64.usage.prompt_tokens).toBeGreaterThan(10);
    expect(viaBase64.data.map((d) => d.index)).toEqual([0, 1]);
    for (const i of [0, 1]) {
      const a = viaBase64.data[i].embedding;
      const b = viaFloat.data[i].embedding;
      expect(a).toHaveLength(384);
      expect(Array.isArray(b)).toBe(true);
      expect(cosine(a, b)).toBeGreaterThan(0.99999);
      expect(norm(b)).toBeCloseTo(1, 5);
    }
    expect(cosine(viaFloat.data[0].embedding, viaFloat.data[1].embedding)).toBeLessThan(0.99);
  });

  test("/v1/embeddings, /embed and the radar's search agree for the same text, model and pooling", async ({ baseURL, request }) => {
    const openai = client(baseURL);
    for (const [model, pooling] of [["all-MiniLM-L6-v2", "mean"], ["bge-small-en-v1.5", "cls"], ["all-MiniLM-L6-v2", "max"]] as const) {
      const body = (input: string, input_type: "query" | "document") => ({ model, input, input_type, pooling, encoding_format: "float" as const });
      const [q, d] = await Promise.all([
        openai.embeddings.create(body(QUERY, "query") as OpenAI.EmbeddingCreateParams),
        openai.embeddings.create(body(DOC, "document") as OpenAI.EmbeddingCreateParams),
      ]);
      const tei = await request.post("/embed", { data: { model, pooling, inputs: [QUERY], prompt_name: "query" } });
      expect(tei.status()).toBe(200);
      const [teiQuery] = (await tei.json()) as number[][];
      expect(cosine(teiQuery, q.data[0].embedding)).toBeGreaterThan(0.99999);

      const search = await request.post("/api/search", { data: { model, entries: [DOC], query: QUERY, poolings: [pooling] } });
      const radarScore = (await search.json()).results[pooling][0].score as number;
      expect(Math.abs(radarScore - cosine(q.data[0].embedding, d.data[0].embedding))).toBeLessThan(1e-5);
    }
  });

  // The cut itself, on a model that declares Matryoshka cuts, is tested in app/v1/embeddings/dimensions.test.ts.
  test("dimensions: a model without Matryoshka training is not cut (as OpenAI answers for ada-002), its full size is accepted", async ({ baseURL }) => {
    const openai = client(baseURL);
    const refused = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: DOC, dimensions: 64 }));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/does not declare Matryoshka \(MRL\) training, so its vectors are not cut: leave `dimensions` out or send 384, got 64/);
    const full = await openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: DOC, dimensions: 384, encoding_format: "float" });
    expect(full.data[0].embedding).toHaveLength(384);
    expect(norm(full.data[0].embedding)).toBeCloseTo(1, 5);
  });

  test("GET /v1/models lists the installed models", async ({ baseURL }) => {
    const ids = [];
    for await (const model of client(baseURL).models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["all-MiniLM-L6-v2", "bge-small-en-v1.5", "bge-small-zh-v1.5"]));
  });

  test("bad input answers OpenAI's error shape and statuses", async ({ baseURL }) => {
    const openai = client(baseURL);
    const unknown = await apiError(openai.embeddings.create({ model: "text-embedding-3-small", input: "x" }));
    expect(unknown.status).toBe(404);
    expect(unknown.error).toMatchObject({ type: "invalid_request_error", code: "model_not_found", message: expect.stringMatching(/all-MiniLM-L6-v2/) });

    const wrongType = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: 42 as unknown as string }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.error).toMatchObject({ type: "invalid_request_error", param: "input", code: "invalid_input" });

    const tokenIds = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: [[101, 2023, 102]] }));
    expect(tokenIds.message).toMatch(/token ids are not accepted/);

    const tooMany = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: TOO_MANY_INPUTS }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.message).toMatch(/2,048 strings, got 2,049/);

    const tokens = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: TOO_MANY_TOKENS }));
    expect(tokens.status).toBe(400);
    expect(tokens.error).toMatchObject({ code: "too_large", message: expect.stringMatching(/at most 300,000 per request \(after truncation\), got 524,288/) });

    const dims = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: "x", dimensions: 1024 }));
    expect(dims.status).toBe(400);
    expect(dims.message).toMatch(/at most 384/);

    const pooling = await apiError(openai.embeddings.create({ model: "all-MiniLM-L6-v2", input: "x", pooling: "sum" } as OpenAI.EmbeddingCreateParams));
    expect(pooling.error).toMatchObject({ code: "unknown_pooling" });
  });

  test("a body that is not JSON, or a wrong method, is refused in OpenAI's shape", async ({ request }) => {
    const text = await request.post("/v1/embeddings", { headers: { "content-type": "text/plain" }, data: "hello" });
    expect(text.status()).toBe(415);
    expect(await text.json()).toMatchObject({ error: { type: "invalid_request_error", code: "unsupported_media_type", param: null } });
    const get = await request.get("/v1/embeddings");
    expect(get.status()).toBe(405);
    expect(get.headers().allow).toBe("POST");
    expect(await get.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });
});

test("with SEMANTIC_RADAR_API_KEY set, a wrong or missing key is the SDK's AuthenticationError (401, invalid_api_key)", async ({ baseURL, playwright }) => {
  const wrong = await apiError(client(baseURL, "sk-not-this-servers-key").embeddings.create({ model: "all-MiniLM-L6-v2", input: QUERY }));
  expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
  expect(wrong.status).toBe(401);
  expect(wrong.error).toEqual({ message: expect.stringMatching(/^Expected Authorization: Bearer <the server's API key \(SEMANTIC_RADAR_API_KEY\)>, got a key that is not this server's\.$/), type: "invalid_request_error", param: null, code: "invalid_api_key" });
  expect(JSON.stringify(wrong.error)).not.toContain(E2E_API_KEY);
  const models = await apiError(client(baseURL, "sk-not-this-servers-key").models.list());
  expect(models).toBeInstanceOf(OpenAI.AuthenticationError);
  // No header at all: this context leaves out the file's extraHTTPHeaders.
  const bare = await playwright.request.newContext({ baseURL, extraHTTPHeaders: {} });
  const missing = await bare.post("/v1/embeddings", { data: { model: "all-MiniLM-L6-v2", input: QUERY } });
  expect(missing.status()).toBe(401);
  expect((await missing.json()).error).toMatchObject({ code: "invalid_api_key", message: expect.stringMatching(/got no Authorization header\.$/) });
  await bare.dispose();
});
