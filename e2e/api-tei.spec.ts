// The TEI-compatible routes with plain HTTP (Playwright's request fixture, no browser) against the real server.
import { expect, test, type APIResponse } from "@playwright/test";
import { cosine, LONG_TEXT, norm, TIMING_HEADERS, TOO_MANY_INPUTS, TOO_MANY_TOKENS } from "./api/helpers";
import { E2E_API_KEY } from "./keys";

// The server runs with SEMANTIC_RADAR_API_KEY: requests carry it, as TEI's clients do for --api-key.
test.use({ extraHTTPHeaders: { authorization: `Bearer ${E2E_API_KEY}` } });

function expectTimings(response: APIResponse): void {
  for (const name of TIMING_HEADERS) expect(response.headers()[name], name).toMatch(/^\d+$/);
}

async function expectTeiError(response: APIResponse, status: number, type: string, message?: RegExp): Promise<void> {
  expect(response.status()).toBe(status);
  const body = await response.json();
  expect(body).toEqual({ error: expect.any(String), error_type: type });
  if (message) expect(body.error).toMatch(message);
  expectTimings(response);
}

test.describe("TEI routes", () => {
  test("/embed answers number[][] of unit vectors, one per input, with timing headers", async ({ request }) => {
    const single = await request.post("/embed", { data: { inputs: "I am hungry" } });
    expect(single.status()).toBe(200);
    expectTimings(single);
    expect(Number(single.headers()["x-compute-tokens"])).toBeGreaterThan(2);
    const [one] = (await single.json()) as number[][];
    expect(one).toHaveLength(384);
    const batch = (await (await request.post("/embed", { data: { inputs: ["I am hungry", "My stomach is growling"], dimensions: 128 } })).json()) as number[][];
    expect(batch.map((v) => v.length)).toEqual([128, 128]);
    expect(norm(batch[1])).toBeCloseTo(1, 5);
    const byHeader = (await (await request.post("/embed", { headers: { "x-model": "bge-small-zh-v1.5" }, data: { inputs: "我饿了" } })).json()) as number[][];
    expect(byHeader[0]).toHaveLength(512);
  });

  test("/embed refuses bad input in TEI's shape and statuses", async ({ request }) => {
    await expectTeiError(await request.post("/embed", { data: { inputs: 7 } }), 422, "validation", /`inputs`: expected a string or an array/);
    await expectTeiError(await request.post("/embed", { data: { inputs: TOO_MANY_INPUTS } }), 422, "validation", /got 2,049/);
    await expectTeiError(await request.post("/embed", { data: { inputs: TOO_MANY_TOKENS } }), 413, "validation", /at most 300,000 per request/);
    await expectTeiError(await request.post("/embed", { data: { inputs: LONG_TEXT, truncate: false } }), 422, "validation", /at most 256 tokens, got \d{3}/);
    await expectTeiError(await request.post("/embed", { data: { inputs: "x", model: "no-such-model" } }), 422, "validation", /unknown model "no-such-model"/);
    await expectTeiError(await request.post("/embed", { data: { inputs: "x", normalize: "no" } }), 422, "validation", /`normalize`: expected true or false/);
    await expectTeiError(await request.post("/embed", { data: { inputs: "x", truncation_direction: "middle" } }), 422, "validation", /expected "right" .* or "left"/);
    await expectTeiError(await request.post("/embed", { data: { inputs: "   " } }), 400, "empty");
    const text = await request.post("/embed", { headers: { "content-type": "text/plain" }, data: "hello" });
    expect(text.status()).toBe(415);
    expect(await text.json()).toEqual({ error: expect.stringMatching(/application\/json/), error_type: "validation" });
    const get = await request.get("/embed");
    expect(get.status()).toBe(405);
    expect((await get.json()).error_type).toBe("validation");
  });

  test("/embed cuts a long input by default to the same vector as its first 256 tokens", async ({ request }) => {
    const cut = await request.post("/embed", { data: { inputs: LONG_TEXT } });
    expect(cut.status()).toBe(200);
    expect(Number(cut.headers()["x-compute-tokens"])).toBe(256);
  });

  test("/embed with truncation_direction left keeps the end of a long input", async ({ request }) => {
    // Start and end differ: a right cut reads only "alpha ...", a left cut only "... omega".
    const text = `${"alpha ".repeat(300)}${"omega ".repeat(300)}`;
    const [right, left, start, end] = await Promise.all(
      [
        { inputs: text },
        { inputs: text, truncation_direction: "Left" },
        { inputs: "alpha ".repeat(254) },
        { inputs: "omega ".repeat(254) },
      ].map(async (data) => ((await (await request.post("/embed", { data })).json()) as number[][])[0]),
    );
    expect(cosine(right, start)).toBeGreaterThan(0.9999);
    expect(cosine(left, end)).toBeGreaterThan(0.9999);
    expect(cosine(left, right)).toBeLessThan(0.9);
  });

  test("/embed with normalize false answers the pooled vectors before normalization", async ({ request }) => {
    const [unit, raw] = await Promise.all(
      [true, false].map(async (normalize) => ((await (await request.post("/embed", { data: { inputs: "A cat sleeps on the sofa.", normalize } })).json()) as number[][])[0]),
    );
    expect(norm(unit)).toBeCloseTo(1, 5);
    expect(norm(raw)).toBeGreaterThan(1.5); // mean pooling of MiniLM's token states is far from unit length
    expect(cosine(unit, raw)).toBeGreaterThan(0.99999);
    const cut = ((await (await request.post("/embed", { data: { inputs: "A cat sleeps on the sofa.", normalize: false, dimensions: 8 } })).json()) as number[][])[0];
    expect(cut).toHaveLength(8);
    cut.forEach((value, i) => expect(value).toBeCloseTo(raw[i], 5));
  });

  test("/similarity answers cosines in the sentences' order", async ({ request }) => {
    const response = await request.post("/similarity", {
      data: { inputs: { source_sentence: "I am hungry", sentences: ["Stock prices fell today.", "My stomach is growling", "I am hungry"] } },
    });
    expect(response.status()).toBe(200);
    expectTimings(response);
    const scores = (await response.json()) as number[];
    expect(scores).toHaveLength(3);
    expect(scores[2]).toBeCloseTo(1, 5);
    expect(scores[1]).toBeGreaterThan(scores[0]);
    await expectTeiError(await request.post("/similarity", { data: { inputs: { source_sentence: "x", sentences: "y" } } }), 422, "validation", /`inputs.sentences`/);
    await expectTeiError(await request.post("/similarity", { data: { inputs: { source_sentence: "x", sentences: TOO_MANY_INPUTS } } }), 422, "validation", /at most 2,048/);
  });

  test("/rerank answers [{index, score, text?}] best first, scores equal to /similarity's cosines of query and texts", async ({ request }) => {
    const texts = ["Shipping takes five days.", "To reset your password, open Settings.", "We accept credit cards."];
    const response = await request.post("/rerank", { data: { query: "forgot my password", texts, return_text: true } });
    expect(response.status()).toBe(200);
    expectTimings(response);
    const ranks = (await response.json()) as { index: number; score: number; text?: string }[];
    expect(ranks[0]).toMatchObject({ index: 1, text: texts[1] });
    expect(ranks.map((r) => r.index).sort()).toEqual([0, 1, 2]);
    expect(ranks.map((r) => r.score)).toEqual([...ranks.map((r) => r.score)].sort((a, b) => b - a));
    const plain = (await (await request.post("/rerank", { data: { query: "forgot my password", texts } })).json()) as { text?: string }[];
    expect(plain).toHaveLength(texts.length);
    expect(plain.every((r) => r.text === undefined)).toBe(true);
    await expectTeiError(await request.post("/rerank", { data: { query: 3, texts } }), 422, "validation", /`query`/);
    await expectTeiError(await request.post("/rerank", { data: { query: "q", texts: TOO_MANY_INPUTS } }), 422, "validation", /at most 2,048/);
    await expectTeiError(await request.post("/rerank", { data: { query: "q", texts, model: "nope" } }), 422, "validation", /unknown model/);
  });

  test("/tokenize answers ids, texts, special flags and offsets into the input", async ({ request }) => {
    const input = "Héllo, tokenizers!";
    const response = await request.post("/tokenize", { data: { inputs: [input, "hi"] } });
    expect(response.status()).toBe(200);
    expectTimings(response);
    const [tokens, second] = (await response.json()) as { id: number; text: string; special: boolean; start: number | null; stop: number | null }[][];
    expect(tokens[0]).toEqual({ id: 101, text: "[CLS]", special: true, start: null, stop: null });
    expect(tokens.at(-1)).toMatchObject({ id: 102, special: true });
    for (const token of tokens.filter((t) => !t.special)) expect(input.slice(token.start!, token.stop!)).toBe(token.text);
    expect(tokens[1]).toMatchObject({ text: "Héllo", start: 0, stop: 5, special: false });
    expect(second.map((t) => t.text)).toEqual(["[CLS]", "hi", "[SEP]"]);
    const bare = (await (await request.post("/tokenize", { data: { inputs: "hi", add_special_tokens: false } })).json()) as { text: string }[][];
    expect(bare[0].map((t) => t.text)).toEqual(["hi"]);
    await expectTeiError(await request.post("/tokenize", { data: { inputs: [1, 2] } }), 422, "validation", /token ids are not accepted/);
    await expectTeiError(await request.post("/tokenize", { data: { inputs: TOO_MANY_INPUTS } }), 422, "validation", /got 2,049/);
    await expectTeiError(await request.post("/tokenize", { data: { inputs: "x", prompt_name: "passage" } }), 422, "validation", /"query" or "document"/);
  });

  test("/info describes the chosen model", async ({ request }) => {
    const response = await request.get("/info");
    expect(response.status()).toBe(200);
    expectTimings(response);
    expect(await response.json()).toMatchObject({ model_id: "all-MiniLM-L6-v2", max_input_length: 256, max_client_batch_size: 2048, model_type: { embedding: { pooling: "mean" } } });
    expect(await (await request.get("/info?model=bge-small-en-v1.5")).json()).toMatchObject({ model_id: "bge-small-en-v1.5", max_input_length: 512, model_type: { embedding: { pooling: "cls" } } });
    await expectTeiError(await request.get("/info?model=nope"), 422, "validation", /unknown model/);
  });

  test("the same text gives the same vector from /embed and /similarity's cosine", async ({ request }) => {
    const [a, b] = (await (await request.post("/embed", { data: { inputs: ["I am hungry", "My stomach is growling"] } })).json()) as number[][];
    const [score] = (await (await request.post("/similarity", { data: { inputs: { source_sentence: "I am hungry", sentences: ["My stomach is growling"] } } })).json()) as number[];
    expect(Math.abs(score - cosine(a, b))).toBeLessThan(1e-5);
  });
});

test("with SEMANTIC_RADAR_API_KEY set, a wrong or missing bearer key is 401 in TEI's error shape", async ({ baseURL, playwright }) => {
  const tries: Record<string, string>[] = [{}, { authorization: "Bearer not-this-servers-key" }, { authorization: `Basic ${E2E_API_KEY}` }];
  for (const headers of tries) {
    const bare = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
    for (const path of ["/embed", "/info"]) {
      const response = path === "/info" ? await bare.get(path) : await bare.post(path, { data: { inputs: "I am hungry" } });
      expect(response.status(), `${path} with ${JSON.stringify(headers)}`).toBe(401);
      const body = await response.json();
      expect(body).toEqual({ error: expect.stringMatching(/^Expected Authorization: Bearer <the server's API key/), error_type: "validation" });
      expect(body.error).not.toContain(E2E_API_KEY);
    }
    await bare.dispose();
  }
});
