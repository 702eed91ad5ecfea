#!/usr/bin/env python3
"""Appends pooling to an embedding graph, so a forward pass returns [batch, dim] per pooling, not [batch, seq, dim].

  python3 pool-graph.py --model model.onnx --out model-pooled.onnx [--fp16] [--report pool-graph.json]

The pooled graph takes one more input and returns two outputs instead of last_hidden_state:
  pool_weights  float32 [batch, 4, seq]  row k weights the tokens for pooling k (POOLED_ORDER: cls, mean,
                                         mean_content, last_token); the engine builds it from its masks (one-hot
                                         at the first / last attended token, 1/count over attended or content tokens)
  pooled        float32 [batch, 4, dim]  = pool_weights @ last_hidden_state: one batched MatMul for four poolings
  pooled_max    float32 [batch, dim]     max over attended tokens (padding pushed down by 1e9 before ReduceMax)
Positions come from the masks on the host, so the pooling math stays in one place (lib/pooling) and the graph
needs no ArgMax or CumSum. Not normalized: normalization stays its own stage, as in sentence-transformers.

--fp16 first converts the encoder to float16 with onnxruntime's converter (keep_io_types: int64 inputs and a
float32 last_hidden_state), then appends the pooling in float32.
The result is checked with onnxruntime on the CPU against numpy pooling of the input graph's last_hidden_state.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

POOLED_ORDER = ["cls", "mean", "mean_content", "last_token"]
HIDDEN = "last_hidden_state"
MAX_PAD_BIAS = -1e9  # added to padded positions before ReduceMax; hidden states of a LayerNorm output sit near +-10


def opset_of(model):
    return next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))


def append_pooling(model):
    """Adds pool_weights, pooled and pooled_max; drops last_hidden_state from the outputs."""
    graph = model.graph
    if HIDDEN not in [o.name for o in graph.output]:
        raise ValueError(f"expected a {HIDDEN} output, got {[o.name for o in graph.output]}")
    dim = next(o for o in graph.output if o.name == HIDDEN).type.tensor_type.shape.dim[2]
    dim_value = dim.dim_value or None
    opset = opset_of(model)
    graph.input.append(helper.make_tensor_value_info("pool_weights", TensorProto.FLOAT, ["batch_size", len(POOLED_ORDER), "sequence_length"]))
    consts = [
        numpy_helper.from_array(np.array([2], np.int64), "pool_axis_2"),
        numpy_helper.from_array(np.array(1.0, np.float32), "pool_one"),
        numpy_helper.from_array(np.array(-MAX_PAD_BIAS, np.float32), "pool_pad_bias"),
    ]
    if opset >= 18:  # ReduceMax takes its axes as an input from opset 18, as an attribute before
        consts.append(numpy_helper.from_array(np.array([1], np.int64), "pool_axis_1"))
    graph.initializer.extend(consts)
    reduce_max = (helper.make_node("ReduceMax", ["pool_masked", "pool_axis_1"], ["pooled_max"], keepdims=0, name="pool_max")
                  if opset >= 18 else helper.make_node("ReduceMax", ["pool_masked"], ["pooled_max"], axes=[1], keepdims=0, name="pool_max"))
    graph.node.extend([
        helper.make_node("MatMul", ["pool_weights", HIDDEN], ["pooled"], name="pool_weighted"),
        helper.make_node("Cast", ["attention_mask"], ["pool_mask"], to=TensorProto.FLOAT, name="pool_mask_cast"),
        helper.make_node("Sub", ["pool_mask", "pool_one"], ["pool_mask_minus_one"], name="pool_mask_sub"),  # 0 attended, -1 padding
        helper.make_node("Mul", ["pool_mask_minus_one", "pool_pad_bias"], ["pool_bias"], name="pool_bias_mul"),
        helper.make_node("Unsqueeze", ["pool_bias", "pool_axis_2"], ["pool_bias_3d"], name="pool_bias_unsqueeze"),
        helper.make_node("Add", [HIDDEN, "pool_bias_3d"], ["pool_masked"], name="pool_masked_add"),
        reduce_max,
    ])
    del graph.output[:]
    graph.output.extend([
        helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch_size", len(POOLED_ORDER), dim_value or "hidden"]),
        helper.make_tensor_value_info("pooled_max", TensorProto.FLOAT, ["batch_size", dim_value or "hidden"]),
    ])
    return model


def to_fp16(model):
    from onnxruntime.transformers.float16 import convert_float_to_float16
    return convert_float_to_float16(model, keep_io_types=True)


def numpy_pooling(hidden, mask, special):
    """The reference: lib/pooling's five strategies on one batch ([batch, seq, dim], right or left padding)."""
    batch, seq, dim = hidden.shape
    out = {p: np.zeros((batch, dim), np.float64) for p in POOLED_ORDER + ["max"]}
    for row in range(batch):
        attended = np.nonzero(mask[row])[0]
        content = np.nonzero(mask[row] * (1 - special[row]))[0]
        out["cls"][row] = hidden[row, attended[0]]
        out["last_token"][row] = hidden[row, attended[-1]]
        out["mean"][row] = hidden[row, attended].mean(0)
        out["mean_content"][row] = hidden[row, content].mean(0) if len(content) else 0
        out["max"][row] = hidden[row, attended].max(0)
    return out


