#!/usr/bin/env python3
"""Builds the GPU check's model: BERT with the default model's architecture and seeded random weights, as fp32 ONNX.

  python3 make-model.py --config CONFIG.json --out MODEL_DIR [--seed N] [--report model.json]

With torch + transformers (the GPU machine): a transformers BertModel, exported by torch.onnx.export with dynamic
batch and sequence axes (the TorchScript exporter first, then the dynamo one), each export checked against the
PyTorch model with onnxruntime on padded batches; if both fail, the same weights go through a hand-built graph
(bert_onnx.py). The weights are saved for torch-bench.py, so PyTorch and our engine run the same network.
Without torch (a dev box): seeded numpy weights and the hand-built graph.
Writes MODEL_DIR/onnx/model.onnx, MODEL_DIR/weights.pt (torch only), MODEL_DIR/config.json, and a JSON report.
"""
import argparse
import json
import sys
import time
import traceback
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bert_onnx  # noqa: E402

# BERT's default init std (0.02) leaves the [CLS] vector nearly the same for every text (neighbouring texts at
# cosine 0.996), which would make "devices agree above 0.999" prove little; at 0.05 different texts sit near 0.88.
INIT_STD = 0.05
MAX_DIFF = 1e-3  # fp32 export vs PyTorch, largest absolute difference over attended positions


def check_batches(vocab, seed):
    """Two padded batches of different shapes: exercises the dynamic axes and the attention mask."""
    rng = np.random.default_rng(seed)
    batches = []
    for batch, seq in ((3, 17), (2, 9)):
        ids = rng.integers(1000, vocab, (batch, seq)).astype(np.int64)
        mask = np.ones((batch, seq), np.int64)
        for row in range(1, batch):
            mask[row, seq - 3 * row:] = 0
        ids[:, 0], ids[mask == 0] = 101, 0
        batches.append((ids, mask))
    return batches


def verify(path, batches, expected_fn):
    """Largest |onnx - expected| over attended positions, run by onnxruntime (Python) on the CPU; None without it."""
    try:
        import onnxruntime
    except ImportError:
        return None
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    worst = 0.0
    for ids, mask in batches:
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        out = session.run(["last_hidden_state"], {k: v for k, v in feeds.items() if k in names})[0]
        worst = max(worst, float(np.abs(out - expected_fn(ids, mask))[mask == 1].max()))
    return worst


def torch_model(config, seed):
    import torch
    from transformers import BertConfig, BertModel
    torch.manual_seed(seed)
    # The most portable graph for export is eager attention; torch-bench.py runs the same weights with the default.
    try:
        bert_config = BertConfig(**bert_onnx.bert_fields(config), attn_implementation="eager")
    except TypeError:
        bert_config = BertConfig(**bert_onnx.bert_fields(config))
        bert_config._attn_implementation = "eager"
    return BertModel(bert_config, add_pooling_layer=False).eval()



def export_attempts(model, path, batches):
    import torch

    class LastHiddenState(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    wrapper = LastHiddenState(model).eval()
    ids, mask = (torch.from_numpy(a) for a in batches[0])  # padded, so no branch can drop the mask while tracing
    args = (ids, mask, torch.zeros_like(ids))
    names = dict(input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"])
    axes = {n: {0: "batch_size", 1: "sequence_length"} for n in names["input_names"] + ["last_hidden_state"]}

    def torchscript():
        torch.onnx.export(wrapper, args, str(path), opset_version=17, dynamic_axes=axes, dynamo=False, **names)

    def dynamo():
        batch, seq = torch.export.Dim("batch", max=4096), torch.export.Dim("seq", max=512)
        shapes = ({0: batch, 1: seq},) * 3
        try:
            torch.onnx.export(wrapper, args, str(path), opset_version=18, dynamic_shapes=shapes, dynamo=True, external_data=False, **names)
        except TypeError:  # an exporter without external_data
            torch.onnx.export(wrapper, args, str(path), opset_version=18, dynamic_shapes=shapes, dynamo=True, **names)

    def expected(ids_np, mask_np):
        with torch.inference_mode():
            i, m = torch.from_numpy(ids_np), torch.from_numpy(mask_np)
            return wrapper(i, m, torch.zeros_like(i)).numpy()

    return [("torch.onnx.export (TorchScript)", torchscript), ("torch.onnx.export (dynamo)", dynamo)], expected


def first_line(error):
    return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"[:300]


def build(config, out, seed, report):
    graph_path = out / "onnx" / "model.onnx"
    graph_path.parent.mkdir(parents=True, exist_ok=True)
    batches = check_batches(config["vocab_size"], seed)
    try:
        import torch
        import transformers
        model = torch_model(config, seed)
        report.update(torch=torch.__version__, transformers=transformers.__version__)
    except Exception as error:  # noqa: BLE001 - no torch stack (or a broken one): our engine's devices can still be compared
        report["attempts"].append({"method": "torch", "ok": False, "error": first_line(error)})
        sd = bert_onnx.random_state_dict(config, seed)
        graph_path.write_bytes(bert_onnx.build_onnx(config, sd).SerializeToString())
        report.update(method="hand-built graph, numpy weights (no torch here)",
                      max_abs_diff=verify(graph_path, batches, lambda i, m: bert_onnx.reference_forward(config, sd, i, m)))
        return
    torch.save(model.state_dict(), out / "weights.pt")
    attempts, expected = export_attempts(model, graph_path, batches)
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    attempts.append(("hand-built graph, torch weights", lambda: graph_path.write_bytes(bert_onnx.build_onnx(config, sd).SerializeToString())))
    for method, export in attempts:
        started = time.time()
        try:
            export()
            diff = verify(graph_path, batches, expected)
            if diff is not None and diff > MAX_DIFF:
                raise ValueError(f"the export differs from PyTorch by {diff:.2e} (allowed {MAX_DIFF})")
            report["attempts"].append({"method": method, "ok": True, "seconds": round(time.time() - started, 1)})
            report.update(method=method, max_abs_diff=diff)
            return
        except Exception as error:  # noqa: BLE001 - every failure is recorded and the next method tried
            traceback.print_exc(limit=3)
            report["attempts"].append({"method": method, "ok": False, "error": first_line(error), "seconds": round(time.time() - started, 1)})
    raise SystemExit("every way of building the ONNX model failed; see the attempts above")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="config.json of the default model (architecture only)")
    parser.add_argument("--out", required=True, help="model folder to write")
    parser.add_argument("--seed", type=int, default=20251127)
    parser.add_argument("--report", help="where to write the JSON report")
    args = parser.parse_args()
    config = json.loads(Path(args.config).read_text())
    config.update(initializer_range=INIT_STD)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(config, indent=2))
    report = {"seed": args.seed, "initializer_range": INIT_STD, "attempts": []}
    started = time.time()
    try:
        build(config, out, args.seed, report)
    finally:
        report["seconds"] = round(time.time() - started, 1)
        print(json.dumps(report))
        if args.report:
            Path(args.report).write_text(json.dumps(report, indent=2))
    if report.get("max_abs_diff") is None:
        print("note: onnxruntime (Python) is not installed here, so the graph was not checked against a reference")


if __name__ == "__main__":
    main()
