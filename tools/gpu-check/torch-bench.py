#!/usr/bin/env python3
"""The PyTorch reference of the GPU check: the same network, batches and sequence lengths on CUDA.

  python3 torch-bench.py --work WORK_DIR --model MODEL_DIR [--passes 5]

Reads our engine's plan (WORK/plan.json: batches of input indices and the token ids) and the texts; loads the
weights make-model.py saved into a transformers BertModel with its default attention (what a Python user gets),
fp32, on CUDA. Two figures, each the median of --passes timed passes after one warm-up pass:
  end to end:   tokenize (HF tokenizers) -> pad -> copy to the GPU -> forward -> mean and cls pooling ->
                normalize -> copy back, batch by batch: what a Python embed loop costs;
  forward only: our engine's token ids already on the GPU, forward passes alone.
Writes WORK/torch.json and the mean and cls vectors (WORK/vectors-torch-{mean,cls}.f32, input order).
Without CUDA or torch it records why and exits 0: the rest of the check still stands.
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bert_onnx  # noqa: E402


def padded(rows, pad_id=0):
    """ids and mask as [batch, longest] int64, right-padded (BERT's side)."""
    longest = max(len(r) for r in rows)
    ids = np.full((len(rows), longest), pad_id, np.int64)
    mask = np.zeros((len(rows), longest), np.int64)
    for i, row in enumerate(rows):
        ids[i, :len(row)], mask[i, :len(row)] = row, 1
    return ids, mask


def load(model_dir, torch):
    from transformers import BertConfig, BertModel, __version__ as transformers_version
    config = json.loads((model_dir / "config.json").read_text())
    model = BertModel(BertConfig(**bert_onnx.bert_fields(config)), add_pooling_layer=False)
    model.load_state_dict(torch.load(model_dir / "weights.pt", map_location="cpu"))
    return model.cuda().eval(), transformers_version


def run(args, report):
    import torch
    import torch.nn.functional as F
    from tokenizers import Tokenizer
    report.update(torch=torch.__version__)
    if not torch.cuda.is_available():
        report.update(status="skipped", reason="PyTorch sees no CUDA device here")
        return
    work, model_dir = Path(args.work), Path(args.model)
    plan = json.loads((work / "plan.json").read_text())
    texts = json.loads((work / "texts.json").read_text())
    model, report["transformers"] = load(model_dir, torch)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=plan["maxTokens"])
    ours = plan["ids"]
    mismatched = [i for i, e in enumerate(tokenizer.encode_batch(texts)) if e.ids != ours[i]]
    report.update(device=torch.cuda.get_device_name(0), cuda=torch.version.cuda, dtype="float32",
                  attnImplementation=getattr(model.config, "_attn_implementation", "?"),
                  tf32=bool(torch.backends.cuda.matmul.allow_tf32),
                  tokenParity={"checked": len(texts), "mismatched": len(mismatched), "first": mismatched[:5]})
    dims = model.config.hidden_size
    vectors = {"mean": np.zeros((len(texts), dims), np.float32), "cls": np.zeros((len(texts), dims), np.float32)}

    def end_to_end():
        for batch in plan["batches"]:
            ids, mask = padded([e.ids for e in tokenizer.encode_batch([texts[i] for i in batch])])
            ids, mask = torch.from_numpy(ids).cuda(), torch.from_numpy(mask).cuda()
            with torch.inference_mode():
                hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                for name, pooled in (("mean", mean), ("cls", hidden[:, 0])):
                    vectors[name][batch] = F.normalize(pooled, dim=-1).cpu().numpy()

    gpu_batches = [tuple(torch.from_numpy(a).cuda() for a in padded([ours[i] for i in batch])) for batch in plan["batches"]]

    def forward_only():
        with torch.inference_mode():
            for ids, mask in gpu_batches:
                model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids))
        torch.cuda.synchronize()

    for name, work_fn in (("e2e", end_to_end), ("forward", forward_only)):
        work_fn()  # warm-up: cuBLAS handles, kernels for each shape
        times = []
        for _ in range(args.passes):
            torch.cuda.synchronize()
            started = time.perf_counter()
            work_fn()
            torch.cuda.synchronize()
            times.append((time.perf_counter() - started) * 1000)
        report[name] = {"ms": [round(t, 2) for t in times], "textsPerSecond": len(texts) * 1000 / statistics.median(times)}
        print(f"pytorch cuda {name}: {report[name]['textsPerSecond']:.0f} texts/s (median of {args.passes})")
    for name, matrix in vectors.items():
        matrix.astype("<f4").tofile(work / f"vectors-torch-{name}.f32")
    report["status"] = "ok"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    report = {"status": "failed"}
    try:
        run(args, report)
    except ImportError as error:
        report.update(status="skipped", reason=f"no PyTorch stack here: {error}")
    except Exception as error:  # noqa: BLE001 - recorded for the report, the check goes on
        report.update(status="failed", reason=f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
        raise
    finally:
        Path(args.work, "torch.json").write_text(json.dumps(report, indent=2))
        if report["status"] != "ok":
            print(f"pytorch: {report['status']}: {report.get('reason')}")


if __name__ == "__main__":
    main()