def weights_for(mask, special):
    """pool_weights as the engine builds them (lib/pooling/weights.ts does the same in TypeScript)."""
    batch, seq = mask.shape
    w = np.zeros((batch, len(POOLED_ORDER), seq), np.float32)
    for row in range(batch):
        attended = np.nonzero(mask[row])[0]
        content = mask[row] * (1 - special[row])
        w[row, 0, attended[0]] = 1
        w[row, 1] = mask[row] / max(mask[row].sum(), 1e-9)
        w[row, 2] = content / max(content.sum(), 1e-9)
        w[row, 3, attended[-1]] = 1
    return w


def check(base_path, pooled_path, vocab):
    """Largest |pooled graph - numpy pooling of the base graph| on a right-padded batch; None without onnxruntime."""
    try:
        import onnxruntime
    except ImportError:
        return None
    rng = np.random.default_rng(7)
    batch, seq = 4, 13
    ids = rng.integers(1000, vocab, (batch, seq)).astype(np.int64)
    mask = np.ones((batch, seq), np.int64)
    for row in range(1, batch):
        mask[row, seq - 3 * row:] = 0
    lengths = mask.sum(1)
    special = np.zeros_like(mask)
    special[:, 0] = 1
    special[np.arange(batch), lengths - 1] = 1
    ids[:, 0], ids[mask == 0] = 101, 0
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids), "position_ids": np.tile(np.arange(seq), (batch, 1))}
    options = {"providers": ["CPUExecutionProvider"]}
    base = onnxruntime.InferenceSession(str(base_path), **options)
    hidden = base.run([HIDDEN], {i.name: feeds[i.name] for i in base.get_inputs()})[0]
    pooled_session = onnxruntime.InferenceSession(str(pooled_path), **options)
    feeds["pool_weights"] = weights_for(mask, special)
    pooled, pooled_max = pooled_session.run(["pooled", "pooled_max"], {i.name: feeds[i.name] for i in pooled_session.get_inputs()})
    expected = numpy_pooling(hidden.astype(np.float64), mask, special)
    worst = float(np.abs(pooled_max - expected["max"]).max())
    for k, name in enumerate(POOLED_ORDER):
        worst = max(worst, float(np.abs(pooled[:, k] - expected[name]).max()))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="graph with input_ids, attention_mask and a last_hidden_state output")
    parser.add_argument("--out", required=True)
    parser.add_argument("--fp16", action="store_true", help="convert the encoder to float16 first")
    parser.add_argument("--vocab", type=int, default=30522)
    parser.add_argument("--report", help="where to write the JSON report")
    args = parser.parse_args()
    started = time.time()
    report = {"model": args.model, "out": args.out, "fp16": args.fp16, "pooledOrder": POOLED_ORDER}
    try:
        model = onnx.load(args.model)
        report["opset"] = opset_of(model)
        if args.fp16:
            model = to_fp16(model)
        onnx.save(append_pooling(model), args.out)
        report["nodes"] = len(model.graph.node)
        diff = check(Path(args.model), Path(args.out), args.vocab)
        report["maxAbsDiffVsNumpyPooling"] = diff
        # fp32: the same sums in another order; fp16: the encoder itself rounds (the check's cosine judges it).
        limit = 5e-2 if args.fp16 else 1e-4
        if diff is not None and diff > limit:
            raise ValueError(f"pooled graph differs from numpy pooling by {diff:.2e} (allowed {limit})")
        report["ok"] = True
    except Exception as error:  # noqa: BLE001 - recorded; the variants phase skips a graph that is not there
        report.update(ok=False, error=f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"[:300])
        Path(args.out).unlink(missing_ok=True)
    report["seconds"] = round(time.time() - started, 1)
    print(json.dumps(report))
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=2))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
