// `npm run models -- add <folder>` on the tiny Qwen3 fixtures: a complete folder installs and loads; a partial or
// wrong one is refused with the file named.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeModel } from "../lib/engine/registry";
import { modelFolderProblems } from "./model-folder.mjs";

const FIXTURES = join(process.cwd(), "models", "tiny");

/** A scratch copy of a fixture folder, to break. */
function copyOf(id: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "radar-add-")), id);
  cpSync(join(FIXTURES, id), dir, { recursive: true });
  rmSync(join(dir, "onnx", "model_pooled.onnx"), { force: true });
  return dir;
}

function add(folder: string) {
  const models = mkdtempSync(join(tmpdir(), "radar-models-"));
  const result = spawnSync(process.execPath, ["scripts/install-models.mjs", "add", folder], { encoding: "utf8", env: { ...process.env, SEMANTIC_RADAR_MODELS_DIR: models } });
  return { models, result };
}

describe("modelFolderProblems", () => {
  it("finds nothing wrong with either Qwen3 layout", () => {
    expect(modelFolderProblems(join(FIXTURES, "qwen3-tiny"))).toEqual([]);
    expect(modelFolderProblems(join(FIXTURES, "qwen3-tiny-kv"))).toEqual([]);
  });

  it("names the external data a graph needs when it is not there", () => {
    const dir = copyOf("qwen3-tiny-kv");
    rmSync(join(dir, "onnx", "model.onnx_data"));
    expect(modelFolderProblems(dir)).toEqual(["onnx/model.onnx keeps its weights in onnx/model.onnx_data, which is missing; copy it beside model.onnx"]);
  });

  it("names each missing or wrong layout file", () => {
    const dir = copyOf("qwen3-tiny");
    rmSync(join(dir, "tokenizer.json"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ model_type: "qwen3" }));
    writeFileSync(join(dir, "tokenizer_config.json"), "{ not json");
    expect(modelFolderProblems(dir)).toEqual([
      "config.json has no hidden_size; expected the model's config.json, not a tokenizer's or a pipeline's",
      "tokenizer.json is missing",
      expect.stringMatching(/^tokenizer_config\.json is not valid JSON: /),
    ]);
    rmSync(join(dir, "onnx"), { recursive: true });
    expect(modelFolderProblems(dir)).toContain("no ONNX graph: expected onnx/model.onnx or onnx/model_fp16.onnx or onnx/model_quantized.onnx or onnx/model_int8.onnx or onnx/model_uint8.onnx");
  });

  it("refuses a graph that is not ONNX, or one without the hidden states", () => {
    const dir = copyOf("qwen3-tiny");
    writeFileSync(join(dir, "onnx", "model.onnx"), "<html>404</html>");
    expect(modelFolderProblems(dir)).toEqual([expect.stringMatching(/^onnx\/model\.onnx is not an ONNX graph/)]);
    cpSync(join(FIXTURES, "tiny-encoder", "onnx", "model.onnx"), join(dir, "onnx", "model.onnx"));
    expect(modelFolderProblems(dir)).toEqual([]);
  });
});

describe("npm run models -- add <folder>", () => {
  it("installs the KV-cache Qwen3 folder: weights linked or copied, the pooled graph written, the registry reads it", () => {
    const { models, result } = add(copyOf("qwen3-tiny-kv"));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/qwen3-tiny-kv: installed into .*qwen3-tiny-kv \(\d+ files\)\n.*qwen3-tiny-kv: pooled graph written for onnx\/model.onnx/);
    const dir = join(models, "qwen3-tiny-kv");
    // Buffer.equals: a deep toEqual walks 9.7 MB byte by byte for minutes.
    expect(readFileSync(join(dir, "onnx", "model.onnx_data")).equals(readFileSync(join(FIXTURES, "qwen3-tiny-kv", "onnx", "model.onnx_data")))).toBe(true);
    // The pooled graph points at the same model.onnx_data: it holds no weights of its own.
    expect(statSync(join(dir, "onnx", "model_pooled.onnx")).size).toBeLessThan(200_000);
    const model = describeModel(dir, "qwen3-tiny-kv");
    expect(model.graphs).toEqual([expect.objectContaining({ graph: "fp32", kvCache: true, dataFiles: ["onnx/model.onnx_data"], pooledFile: "onnx/model_pooled.onnx" })]);
    expect(existsSync(join(models, "qwen3-tiny-kv.partial"))).toBe(false);
  });

  it("refuses a partial folder, naming the missing file, and installs nothing", () => {
    const dir = copyOf("qwen3-tiny");
    rmSync(join(dir, "onnx", "model.onnx_data"));
    const { models, result } = add(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot be used as a model:\n  - onnx\/model\.onnx keeps its weights in onnx\/model\.onnx_data, which is missing/);
    expect(existsSync(join(models, "qwen3-tiny"))).toBe(false);
  });

  it("says so when the folder does not exist", () => {
    const { result } = add("./no/such/folder");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no model folder at .*no\/such\/folder/);
  });
});
