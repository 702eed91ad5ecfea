// The pooled graph writer: what it reads from a graph, what it refuses, and that it is idempotent and atomic.
import { cpSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WEIGHTED_POOLINGS } from "../pooling/weights";
import { describeGraph, ensurePooledGraphs, findLayerTensors, layerOutputs, poolingPlan, POOLED_GRAPH_MARKER, POOLED_ORDER, poolGraphBytes, poolingFragment, pooledGraphFile } from "./pooled-graph.mjs";
import { describeModel, withoutPooledGraphs } from "./registry";
import { matMulGraph } from "./score-graph";

const TINY = join(process.cwd(), "models", "tiny");

function tinyCopy(id: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "radar-pooled-")), id);
  cpSync(join(TINY, id), dir, { recursive: true, filter: (source) => !source.endsWith("_pooled.onnx") });
  return dir;
}

describe("pooled graph writer", () => {
  it("pools in the order lib/pooling builds the weights in", () => {
    expect([...POOLED_ORDER]).toEqual([...WEIGHTED_POOLINGS]);
  });

  it("names the pooled file beside its graph", () => {
    expect(pooledGraphFile("onnx/model.onnx")).toBe("onnx/model_pooled.onnx");
    expect(pooledGraphFile("onnx/model_quantized.onnx")).toBe("onnx/model_quantized_pooled.onnx");
  });

  it("reads the opset, inputs and outputs of a graph, and adds pool_weights, pooled and pooled_max", () => {
    const bytes = readFileSync(join(TINY, "tiny-decoder", "onnx", "model.onnx"));
    const plain = describeGraph(bytes);
    expect(plain.opset).toBe(17);
    expect(plain.inputs.map((i) => i.name)).toEqual(["input_ids", "attention_mask", "position_ids"]);
    expect(plain.outputs).toEqual([{ name: "last_hidden_state", elemType: 1, dims: [{ param: expect.any(String) }, { param: expect.any(String) }, { value: 8 }] }]);
    const pooled = describeGraph(poolGraphBytes(bytes));
    expect(pooled.inputs.map((i) => i.name)).toEqual(["input_ids", "attention_mask", "position_ids", "pool_weights"]);
    expect(pooled.outputs.map((o) => [o.name, o.dims.length])).toEqual([["last_hidden_state", 3], ["pooled", 3], ["pooled_max", 2]]);
    expect(pooled.outputs[1].dims[1]).toEqual({ value: 4 });
  });

  it("refuses a graph without last_hidden_state, and one already pooled, saying why", () => {
    expect(() => poolingFragment(matMulGraph())).toThrow(/expected a last_hidden_state output, the graph has: s/);
    const pooled = poolGraphBytes(readFileSync(join(TINY, "tiny-encoder", "onnx", "model.onnx")));
    expect(() => poolingFragment(pooled)).toThrow(/already pooled/);
  });

  it("writes once, finds it current after, and rebuilds it when the graph is newer", () => {
    const dir = tinyCopy("tiny-encoder");
    expect(ensurePooledGraphs(dir)).toEqual([
      { file: "onnx/model.onnx", status: "written", bytes: expect.any(Number), layers: 0, layersSkipped: expect.stringMatching(/no BERT-style LayerNorm nodes/) },
    ]);
    const target = join(dir, "onnx", "model_pooled.onnx");
    expect(readFileSync(target).subarray(-200).toString("latin1")).toContain(POOLED_GRAPH_MARKER);
    expect(ensurePooledGraphs(dir)).toEqual([{ file: "onnx/model.onnx", status: "current" }]);
    expect(describeModel(dir, "tiny-encoder").graphs[0].pooledFile).toBe("onnx/model_pooled.onnx");
    const later = new Date(statSync(target).mtimeMs + 5000);
    utimesSync(join(dir, "onnx", "model.onnx"), later, later);
    // The registry no longer offers an outdated pooled graph; the install rebuilds it.
    expect(describeModel(dir, "tiny-encoder").graphs[0].pooledFile).toBeUndefined();
    expect(ensurePooledGraphs(dir)[0].status).toBe("written");
  });

  it("reports a graph it cannot pool instead of failing, and leaves no partial file", () => {
    const dir = tinyCopy("tiny-encoder");
    writeFileSync(join(dir, "onnx", "model_fp16.onnx"), matMulGraph());
    const results = ensurePooledGraphs(dir);
    expect(results).toContainEqual({ file: "onnx/model_fp16.onnx", status: "skipped", reason: expect.stringMatching(/expected a last_hidden_state output/) });
    const model = describeModel(dir, "tiny-encoder");
    expect(model.graphs.map((g) => [g.graph, g.pooledFile])).toEqual([["fp32", "onnx/model_pooled.onnx"], ["fp16", undefined]]);
    expect(withoutPooledGraphs(model).graphs.every((g) => g.pooledFile === undefined)).toBe(true);
  });
});

describe("layer outputs", () => {
  const minilm = readFileSync(join(process.cwd(), "models", "all-MiniLM-L6-v2", "onnx", "model.onnx"));
  const quantized = readFileSync(join(process.cwd(), "models", "all-MiniLM-L6-v2", "onnx", "model_quantized.onnx"));

  it("finds the embedding LayerNorm and each encoder layer's output LayerNorm, the last being last_hidden_state", () => {
    const found = findLayerTensors(describeGraph(minilm).nodes);
    expect(found).toEqual({
      tensors: ["/embeddings/LayerNorm/Add_1_output_0", ...[0, 1, 2, 3, 4].map((i) => `/encoder/layer.${i}/output/LayerNorm/Add_1_output_0`), "last_hidden_state"],
    });
  });

  it("skips the quantized graph's DynamicQuantizeLinear that shares each LayerNorm's name", () => {
    expect(findLayerTensors(describeGraph(quantized).nodes)).toEqual(findLayerTensors(describeGraph(minilm).nodes));
  });

  it("adds hidden states, pooled and pooled_max for layers 0..6 and both averages, after the outputs it had", () => {
    const plan = poolingPlan(minilm);
    expect(plan.layers).toBe(7);
    const outputs = describeGraph(poolGraphBytes(minilm)).outputs.map((o) => o.name);
    const keys = ["0", "1", "2", "3", "4", "5", "6", "first_last", "last_two"];
    expect(outputs).toEqual(["last_hidden_state", "pooled", "pooled_max", ...keys.flatMap((k) => Object.values(layerOutputs(k)))]);
  });

  it("says why when no layer can be found, and still pools the last one", () => {
    expect(findLayerTensors([{ name: "/embeddings/LayerNorm/Add_1", op: "Add", outputs: ["x"] }])).toEqual({ reason: expect.stringMatching(/no BERT-style LayerNorm/) });
    const nodes = [
      { name: "/embeddings/LayerNorm/Add_1", op: "Add", outputs: ["e"] },
      { name: "/encoder/layer.1/output/LayerNorm/Add_1", op: "Add", outputs: ["last_hidden_state"] },
    ];
    expect(findLayerTensors(nodes)).toEqual({ reason: "of its layers 0 to 2, no LayerNorm was found for 1" });
    const wrongLast = [nodes[0], { name: "/encoder/layer.0/output/LayerNorm/Add_1", op: "Add", outputs: ["y"] }];
    expect(findLayerTensors(wrongLast)).toEqual({ reason: "its last layer's LayerNorm gives y, not last_hidden_state" });
  });
});
