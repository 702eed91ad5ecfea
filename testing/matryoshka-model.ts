/**
 * A model folder that declares Matryoshka cuts, for tests: the installed all-MiniLM-L6-v2's files, linked (no
 * copy), with a semantic_radar.json that declares cuts from `min`. No real Matryoshka model is installable here
 * (Maven Central carries none), so the same weights stand in; the tests check the mechanics, not the quality.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const MINILM_DIR = resolve("models", "all-MiniLM-L6-v2");

/** Makes `<parent>/<id>` (replacing a leftover one) and returns its path. */
export function makeMatryoshkaModel(parent: string, id: string, min = 32): string {
  const dir = join(parent, id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(MINILM_DIR)) if (file !== "semantic_radar.json") symlinkSync(join(MINILM_DIR, file), join(dir, file));
  const declared = { description: "all-MiniLM-L6-v2's weights, declared as Matryoshka for tests", languages: ["en"], matryoshka: { min } };
  writeFileSync(join(dir, "semantic_radar.json"), JSON.stringify(declared));
  return dir;
}

export function removeModel(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
