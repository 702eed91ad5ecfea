// Feeds built from what a graph declares, on a 2 x 3 batch checked by hand.
import { describe, expect, it } from "vitest";
import { buildBatch } from "./batch";
import { buildFeeds, checkFeedable } from "./feeds";

// "a b" and "c" padded on the right with pad id 0: [[7, 8, 9], [7, 5, 0]].
const BATCH = buildBatch(
  [
    { ids: [7, 8, 9], specials: Uint8Array.from([1, 0, 1]) },
    { ids: [7, 5], specials: Uint8Array.from([1, 0]) },
  ],
  0,
  "right",
);
const BERT_INPUTS = [{ name: "input_ids" }, { name: "attention_mask" }, { name: "token_type_ids" }];

describe("buildFeeds", () => {
  it("feeds a BERT graph its ids, mask and a single segment, as int64 [batch, seq]", () => {
    const feeds = buildFeeds(BERT_INPUTS, { batch: BATCH });
    expect(Object.keys(feeds)).toEqual(["input_ids", "attention_mask", "token_type_ids"]);
    expect(feeds.input_ids).toEqual({ type: "int64", data: BigInt64Array.from([7n, 8n, 9n, 7n, 5n, 0n]), dims: [2, 3] });
    expect(feeds.attention_mask).toEqual({ type: "int64", data: BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 0n]), dims: [2, 3] });
    expect(feeds.token_type_ids).toEqual({ type: "int64", data: new BigInt64Array(6), dims: [2, 3] });
  });

  it("feeds a decoder its positions, counting attended tokens only (left padding)", () => {
    const left = buildBatch([{ ids: [4], specials: Uint8Array.from([0]) }, { ids: [4, 6], specials: Uint8Array.from([0, 1]) }], 0, "left");
    const feeds = buildFeeds([{ name: "input_ids" }, { name: "position_ids" }], { batch: left });
    expect(feeds.input_ids.data).toEqual(BigInt64Array.from([0n, 4n, 4n, 6n]));
    expect(feeds.position_ids).toEqual({ type: "int64", data: BigInt64Array.from([0n, 0n, 0n, 1n]), dims: [2, 2] });
  });

  it("feeds a KV-cache decoder an empty past of the declared type, [batch, kv_heads, 0, head_dim], per layer", () => {
    const left = buildBatch([{ ids: [4], specials: Uint8Array.from([0]) }, { ids: [4, 6], specials: Uint8Array.from([0, 1]) }], 0, "left");
    const inputs = [
      { name: "input_ids" },
      { name: "attention_mask" },
      { name: "past_key_values.0.key", type: "float32", shape: ["batch_size", 2, "past_sequence_length", 8] },
      { name: "past_key_values.0.value", type: "float32", shape: ["batch_size", 2, "past_sequence_length", 8] },
      { name: "past_key_values.1.key", type: "float16", shape: ["batch_size", 8, "past_sequence_length", 128] },
    ];
    const feeds = buildFeeds(inputs, { batch: left });
    expect(feeds["past_key_values.0.key"]).toEqual({ type: "float32", data: new Float32Array(0), dims: [2, 2, 0, 8] });
    expect(feeds["past_key_values.0.value"].dims).toEqual([2, 2, 0, 8]);
    expect(feeds["past_key_values.1.key"]).toEqual({ type: "float16", data: new Uint16Array(0), dims: [2, 8, 0, 128] });
    // With nothing in the past the mask is the texts' own: [batch, past 0 + seq].
    expect(feeds.attention_mask).toEqual({ type: "int64", data: BigInt64Array.from([0n, 1n, 1n, 1n]), dims: [2, 2] });
  });

  it("feeds a pooled graph its weights, or zeros of the declared shape when none are given", () => {
    const inputs = [...BERT_INPUTS, { name: "pool_weights", type: "float32", shape: ["batch_size", 4, "sequence_length"] }];
    expect(buildFeeds(inputs, { batch: BATCH }).pool_weights).toEqual({ type: "float32", data: new Float32Array(24), dims: [2, 4, 3] });
    const poolWeights = Float32Array.from({ length: 24 }, (_, i) => i);
    expect(buildFeeds(inputs, { batch: BATCH, poolWeights }).pool_weights.data).toBe(poolWeights);
  });
});

describe("checkFeedable", () => {
  it("accepts every input the engine knows", () => {
    const past = { name: "past_key_values.0.key", type: "float32", shape: ["batch_size", 2, "past_sequence_length", 8] };
    expect(() => checkFeedable([...BERT_INPUTS, { name: "position_ids" }, { name: "pool_weights" }, past], "m/onnx/model.onnx")).not.toThrow();
  });

  it("refuses a graph that wants an input the engine cannot build, naming it and what is known", () => {
    const inputs = [{ name: "input_ids" }, { name: "pixel_values" }];
    expect(() => checkFeedable(inputs, "clip/onnx/model.onnx")).toThrow(
      /^clip\/onnx\/model\.onnx wants input "pixel_values", which the engine does not provide; expected input_ids, attention_mask, token_type_ids, position_ids, past_key_values\.N\.key\/value \(an empty cache\)$/,
    );
    expect(() => buildFeeds(inputs, { batch: BATCH })).toThrow(/"pixel_values"/);
  });

  it("refuses a past input whose heads or head size are not fixed, or whose type is not a float", () => {
    const symbolic = [{ name: "past_key_values.0.key", type: "float32", shape: ["batch_size", "kv_heads", "past_sequence_length", 8] }];
    expect(() => checkFeedable(symbolic, "m/onnx/model.onnx")).toThrow(
      /^m\/onnx\/model\.onnx: past_key_values\.0\.key is declared \[batch_size, kv_heads, past_sequence_length, 8\], expected \[batch, kv_heads, past_length, head_dim\] with fixed kv_heads and head_dim$/,
    );
    const int8 = [{ name: "past_key_values.3.value", type: "int8", shape: ["b", 2, "p", 8] }];
    expect(() => checkFeedable(int8, "m/onnx/model.onnx")).toThrow(/past_key_values\.3\.value is declared int8, expected float32 or float16/);
  });
});
