/**
 * An export over the proxy's 10 MB buffer imports whole: a knowledge base embedded, exported (over 10 MB),
 * deleted and imported again is searchable as before. Before, the proxy cut the body at 10 MB and the import
 * answered "not JSON": the knowledge base was lost.
 */
import { expect, test } from "@playwright/test";
import { readNdjson } from "../lib/api/ndjson-read";
import type { KbEvent, LibraryResponse } from "../lib/api/contract";

const base = `http://127.0.0.1:${process.env.RADAR_E2E_PORT}`;
// One browser's owner key on every call, as a browser sends its cookie: the library is that key's.
const owner = { cookie: `radar_owner=${"L".repeat(43)}` };
const json = { "content-type": "application/json", ...owner };

test("an export of 1,200 entries (over 10 MB) is imported again after a delete", async () => {
  test.setTimeout(600_000);
  const entries = Array.from({ length: 1_200 }, (_, i) => `Large import test entry ${i}, on topic ${i % 37}, detail ${i * 13}.`);
  const embedding = await fetch(`${base}/api/kb`, { method: "POST", headers: json, body: JSON.stringify({ entries }) });
  let kbId = "";
  for await (const event of readNdjson<KbEvent>(embedding.body!)) if (event.type === "done") kbId = event.kbId;
  expect(kbId).toMatch(/^kb_/);

  const exported = await (await fetch(`${base}/api/kbs/${kbId}/export`, { headers: owner })).text();
  expect(exported.length).toBeGreaterThan(10 * 1024 * 1024);
  expect((await fetch(`${base}/api/kbs/${kbId}`, { method: "DELETE", headers: owner })).status).toBe(200);

  const imported = await fetch(`${base}/api/kbs/import`, { method: "POST", headers: json, body: exported });
  expect(imported.status).toBe(200);
  expect(await imported.json()).toMatchObject({ id: kbId, count: 1_200 });
  const library = (await (await fetch(`${base}/api/kbs`, { headers: owner })).json()) as LibraryResponse;
  expect(library.kbs.map((kb) => kb.id)).toContain(kbId);
  const search = await fetch(`${base}/api/search`, { method: "POST", headers: json, body: JSON.stringify({ kbId, query: "topic 5" }) });
  expect(search.status).toBe(200);
});
