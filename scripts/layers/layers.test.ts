/** The import rules of rules.ts hold over the whole app, and catch what they are meant to catch. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importsOf, violations, type ReadFile } from "./check";
import { CHECKED } from "./rules";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const readRepo: ReadFile = (path) => {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, "utf8") : undefined;
};

function sourcesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => sourcesUnder(path.endsWith("/") ? `${path}${name}` : `${path}/${name}`));
}

/** The rules over an imaginary repository of a few files. */
function check(files: Record<string, string>): string[] {
  const read: ReadFile = (path) => files[path];
  return violations(Object.keys(files), read);
}

describe("the app's imports", () => {
  const checked = CHECKED.flatMap(sourcesUnder).filter((path) => /\.(ts|tsx|mts|mjs)$/.test(path) && !path.endsWith(".d.ts") && !path.endsWith(".d.mts"));

  it("are all parsed (a sanity check that the walk finds the code)", () => {
    expect(checked.length).toBeGreaterThan(300);
    expect(checked).toContain("lib/kb/search-kb.ts");
    expect(checked).toContain("proxy.ts");
    const imports = importsOf("lib/kb/search-kb.ts", readRepo("lib/kb/search-kb.ts")!, readRepo);
    expect(imports.map((i) => i.target)).toContain("lib/kb/repository.ts");
  });

  it("run one way, app -> components -> lib/api -> lib/{kb,lab,eval,serve,store} -> lib/engine -> lib/pooling", () => {
    expect(violations(checked, readRepo)).toEqual([]);
  });
});

describe("the rules themselves", () => {
  it("catch an import up the layers, value or type", () => {
    expect(check({ "lib/engine/a.ts": 'import { b } from "../kb/b";', "lib/kb/b.ts": "export const b = 1;" })).toEqual([
      "lib/engine/a.ts imports lib/kb/b.ts: lib/engine may not import domain, a layer above it (app -> components -> lib/api -> domain -> lib/engine -> lib/pooling)",
    ]);
    expect(check({ "lib/kb/a.ts": 'import type { B } from "@/lib/api/contract";', "lib/api/contract/index.ts": "export type B = 1;" })).toEqual([
      expect.stringMatching(/^lib\/kb\/a\.ts imports lib\/api\/contract\/index\.ts \(types only\): domain may not import lib\/api/),
    ]);
    expect(check({ "lib/pooling/a.ts": 'export { e } from "../engine/e";', "lib/engine/e.ts": "export const e = 1;" })).toHaveLength(1);
    expect(check({ "lib/api/a.ts": 'const b = await import("../../app/b");', "app/b.ts": "export {};" })).toHaveLength(1);
  });

  it("allow an import down the layers, skipping some, and within one", () => {
    expect(check({ "app/a.ts": 'import "@/lib/engine/e";', "lib/engine/e.ts": 'import { p } from "../pooling/p";', "lib/pooling/p.ts": 'import { q } from "./q";', "lib/pooling/q.ts": "" })).toEqual([]);
  });

  it("let every layer import the shared files, and the shared files import no layer", () => {
    expect(check({ "lib/pooling/a.ts": 'import { AppError } from "../errors";', "lib/errors.ts": "export class AppError {}" })).toEqual([]);
    expect(check({ "lib/config.ts": 'import { x } from "./engine/x";', "lib/engine/x.ts": "" })).toEqual([expect.stringMatching(/^lib\/config\.ts imports lib\/engine\/x\.ts: a shared file imports only other shared files/)]);
  });

  it("place every file of lib in a layer (test support outside lib)", () => {
    expect(check({ "lib/testing/radar-http-server.ts": 'import { POST } from "../../app/api/kb/route";', "app/api/kb/route.ts": "" })).toEqual([
      expect.stringMatching(/^lib\/testing\/radar-http-server\.ts is in no layer: put it in one of app\/, proxy\.ts/),
    ]);
  });

  it("keep testing/ for tests", () => {
    const files = { "testing/random.ts": 'import "../app/route";', "app/route.ts": "" };
    expect(check({ ...files, "lib/kb/rank.test.ts": 'import "../../testing/random";' })).toEqual([]);
    expect(check({ ...files, "lib/kb/rank.ts": 'import "../../testing/random";' })).toEqual(["lib/kb/rank.ts imports testing/random.ts: only tests import testing/"]);
  });

  it("keep the engine, the database and the environment out of components, even as types", () => {
    expect(check({ "components/a.tsx": 'import type { Graph } from "@/lib/engine/types";', "lib/engine/types.ts": "" })).toEqual([
      expect.stringMatching(/^components\/a\.tsx imports lib\/engine\/types\.ts \(types only\): components run in the browser and never import lib\/engine\//),
    ]);
    expect(check({ "components/a.tsx": 'import { config } from "@/lib/config";', "lib/config.ts": "" })).toHaveLength(1);
  });

  it("catch a component that loads server-only code through a pure-looking module", () => {
    const files = { "lib/kb/pure.ts": 'export { save } from "./save";', "lib/kb/save.ts": 'import "server-only";\nexport const save = 1;' };
    expect(check({ ...files, "components/a.tsx": 'import { save } from "@/lib/kb/pure";' })).toEqual(["components/a.tsx loads lib/kb/save.ts in the browser: lib/kb/save.ts is server-only"]);
    expect(check({ ...files, "components/a.tsx": 'import type { save } from "@/lib/kb/pure";' })).toEqual([]);
    expect(check({ "components/a.tsx": 'import { f } from "@/lib/kb/files";', "lib/kb/files.ts": 'import { readFileSync } from "node:fs";' })).toEqual([
      "components/a.tsx loads lib/kb/files.ts in the browser: lib/kb/files.ts loads node:fs",
    ]);
  });

  it("catch the proxy or the error mapping loading engine code, however indirectly", () => {
    const files = { "lib/api/respond.ts": 'import { dir } from "../kb/paths";', "lib/kb/paths.ts": 'import { modelsDir } from "../engine/registry";', "lib/engine/registry.ts": "" };
    expect(check(files)).toEqual(["lib/api/respond.ts loads engine code (lib/engine/registry.ts): it must load none"]);
    expect(check({ ...files, "lib/api/respond.ts": 'import type { Dir } from "../kb/paths";' })).toEqual([]);
  });

  it("catch domain folders importing each other", () => {
    expect(check({ "lib/kb/a.ts": 'import "../store/b";', "lib/store/b.ts": 'import "../kb/c";', "lib/kb/c.ts": "" })).toEqual([
      "the domain folders lib/kb/ and lib/store/ import each other (through lib/store/'s imports)",
      "the domain folders lib/store/ and lib/kb/ import each other (through lib/kb/'s imports)",
    ]);
    expect(check({ "lib/kb/a.ts": 'import "../store/b";', "lib/store/b.ts": "" })).toEqual([]);
  });

  it("keep onnxruntime in the engine", () => {
    expect(check({ "lib/kb/rank-worker.ts": 'import * as ort from "onnxruntime-node";' })).toEqual(["lib/kb/rank-worker.ts imports onnxruntime-node: only lib/engine/ may import onnxruntime-node"]);
    expect(check({ "lib/engine/session.ts": 'import * as ort from "onnxruntime-node";' })).toEqual([]);
  });
});
