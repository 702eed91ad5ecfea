/** The library routes (GET /api/kbs, PATCH/DELETE /api/kbs/<id>, export, import) on the real model and a real embedded database. */
import { describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { ExportFile, KbEvent, LibraryKb, LibraryResponse, SearchResponse } from "@/lib/api/contract";
import { createHash } from "node:crypto";
import { kbIdOf } from "@/lib/kb/kb-id";
import { kbRepository } from "@/lib/kb/repository";
import { POST as postKb } from "../kb/route";
import { POST as postSearch } from "../search/route";
import { GET as list, POST as postList } from "./route";
import { DELETE as remove, GET as getOne, PATCH as rename, POST as postOne } from "./[id]/route";
import { GET as exportKb } from "./[id]/export/route";
import { POST as importKb } from "./import/route";

const FAQ = ["Library test: how to reset a password in Settings.", "Library test: shipping to Europe takes a week.", "Library test: we accept bank transfers."];

function request(url: string, method: string, body?: unknown, type = "application/json"): Request {
  const init: RequestInit = body === undefined ? { method } : { method, headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) };
  return new Request(`http://localhost${url}`, init);
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function embed(entries: string[]): Promise<KbEvent[]> {
  const events: KbEvent[] = [];
  for await (const event of readNdjson<KbEvent>((await postKb(request("/api/kb", "POST", { entries }))).body!)) events.push(event);
  return events;
}

async function embedDone(entries: string[]): Promise<Extract<KbEvent, { type: "done" }>> {
  const done = (await embed(entries)).at(-1)!;
  if (done.type !== "done") throw new Error(`expected done, got ${JSON.stringify(done)}`);
  return done;
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** An export changed the way a careful forger would: its checksums and kbId made to match what it now holds. */
function forged(file: ExportFile, change: { entries?: string[]; poolings?: ExportFile["manifest"]["poolings"]; vectors?: (rows: Float32Array) => void }): ExportFile {
  const entries = change.entries ?? file.entries;
  const poolings = change.poolings ?? file.manifest.poolings;
  const vectors: ExportFile["vectors"] = {};
  for (const pooling of poolings) {
    const bytes = Buffer.from(file.vectors[pooling]!, "base64");
    const rows = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)).slice(0, entries.length * file.manifest.dims);
    change.vectors?.(rows);
    vectors[pooling] = Buffer.from(rows.buffer).toString("base64");
  }
  const checksums = {
    entries: sha256(Buffer.from(JSON.stringify(entries))),
    vectors: Object.fromEntries(poolings.map((p) => [p, sha256(Buffer.from(vectors[p]!, "base64"))])),
  };
  const manifest = { ...file.manifest, kbId: kbIdOf(file.manifest.model, file.manifest.graph, entries), count: entries.length, poolings, checksums };
  return { ...file, manifest, entries, vectors };
}

async function library(): Promise<LibraryKb[]> {
  return ((await (await list()).json()) as LibraryResponse).kbs;
}

