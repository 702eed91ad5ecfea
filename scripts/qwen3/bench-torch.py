#!/usr/bin/env python3
"""The PyTorch side of `npm run bench -- engine`: transformers on PyTorch CPU, as the Qwen3-Embedding model card
runs it (the article's own stack), timed on the texts the engine benchmark uses.

  /work/venvs/qwen3/bin/python scripts/qwen3/bench-torch.py --model DIR --texts TEXTS.json [--rounds 3]
      [--batch 32] [--pooling last_token|mean] [--threads N] [--vectors OUT.json] [--json]

DIR needs model.safetensors beside config.json and the tokenizer (scripts/qwen3/make-0.6b.py writes one).
TEXTS.json is {"corpus": [...], "queries": [...]}: the benchmark's texts, passed in so every side embeds the same
ones. Corpus: batches of --batch in input order, left-padded (the tokenizer's padding side), truncated at 512
tokens as the engine is, median texts/s over --rounds. Queries: one text a call, median ms. Both after a warm-up.
--vectors writes the first 64 corpus vectors (L2-normalised) so the caller can check all sides agree.
Prints a line of figures, or with --json one JSON object: texts_per_s, query_ms_median, threads, load_s,
peak_rss_mib, versions.
"""
import argparse
import json
import resource
import statistics
import time
from importlib.metadata import version
from pathlib import Path

import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer

MAX_TOKENS = 512  # the engine's cap (lib/engine/registry.ts)
AGREEMENT_TEXTS = 64


def pooled(hidden: torch.Tensor, mask: torch.Tensor, pooling: str) -> torch.Tensor:
    """hidden: [batch, seq, dim]; mask: [batch, seq]. Last token from the mask, so any padding side is right."""
    if pooling == "mean":
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
    last = mask.shape[1] - 1 - mask.flip(1).argmax(1)
    return hidden[torch.arange(hidden.shape[0]), last]


def embedder(model, tokenizer, pooling: str):
    def embed(texts: list[str]) -> torch.Tensor:
        batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        return F.normalize(pooled(hidden, batch["attention_mask"], pooling), p=2, dim=1)
    return embed


def corpus_seconds(embed, texts: list[str], batch: int) -> float:
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        embed(texts[i:i + batch])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--texts", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--pooling", choices=["last_token", "mean"], default="last_token")
    parser.add_argument("--threads", type=int, help="torch intra-op threads (default: torch's, one per core)")
    parser.add_argument("--vectors", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = json.loads(args.texts.read_text(encoding="utf-8"))
    corpus, queries = texts["corpus"], texts["queries"]
    if args.threads:
        torch.set_num_threads(args.threads)

    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(args.model, padding_side="left", fix_mistral_regex=False)
    model = AutoModel.from_pretrained(args.model, dtype=torch.float32).eval()
    load_s = time.perf_counter() - started
    embed = embedder(model, tokenizer, args.pooling)
    first = embed(corpus[:AGREEMENT_TEXTS])  # warm-up, and the vectors the caller compares
    if args.vectors:
        args.vectors.write_text(json.dumps(first.tolist()))
    texts_per_s = len(corpus) / statistics.median(corpus_seconds(embed, corpus, args.batch) for _ in range(args.rounds))
    query_ms = []
    for query in queries:
        started = time.perf_counter()
        embed([query])
        query_ms.append((time.perf_counter() - started) * 1000)
    figures = {
        "model": str(args.model),
        "pooling": args.pooling,
        "corpus": len(corpus),
        "rounds": args.rounds,
        "texts_per_s": round(texts_per_s, 1),
        "query_ms_median": round(statistics.median(query_ms), 2),
        "threads": torch.get_num_threads(),
        "load_s": round(load_s, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "versions": {p: version(p) for p in ("torch", "transformers")},
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"transformers {figures['versions']['transformers']} on PyTorch {figures['versions']['torch']} CPU "
              f"({figures['threads']} threads): {figures['texts_per_s']} texts/s over {len(corpus)} texts, "
              f"{figures['query_ms_median']} ms per query (median of {len(queries)}), peak RSS {figures['peak_rss_mib']} MiB")


if __name__ == "__main__":
    main()
