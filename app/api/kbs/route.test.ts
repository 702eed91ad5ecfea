/**
 * The library routes (GET /api/kbs, PATCH/DELETE /api/kbs/<id>, export, import) and the teacher's
 * (/api/room/kbs) on the real model and a real embedded database. Requests carry an owner cookie, as a browser
 * does after its first answer; two cookies are two browsers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { ExportFile, KbEvent, LibraryKb, LibraryResponse, RoomKbsResponse, SearchResponse } from "@/lib/api/contract";
import { createHash } from "node:crypto";
import { kbIdOf } from "@/lib/kb/kb-id";
import { kbRepository } from "@/lib/kb/repository";
import { POST as postKb } from "../kb/route";
import { POST as postSearch } from "../search/route";
import { GET as list, POST as postList } from "./route";
import { DELETE as remove, GET as getOne, PATCH as rename, POST as postOne } from "./[id]/route";
import { GET as exportKb } from "./[id]/export/route";
import { POST as importKb } from "./import/route";
import { GET as roomList } from "../room/kbs/route";
import { DELETE as removeAny, PATCH as publish } from "../room/kbs/[id]/route";
import { reloadConfig } from "@/lib/config";
import { TEACHER_HEADERS as TEACHER, TEST_TEACHER_KEY } from "@/testing/teacher-key";

beforeAll(() => {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_TEACHER_KEY: TEST_TEACHER_KEY });
});
afterAll(() => {
  reloadConfig();
});

const FAQ = ["Library test: how to reset a password in Settings.", "Library test: shipping to Europe takes a week.", "Library test: we accept bank transfers."];

const ALICE = `radar_owner=${"A".repeat(43)}`;
const BOB = `radar_owner=${"B".repeat(43)}`;

function request(url: string, method: string, body?: unknown, type = "application/json", cookie = ALICE, more: Record<string, string> = {}): Request {
  const headers: Record<string, string> = { cookie, ...more, ...(body === undefined ? {} : { "content-type": type }) };
  const init: RequestInit = body === undefined ? { method, headers } : { method, headers, body: typeof body === "string" ? body : JSON.stringify(body) };
  return new Request(`http://localhost${url}`, init);
}
const as = (cookie: string, url: string, method: string, body?: unknown) => request(url, method, body, "application/json", cookie);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function embed(entries: string[], cookie = ALICE): Promise<KbEvent[]> {
  const events: KbEvent[] = [];
  for await (const event of readNdjson<KbEvent>((await postKb(as(cookie, "/api/kb", "POST", { entries }))).body!)) events.push(event);
  return events;
}

async function embedDone(entries: string[], cookie = ALICE): Promise<Extract<KbEvent, { type: "done" }>> {
  const done = (await embed(entries, cookie)).at(-1)!;
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

async function library(cookie = ALICE): Promise<LibraryKb[]> {
  return ((await (await list(as(cookie, "/api/kbs", "GET"))).json()) as LibraryResponse).kbs;
}

describe("the library routes", () => {
  it("lists a knowledge base once it is given a name (searching alone lists nothing), renames it, and deletes it", async () => {
    const { kbId } = await embedDone(FAQ);
    expect((await library()).map((kb) => kb.id)).not.toContain(kbId);

    const saved = await rename(request(`/api/kbs/${kbId}`, "PATCH", { name: "  Support FAQ  " }), params(kbId));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ id: kbId, name: "Support FAQ", mine: true, published: false });
    const listed = (await library()).find((kb) => kb.id === kbId);
    expect(listed).toMatchObject({ name: "Support FAQ", model: "all-MiniLM-L6-v2", count: 3, dims: 384, approximate: false, mine: true, published: false });
    expect(Date.parse(listed!.created)).toBeGreaterThan(0);
    const one = await (await getOne(request(`/api/kbs/${kbId}`, "GET"), params(kbId))).json();
    expect(one).toEqual({ kb: listed, entries: FAQ });
    const renamed = await rename(request(`/api/kbs/${kbId}`, "PATCH", { name: "FAQ v2" }), params(kbId));
    expect(await renamed.json()).toMatchObject({ id: kbId, name: "FAQ v2" });

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
    expect(await imported.json()).toMatchObject({ id: kbId, count: 3, model: "all-MiniLM-L6-v2", mine: true });
    expect((await library()).map((kb) => kb.id)).toContain(kbId);
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
      [await roomList(request("/api/room/kbs", "GET")), 401, /^Expected the teacher key in the x-teacher-key header \(npm start prints it\), got none\.$/],
      [await roomList(request("/api/room/kbs", "GET", undefined, "", ALICE, { "x-teacher-key": "guess-guess-guess-guess" })), 401, /got a key that is not the teacher key\.$/],
      [await publish(request(`/api/room/kbs/${missing}`, "PATCH", { published: true }, "application/json", ALICE, TEACHER), params(missing)), 404, /No knowledge base with id/],
      [await publish(request(`/api/room/kbs/${missing}`, "PATCH", { published: "yes" }, "application/json", ALICE, TEACHER), params(missing)), 422, /`published`: expected `published` to be true/],
      [await removeAny(request(`/api/room/kbs/${missing}`, "DELETE", undefined, "", ALICE, TEACHER), params(missing)), 404, /No knowledge base with id/],
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

  it("keeps each browser's library private: another browser cannot list, rename, delete or export it (404), only search it by its id", async () => {
    const { kbId } = await embedDone(["Privacy test: Alice's notes on the exam.", "Privacy test: Alice's phone number is private."]);
    await rename(request(`/api/kbs/${kbId}`, "PATCH", { name: "Alice's notes" }), params(kbId));
    expect((await library(BOB)).map((kb) => kb.id)).not.toContain(kbId);
    for (const response of [
      await rename(as(BOB, `/api/kbs/${kbId}`, "PATCH", { name: "Bob was here" }), params(kbId)),
      await remove(as(BOB, `/api/kbs/${kbId}`, "DELETE"), params(kbId)),
      await exportKb(as(BOB, `/api/kbs/${kbId}/export`, "GET"), params(kbId)),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("kb_not_found");
    }
    expect((await library()).find((kb) => kb.id === kbId)).toMatchObject({ name: "Alice's notes", mine: true });

    // A share link is read-only: Bob reads and searches it; opening it in the radar embeds the same text, which
    // puts it in his library unnamed: his name for it is his, Alice's stays hers, and his delete is only his.
    const shared = (await (await getOne(as(BOB, `/api/kbs/${kbId}`, "GET"), params(kbId))).json()) as { kb: LibraryKb };
    expect(shared.kb).toMatchObject({ id: kbId, mine: false, published: false });
    expect((await postSearch(as(BOB, "/api/search", "POST", { kbId, query: "exam" }))).status).toBe(200);
    expect((await embed(["Privacy test: Alice's notes on the exam.", "Privacy test: Alice's phone number is private."], BOB)).at(-1)).toMatchObject({ kbId, cached: true });
    expect(await (await rename(as(BOB, `/api/kbs/${kbId}`, "PATCH", { name: "Copied from Alice" }), params(kbId))).json()).toMatchObject({ name: "Copied from Alice", mine: true });
    expect((await library()).find((kb) => kb.id === kbId)!.name).toBe("Alice's notes");
    expect((await remove(as(BOB, `/api/kbs/${kbId}`, "DELETE"), params(kbId))).status).toBe(200);
    expect((await library()).find((kb) => kb.id === kbId)!.name).toBe("Alice's notes");
    expect((await postSearch(as(BOB, "/api/search", "POST", { kbId, query: "exam" }))).status).toBe(200);
  });

  it("gives a browser without a key its own: an HttpOnly, SameSite=Strict cookie on the first answer, a fresh library", async () => {
    const response = await list(new Request("http://localhost/api/kbs"));
    const cookies = response.headers.getSetCookie();
    expect(cookies[0]).toMatch(/^radar_owner=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    expect(((await response.json()) as LibraryResponse).kbs.every((kb) => !kb.mine)).toBe(true);
    expect((await list(request("/api/kbs", "GET"))).headers.getSetCookie()).toEqual([]);
  });

  it("lets the teacher list every knowledge base, publish one to every browser, take it off and remove any", async () => {
    const { kbId } = await embedDone(["Teacher test: the course plan for week one.", "Teacher test: the reading list."]);
    const room = async () => ((await (await roomList(request("/api/room/kbs", "GET", undefined, "", ALICE, TEACHER))).json()) as RoomKbsResponse).kbs;
    expect((await room()).find((kb) => kb.id === kbId)).toMatchObject({ published: false, libraries: 0 });

    const published = await publish(request(`/api/room/kbs/${kbId}`, "PATCH", { published: true, name: "Week one" }, "application/json", ALICE, TEACHER), params(kbId));
    expect(await published.json()).toMatchObject({ id: kbId, name: "Week one", published: true });
    for (const cookie of [ALICE, BOB]) expect((await library(cookie)).find((kb) => kb.id === kbId)).toMatchObject({ name: "Week one", published: true, mine: false });
    // A participant cannot remove what the teacher published, but can copy it into their own library.
    expect((await remove(as(BOB, `/api/kbs/${kbId}`, "DELETE"), params(kbId))).status).toBe(404);
    expect(await (await rename(as(BOB, `/api/kbs/${kbId}`, "PATCH", { name: "My week one" }), params(kbId))).json()).toMatchObject({ name: "My week one", mine: true, published: true });
    expect((await room()).find((kb) => kb.id === kbId)).toMatchObject({ name: "Week one", published: true, libraries: 1 });

    await publish(request(`/api/room/kbs/${kbId}`, "PATCH", { published: false }, "application/json", ALICE, TEACHER), params(kbId));
    expect((await library(ALICE)).map((kb) => kb.id)).not.toContain(kbId);
    expect((await library(BOB)).find((kb) => kb.id === kbId)).toMatchObject({ name: "My week one", published: false });

    expect(await (await removeAny(request(`/api/room/kbs/${kbId}`, "DELETE", undefined, "", ALICE, TEACHER), params(kbId))).json()).toEqual({ deleted: kbId });
    expect((await library(BOB)).map((kb) => kb.id)).not.toContain(kbId);
    expect((await room()).map((kb) => kb.id)).not.toContain(kbId);
    expect((await postSearch(as(BOB, "/api/search", "POST", { kbId, query: "plan" }))).status).toBe(404);
  });
});