describe("the library routes", () => {
  it("lists an embedded knowledge base, renames it, and deletes it", async () => {
    const { kbId } = await embedDone(FAQ);
    const listed = (await library()).find((kb) => kb.id === kbId);
    expect(listed).toMatchObject({ name: FAQ[0], model: "all-MiniLM-L6-v2", count: 3, dims: 384, approximate: false });
    expect(Date.parse(listed!.created)).toBeGreaterThan(0);
    const one = await (await getOne(request(`/api/kbs/${kbId}`, "GET"), params(kbId))).json();
    expect(one).toEqual({ kb: listed, entries: FAQ });

    const renamed = await rename(request(`/api/kbs/${kbId}`, "PATCH", { name: "  Support FAQ  " }), params(kbId));
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: kbId, name: "Support FAQ" });

    const deleted = await remove(request(`/api/kbs/${kbId}`, "DELETE"), params(kbId));
    expect(await deleted.json()).toEqual({ deleted: kbId });
    expect((await library()).map((kb) => kb.id)).not.toContain(kbId);
    const search = await postSearch(request("/api/search", "POST", { kbId, query: "password" }));
    expect(search.status).toBe(404);
  });

  it("answers a kbId that is only in the database: loaded lazily, and POST /api/kb is cached without re-embedding", async () => {
    const { kbId } = await embedDone(FAQ);
    kbRepository().evict(kbId); // as after a restart or an eviction: nothing in memory
    const again = await embed(FAQ);
    expect(again.some((e) => e.type === "progress")).toBe(false);
    expect(again.at(-1)).toMatchObject({ type: "done", kbId, cached: true, count: 3 });
    const response = await postSearch(request("/api/search", "POST", { kbId, query: "How do I change my password?" }));
    const body = (await response.json()) as SearchResponse;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ approximate: false, count: 3 });
    expect(body.results.mean![0].text).toBe(FAQ[0]);
  });

  it("exports a knowledge base to one file and imports it back without re-embedding", async () => {
    const { kbId } = await embedDone(FAQ);
    const response = await exportKb(request(`/api/kbs/${kbId}/export`, "GET"), params(kbId));
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${kbId}.radar-kb.json"`);
    const file = (await response.json()) as ExportFile;
    expect(file.manifest).toMatchObject({ kbId, model: "all-MiniLM-L6-v2", dims: 384, count: 3, poolings: ["cls", "mean", "mean_content", "last_token", "max"] });
    expect(file.manifest.checksums.entries).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Buffer.from(file.vectors.mean!, "base64")).toHaveLength(3 * 384 * 4);

    await remove(request(`/api/kbs/${kbId}`, "DELETE"), params(kbId));
    const imported = await importKb(request("/api/kbs/import", "POST", file));
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ id: kbId, count: 3, model: "all-MiniLM-L6-v2" });
    const again = await embed(FAQ);
    expect(again.some((e) => e.type === "progress")).toBe(false);
    expect(again.at(-1)).toMatchObject({ type: "done", kbId, cached: true });
    const search = (await (await postSearch(request("/api/search", "POST", { kbId, query: "shipping to Europe" }))).json()) as SearchResponse;
    expect(search.results.mean![0].text).toBe(FAQ[1]);
  });

  it("refuses imports it cannot trust or use, with what was expected", async () => {
    const { kbId } = await embedDone(FAQ);
    const file = (await (await exportKb(request(`/api/kbs/${kbId}/export`, "GET"), params(kbId))).json()) as ExportFile;
    const cases: [unknown, number, string, RegExp][] = [
      [{ ...file, manifest: { ...file.manifest, model: "no-such-model" } }, 404, "model_not_found", /Cannot import: the knowledge base was embedded with model "no-such-model"; installed models: .*all-MiniLM-L6-v2.*Install that model/],
      [{ ...file, manifest: { ...file.manifest, dims: 512 } }, 422, "invalid_input", /vectors have 512 dims but all-MiniLM-L6-v2 on this server makes 384/],
      [{ ...file, entries: [...file.entries.slice(0, 2), "changed"] }, 422, "invalid_input", /entries do not match the manifest's checksum/],
      [{ ...file, vectors: { ...file.vectors, mean: file.vectors.cls } }, 422, "invalid_input", /mean vectors do not match the manifest's checksum/],
      [{ ...file, vectors: { ...file.vectors, mean: "AAAA" } }, 422, "invalid_input", /expected mean vectors of 3 x 384 float32 \(4608 bytes\), got 3 bytes/],
      [{ ...file, format: "zip" }, 422, "invalid_input", /^This file is not a Semantic Radar export: its format is "zip", not "semantic-radar-kb"\.$/],
      [[1, 2], 422, "invalid_input", /^This file is not a Semantic Radar export: it has no "format": "semantic-radar-kb" field/],
      [{ ...file, version: 7 }, 422, "invalid_input", /^This file is not a Semantic Radar export: it is version 7 of the format, and this radar reads version 1\.$/],
      [{ ...file, entries: "a, b" }, 422, "invalid_input", /^This Semantic Radar export is damaged: its entries are missing or not all text\. Export the knowledge base again/],
    ];
    for (const [body, status, code, message] of cases) {
      const response = await importKb(request("/api/kbs/import", "POST", body));
      const { error } = await response.json();
      expect({ status: response.status, code: error.code }).toEqual({ status, code });
      expect(error.message).toMatch(message);
    }
  });

  it("holds an import to what an embed makes: every pooling, finite unit vectors, cleaned entries (422 in plain words)", async () => {
    const { kbId } = await embedDone(FAQ);
    const file = (await (await exportKb(request(`/api/kbs/${kbId}/export`, "GET"), params(kbId))).json()) as ExportFile;
    await remove(request(`/api/kbs/${kbId}`, "DELETE"), params(kbId));
    const cases: [string, ExportFile, RegExp][] = [
      ["only cls", forged(file, { poolings: ["cls"] }), /expected vectors for every pooling \(cls, mean, mean_content, last_token, max\), got cls; missing mean/],
      ["mean twice", forged(file, { poolings: ["mean", "mean"] }), /names the mean pooling more than once/],
      ["NaN", forged(file, { vectors: (rows) => (rows[5] = NaN) }), /the cls vector of entry 0 holds NaN: expected finite numbers/],
      ["Infinity", forged(file, { vectors: (rows) => (rows[384] = Infinity) }), /the cls vector of entry 1 holds Infinity: expected finite numbers/],
      ["x1000", forged(file, { vectors: (rows) => rows.forEach((v, i) => (rows[i] = v * 1000)) }), /the cls vector of entry 0 has length 1000: expected unit vectors \(length 1\)/],
      ["a blank entry", forged(file, { entries: [FAQ[0], "  ", FAQ[2]] }), /entry 1 is blank/],
      ["a duplicate", forged(file, { entries: [FAQ[0], FAQ[1], FAQ[0]] }), /entry 2 repeats entry 0/],
      ["a 1 MB entry", forged(file, { entries: [FAQ[0], FAQ[1], "z".repeat(1_000_000)] }), /entry 2 has 1,000,000 characters, over the 10,000 an entry is cut to/],
    ];
    for (const [what, body, message] of cases) {
      const response = await importKb(request("/api/kbs/import", "POST", body));
      const { error } = await response.json();
      expect({ what, status: response.status, code: error.code }).toEqual({ what, status: 422, code: "invalid_input" });
      expect(error.message).toMatch(/^Cannot import: /);
      expect(error.message).toMatch(message);
    }
    expect((await library()).map((kb) => kb.id)).not.toContain(kbId); // nothing half-imported
    // The same file untouched still imports: the checks refuse only what an embed would never make.
    expect((await importKb(request("/api/kbs/import", "POST", forged(file, {})))).status).toBe(200);
  });

  it("exports a document's knowledge base and imports it again, repeated chunks and all", async () => {
    // Chunks are slices of the document, kept as they are: the same sentence twice is two entries, not a duplicate.
    const text = "Import test. Returns are free within thirty days. Terms apply.\n\nShipping takes a week. Terms apply.";
    const events: KbEvent[] = [];
    for await (const event of readNdjson<KbEvent>((await postKb(request("/api/kb", "POST", { document: { text }, chunking: { method: "sentences" } }))).body!)) events.push(event);
    const done = events.at(-1)!;
    if (done.type !== "done") throw new Error(`expected done, got ${JSON.stringify(done)}`);
    const file = (await (await exportKb(request(`/api/kbs/${done.kbId}/export`, "GET"), params(done.kbId))).json()) as ExportFile;
    expect(file.entries.filter((entry) => entry.trim() === "Terms apply.").length).toBe(2);
    await remove(request(`/api/kbs/${done.kbId}`, "DELETE"), params(done.kbId));
    const imported = await importKb(request("/api/kbs/import", "POST", file));
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ id: done.kbId });
  });

  it("keeps an entry with a lone surrogate as U+FFFD under an id of that text, so its export imports again", async () => {
    const entries = ["Surrogate test: caf\uD800 menu of the day.", "Surrogate test: parcels ship on Mondays."];
    const { kbId } = await embedDone(entries);
    const one = (await (await getOne(request(`/api/kbs/${kbId}`, "GET"), params(kbId))).json()) as { entries: string[] };
    expect(one.entries[0]).toBe("Surrogate test: caf\uFFFD menu of the day.");
    const file = (await (await exportKb(request(`/api/kbs/${kbId}/export`, "GET"), params(kbId))).json()) as ExportFile;
    await remove(request(`/api/kbs/${kbId}`, "DELETE"), params(kbId));
    const imported = await importKb(request("/api/kbs/import", "POST", file));
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ id: kbId, count: 2 });
    // The same text sent again is the same knowledge base: found, not embedded twice.
    expect((await embed(entries)).at(-1)).toMatchObject({ type: "done", kbId, cached: true });
  });

  it.each([
    ["a name that is not a string", { name: 5 }, 422, /`name`: expected the new name as a string/],
    ["a blank name", { name: "   " }, 422, /expected a name with at least one visible character/],
    ["a name over 120 characters", { name: "x".repeat(500) }, 422, /expected a name of at most 120 characters, got 500/],
    ["a name of zero-width spaces", { name: "\u200b\u200b" }, 422, /expected a name with at least one visible character/],
    ["a name with a NUL", { name: "FAQ\u0000" }, 422, /expected a name without control characters such as NUL \(U\+0000\)/],
  ])("refuses to rename to %s", async (_what, body, status, message) => {
    const { kbId } = await embedDone(FAQ);
    const response = await rename(request(`/api/kbs/${kbId}`, "PATCH", body), params(kbId));
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toMatch(message);
  });

  it("answers unknown ids, bad ids, wrong content types, oversized bodies and other methods with JSON errors", async () => {
    const missing = "kb_000000000000000000000000";
    const checks: [Response, number, RegExp][] = [
      [await rename(request(`/api/kbs/${missing}`, "PATCH", { name: "x" }), params(missing)), 404, /No knowledge base with id "kb_0+": expected the id of a saved knowledge base/],
      [await remove(request(`/api/kbs/${missing}`, "DELETE"), params(missing)), 404, /No knowledge base with id/],
      [await exportKb(request(`/api/kbs/${missing}/export`, "GET"), params(missing)), 404, /No knowledge base with id/],
      [await remove(request("/api/kbs/x", "DELETE"), params("k".repeat(300))), 422, /expected a kbId .* of at most 128 characters, got 300/],
      [await rename(request(`/api/kbs/${missing}`, "PATCH", "name=x", "text/plain"), params(missing)), 415, /application\/json/],
      [await importKb(request("/api/kbs/import", "POST", "{oops")), 422, /^This file is not a Semantic Radar export: it is not JSON text\.$/],
      [await importKb(new Request("http://localhost/api/kbs/import", { method: "POST", headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) }, body: "{}" })), 413, /expected at most 128\.0 MB, got 200\.0 MB/],
      [await postList(request("/api/kbs", "POST", {})), 405, /POST is not answered here: expected GET/],
      [await getOne(request(`/api/kbs/${missing}`, "GET"), params(missing)), 404, /No knowledge base with id/],
      [await postOne(request(`/api/kbs/${missing}`, "POST", {})), 405, /expected GET or PATCH or DELETE/],
      [await getOne(request("/api/kbs/%00", "GET"), params("\u0000")), 422, /without control characters such as NUL \(U\+0000\)/],
      [await importKb(request("/api/kbs/import", "POST", { format: "semantic-radar-kb", version: 1, entries: ["a\u0000"] })), 422, /entry 1 holds a NUL character \(U\+0000\), which the store cannot keep/],
      // The proxy does not run on the import (it would cut the body): the route applies its rules itself.
      [await importKb(new Request("http://localhost/api/kbs/import", { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: "{}" })), 403, /Cross-site request refused/],
      [await importKb(request("/api/kbs/import", "POST", "format=x", "text/plain")), 415, /application\/json/],
    ];
    for (const [response, status, message] of checks) {
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
    }
  });
});
