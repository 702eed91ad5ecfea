#!/usr/bin/env python3
"""Builds a Qwen3-Embedding-0.6B-shaped model with random weights, for benchmarks at the real size (not committed).

  /work/venvs/qwen3/bin/python scripts/qwen3/make-0.6b.py --out DIR [--seed N] [--skip-check]

Writes DIR/qwen3-0.6b-random/ (optimum's feature-extraction export, plus model.safetensors so transformers on
PyTorch runs the same weights: scripts/qwen3/bench-torch.py) and DIR/qwen3-0.6b-random-kv/ (the KV-cache layout of
onnx-community/Qwen3-Embedding-0.6B-ONNX, model.safetensors hard-linked), both with their weights in onnx/model.onnx_data. The shape is
Qwen3-Embedding-0.6B's config.json: 28 layers, hidden 1024, 16 query / 8 key-value heads of 128, FFN 3072, the
151,669-token vocabulary, tied embeddings. About 2.4 GB a graph; give DIR 8 GB. Put DIR under models/ only if you
want the app to list the models (the folders are git-ignored there).
Then, unless --skip-check, both graphs run through onnxruntime against PyTorch on a few left-padded texts.
Needs what make-fixtures.py needs (scripts/qwen3/requirements.txt, npm).
"""
import argparse
import gc
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from qwen3_export import (EMBEDDING_06B, QUERY_PROMPT, embedding_tokenizer, embedding_tokenizer_config, export_onnx,
                          fetch_tokenizer_files, folder_size, random_qwen3, save_pytorch, write_hf_files)
from qwen3_reference import cosines, ort_hidden, pool_all, torch_hidden

CHECK_TEXTS = ["hello world", "我的肚子在咕咕叫，离午饭还有两个小时。", QUERY_PROMPT + "how do I stop my stomach growling?"]


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux


def check(plain: Path, kv: Path) -> None:
    """The same left-padded batch through PyTorch and both graphs: last-token and mean cosines."""
    import onnxruntime as ort
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(plain, fix_mistral_regex=False)
    model = AutoModel.from_pretrained(plain).eval()
    hidden, batch = torch_hidden(model, tokenizer, CHECK_TEXTS)
    del model
    gc.collect()
    mask, ids = batch["attention_mask"], batch["input_ids"]
    expected = pool_all(hidden, mask, np.zeros_like(mask))
    for folder in (plain, kv):
        session = ort.InferenceSession(str(folder / "onnx" / "model.onnx"), providers=["CPUExecutionProvider"])
        pooled = pool_all(ort_hidden(session, ids, mask), mask, np.zeros_like(mask))
        del session
        print(f"{folder.name}: onnxruntime vs PyTorch, min cosine last_token "
              f"{cosines(pooled['last_token'], expected['last_token']).min():.7f}, mean "
              f"{cosines(pooled['mean'], expected['mean']).min():.7f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the two model folders into")
    parser.add_argument("--seed", type=int, default=20250605)
    parser.add_argument("--skip-check", action="store_true")
    args = parser.parse_args()
    plain, kv = args.out / "qwen3-0.6b-random", args.out / "qwen3-0.6b-random-kv"

    with tempfile.TemporaryDirectory(prefix="qwen3-0.6b-") as work:
        work = Path(work)
        base_tokenizer, base_config = fetch_tokenizer_files(work)
        tokenizer_json, tokenizer_config = embedding_tokenizer(base_tokenizer), embedding_tokenizer_config(base_config)
        started = time.monotonic()
        model = random_qwen3(EMBEDDING_06B, args.seed)
        params = sum(p.numel() for p in model.parameters())
        save_pytorch(model, work / "pytorch", tokenizer_json, tokenizer_config)
        for folder in (plain, kv):
            write_hf_files(folder, model, tokenizer_json, tokenizer_config)
        del model  # the exporter loads its own copy from the saved folder
        gc.collect()
        print(f"built {params / 1e6:.1f} M parameters in {time.monotonic() - started:.0f} s; peak RSS {peak_rss_gib():.1f} GiB")
        for folder, layout in ((plain, "plain"), (kv, "kv")):
            started = time.monotonic()
            export_onnx(work / "pytorch", folder, layout, validate=False)
            print(f"{folder.name}: exported in {time.monotonic() - started:.0f} s, {folder_size(folder) / 2**30:.2f} GiB; "
                  f"peak RSS so far {peak_rss_gib():.1f} GiB")
        shutil.copyfile(work / "pytorch" / "model.safetensors", plain / "model.safetensors")
        # The same weights for PyTorch beside the KV-cache layout too (a hard link: no second 2.4 GB on disk).
        os.link(plain / "model.safetensors", kv / "model.safetensors")
    if not args.skip_check:
        check(plain, kv)
    print(f"peak RSS {peak_rss_gib():.1f} GiB")


if __name__ == "__main__":
    main()
