#!/usr/bin/env python3
"""Generate the two tiny ONNX test models in models/tiny/ (Hugging Face layout, committed).

  python3 scripts/make-tiny-models.py           write models/tiny/tiny-encoder and models/tiny/tiny-decoder
  python3 scripts/make-tiny-models.py --check   also verify them with onnxruntime (pip install onnxruntime)

Needs `pip install onnx numpy`. Weights are random from a fixed seed, so a rerun writes identical bytes.
The models mean nothing; they exist so tests can exercise the engine's mechanics in milliseconds:
  tiny-encoder  BERT-like: bidirectional attention, padded keys masked, [CLS] pooling, right padding.
  tiny-decoder  Qwen3-like: CAUSAL attention, padded keys masked, inputs input_ids/attention_mask/position_ids,
                last-token pooling, left padding, a query prompt. Position embeddings are gathered by
                position_ids (a stand-in for RoPE), so left padding is invisible only with correct position_ids.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT_DIR = Path(__file__).resolve().parent.parent / "models" / "tiny"
SEED = 20250101
HIDDEN, HEADS, HEAD_DIM, FFN, MAX_POSITIONS = 8, 2, 4, 16, 32
# Finite, not -inf: a query row that sees no valid key (a left-padding row under the causal mask) would
# otherwise softmax to NaN. exp(-1e4) underflows to exactly 0 in fp32, so real rows ignore masked keys.
MASK_BIAS = -1e4
OPSET, IR_VERSION = 17, 8  # IR 8 is the one that goes with opset 17; every onnxruntime since 1.14 reads it
DECODER_PROMPT = "Instruct: Given a query, retrieve relevant passages\nQuery:"
WORDS = [
    "hello", "world", "i", "am", "hungry", "my", "stomach", "is", "growling", "the", "sky", "blue",
    "cat", "dog", "sat", "on", "mat", "a", "what", "how", "cold", "warm", "today", "sun", "rain", "food",
    "eat", "want", "to", "and", "of", "in", "it", "instruct", "given", "query", "retrieve", "relevant",
    "passages", ".", ",", ":", "?",
]


class Graph:
    """A tiny ONNX graph builder: every op gets a fresh output name; weights come from one seeded RNG."""

    def __init__(self, rng):
        self.rng, self.nodes, self.initializers, self.count = rng, [], [], 0

    def _name(self, prefix):
        self.count += 1
        return f"{prefix}_{self.count}"

    def const(self, value, dtype=np.float32):
        name = self._name("const")
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def weight(self, name, shape, scale, offset=0.0):
        values = (offset + self.rng.standard_normal(shape) * scale).astype(np.float32)
        self.initializers.append(numpy_helper.from_array(values, name))
        return name

    def op(self, op_type, *inputs, out=None, **attrs):
        out = out or self._name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], name=f"{op_type}_{out}", **attrs))
        return out

    def linear(self, x, fan_in, fan_out, prefix):
        w = self.weight(f"{prefix}.weight", (fan_in, fan_out), fan_in ** -0.5)
        b = self.weight(f"{prefix}.bias", (fan_out,), 0.02)
        return self.op("Add", self.op("MatMul", x, w), b)

    def layer_norm(self, x, prefix):
        scale = self.weight(f"{prefix}.weight", (HIDDEN,), 0.1, offset=1.0)
        bias = self.weight(f"{prefix}.bias", (HIDDEN,), 0.1)
        return self.op("LayerNormalization", x, scale, bias, axis=-1, epsilon=1e-12)

    def rms_norm(self, x, prefix, out=None):
        scale = self.weight(f"{prefix}.weight", (HIDDEN,), 0.1, offset=1.0)
        mean_square = self.op("ReduceMean", self.op("Mul", x, x), axes=[-1], keepdims=1)
        rms = self.op("Sqrt", self.op("Add", mean_square, self.const(1e-6)))
        return self.op("Mul", self.op("Div", x, rms), scale, out=out)

    def gelu(self, x):  # exact (erf) GELU; the Gelu op only exists from opset 20
        erf = self.op("Erf", self.op("Mul", x, self.const(2 ** -0.5)))
        return self.op("Mul", self.op("Mul", x, self.op("Add", erf, self.const(1.0))), self.const(0.5))

    def silu(self, x):
        return self.op("Mul", x, self.op("Sigmoid", x))

    def sequence_range(self, input_ids):
        # [seq] = 0, 1, ..., seq-1
        length = self.op("Gather", self.op("Shape", input_ids), self.const(1, np.int64), axis=0)
        return self.op("Range", self.const(0, np.int64), length, self.const(1, np.int64))

    def padding_bias(self, attention_mask):
        # [batch, 1, 1, seq]: 0 where a key is real, MASK_BIAS where it is padding
        mask = self.op("Cast", attention_mask, to=TensorProto.FLOAT)
        bias = self.op("Mul", self.op("Sub", self.const(1.0), mask), self.const(MASK_BIAS))
        return self.op("Unsqueeze", bias, self.const([1, 2], np.int64))

    def causal_bias(self, positions):
        # [seq, seq]: MASK_BIAS where key j comes after query i
        rows = self.op("Unsqueeze", positions, self.const([1], np.int64))
        cols = self.op("Unsqueeze", positions, self.const([0], np.int64))
        future = self.op("Cast", self.op("Greater", cols, rows), to=TensorProto.FLOAT)
        return self.op("Mul", future, self.const(MASK_BIAS))

    def attention(self, x, bias, prefix):
        # x: [batch, seq, hidden]; bias broadcasts to [batch, heads, seq, seq]
        split = self.const([0, 0, HEADS, HEAD_DIM], np.int64)
        heads = lambda name, perm: self.op(
            "Transpose", self.op("Reshape", self.linear(x, HIDDEN, HIDDEN, f"{prefix}.{name}"), split), perm=perm)
        q, k_t, v = heads("q", [0, 2, 1, 3]), heads("k", [0, 2, 3, 1]), heads("v", [0, 2, 1, 3])
        scores = self.op("Add", self.op("Mul", self.op("MatMul", q, k_t), self.const(HEAD_DIM ** -0.5)), bias)
        context = self.op("MatMul", self.op("Softmax", scores, axis=-1), v)  # [batch, heads, seq, head_dim]
        merged = self.op("Reshape", self.op("Transpose", context, perm=[0, 2, 1, 3]),
                         self.const([0, 0, HIDDEN], np.int64))
        return self.linear(merged, HIDDEN, HIDDEN, f"{prefix}.o")

    def to_model(self, name, input_names):
        dims = ["batch_size", "sequence_length"]
        inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, dims) for n in input_names]
        output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, dims + [HIDDEN])
        graph = helper.make_graph(self.nodes, name, inputs, [output], self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="semantic-radar/make-tiny-models", ir_version=IR_VERSION)
        onnx.checker.check_model(model, full_check=True)
        return model


def build_encoder(vocab_size):
    g = Graph(np.random.default_rng(SEED))
    tokens = g.op("Gather", g.weight("embeddings.word", (vocab_size, HIDDEN), 1.0), "input_ids", axis=0)
    positions = g.sequence_range("input_ids")
    position_emb = g.op("Gather", g.weight("embeddings.position", (MAX_POSITIONS, HIDDEN), 0.5), positions, axis=0)
    type_emb = g.op("Gather", g.weight("embeddings.token_type", (2, HIDDEN), 0.5), "token_type_ids", axis=0)
    x = g.layer_norm(g.op("Add", g.op("Add", tokens, position_emb), type_emb), "embeddings.norm")
    x = g.layer_norm(g.op("Add", x, g.attention(x, g.padding_bias("attention_mask"), "attention")), "attention.norm")
    mlp = g.linear(g.gelu(g.linear(x, HIDDEN, FFN, "mlp.up")), FFN, HIDDEN, "mlp.down")
    g.op("LayerNormalization", g.op("Add", x, mlp), g.weight("mlp.norm.weight", (HIDDEN,), 0.1, offset=1.0),
         g.weight("mlp.norm.bias", (HIDDEN,), 0.1), axis=-1, epsilon=1e-12, out="last_hidden_state")
    return g.to_model("tiny-encoder", ["input_ids", "attention_mask", "token_type_ids"])


def build_decoder(vocab_size):
    g = Graph(np.random.default_rng(SEED + 1))
    tokens = g.op("Gather", g.weight("embed_tokens", (vocab_size, HIDDEN), 1.0), "input_ids", axis=0)
    position_emb = g.op("Gather", g.weight("embed_positions", (MAX_POSITIONS, HIDDEN), 0.5), "position_ids", axis=0)
    x = g.op("Add", tokens, position_emb)
    bias = g.op("Add", g.padding_bias("attention_mask"), g.causal_bias(g.sequence_range("input_ids")))
    x = g.op("Add", x, g.attention(g.rms_norm(x, "input_norm"), bias, "self_attn"))
    h = g.rms_norm(x, "post_attention_norm")  # SwiGLU MLP, as in Qwen3
    gated = g.op("Mul", g.silu(g.linear(h, HIDDEN, FFN, "mlp.gate")), g.linear(h, HIDDEN, FFN, "mlp.up"))
    x = g.op("Add", x, g.linear(gated, FFN, HIDDEN, "mlp.down"))
    g.rms_norm(x, "norm", out="last_hidden_state")
    return g.to_model("tiny-decoder", ["input_ids", "attention_mask", "position_ids"])


def special(token_id, content):
    return {"id": token_id, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def tokenizer_json(vocab, specials, unk, single, pair):
    """tokenizers-library JSON: WordLevel over `vocab`, lowercased, split on whitespace and punctuation."""
    template_specials = {t: {"id": t, "ids": [vocab[t]], "tokens": [t]} for t in specials if t != unk}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [special(vocab[t], t) for t in specials],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {"type": "TemplateProcessing", "single": single, "pair": pair,
                           "special_tokens": template_specials},
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": unk},
    }


def piece(kind, name, type_id=0):
    return {kind: {"id": name, "type_id": type_id}}


def pooling(**modes):
    names = ["cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens", "weightedmean_tokens", "lasttoken"]
    return {"word_embedding_dimension": HIDDEN,
            **{f"pooling_mode_{n}": bool(modes.get(n)) for n in names}, "include_prompt": True}


def encoder_files():
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    vocab = {t: i for i, t in enumerate(specials + WORDS)}
    single = [piece("SpecialToken", "[CLS]"), piece("Sequence", "A"), piece("SpecialToken", "[SEP]")]
    pair = single + [piece("Sequence", "B", 1), piece("SpecialToken", "[SEP]", 1)]
    return vocab, {
        "config.json": {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": HIDDEN,
                        "num_hidden_layers": 1, "num_attention_heads": HEADS, "intermediate_size": FFN,
                        "max_position_embeddings": MAX_POSITIONS, "vocab_size": len(vocab),
                        "type_vocab_size": 2, "pad_token_id": vocab["[PAD]"]},
        "tokenizer.json": tokenizer_json(vocab, specials, "[UNK]", single, pair),
        "tokenizer_config.json": {"tokenizer_class": "BertTokenizer", "do_lower_case": True,
                                  "model_max_length": MAX_POSITIONS, "padding_side": "right",
                                  "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]",
                                  "unk_token": "[UNK]"},
        "1_Pooling/config.json": pooling(cls_token=True),
        "config_sentence_transformers.json": {"prompts": {}},
    }


def decoder_files():
    # Specials after the words, as in Qwen: the pad id is not 0, so code that assumes it is gets caught.
    specials = ["<|endoftext|>", "<unk>"]
    vocab = {t: i for i, t in enumerate(WORDS + specials)}
    single = [piece("Sequence", "A"), piece("SpecialToken", "<|endoftext|>")]
    pair = single + [piece("Sequence", "B", 1), piece("SpecialToken", "<|endoftext|>", 1)]
    return vocab, {
        "config.json": {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "hidden_size": HIDDEN,
                        "num_hidden_layers": 1, "num_attention_heads": HEADS, "num_key_value_heads": HEADS,
                        "head_dim": HEAD_DIM, "intermediate_size": FFN, "max_position_embeddings": MAX_POSITIONS,
                        "vocab_size": len(vocab), "is_decoder": True,
                        "eos_token_id": vocab["<|endoftext|>"], "pad_token_id": vocab["<|endoftext|>"]},
        "tokenizer.json": tokenizer_json(vocab, specials, "<unk>", single, pair),
        "tokenizer_config.json": {"tokenizer_class": "Qwen2Tokenizer", "model_max_length": MAX_POSITIONS,
                                  "padding_side": "left", "eos_token": "<|endoftext|>",
                                  "pad_token": "<|endoftext|>", "unk_token": "<unk>"},
        "1_Pooling/config.json": pooling(lasttoken=True),
        "config_sentence_transformers.json": {"prompts": {"query": DECODER_PROMPT}},
    }


def write_model(name, files, model):
    folder = OUT_DIR / name
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "onnx").mkdir(parents=True, exist_ok=True)
    (folder / "onnx" / "model.onnx").write_bytes(model.SerializeToString())
    print(f"wrote {folder.relative_to(OUT_DIR.parent.parent)}")


# --- --check: the properties the engine's tests rely on ---------------------------------------------------

def words_to_ids(vocab, text):
    return [vocab[w] for w in text.lower().split()]


def pad_batch(rows, pad_id, side):
    # rows of ids -> ids [batch, seq], attention_mask [batch, seq]
    width = max(len(r) for r in rows)
    ids, mask = np.full((len(rows), width), pad_id, np.int64), np.zeros((len(rows), width), np.int64)
    for i, row in enumerate(rows):
        span = slice(0, len(row)) if side == "right" else slice(width - len(row), width)
        ids[i, span], mask[i, span] = row, 1
    return ids, mask


def report(name, passed, detail):
    print(f"  {'PASS' if passed else 'FAIL'}  {name}: {detail}")
    return passed


def check_tokenizers(encoder_vocab, decoder_vocab):
    try:
        from tokenizers import Tokenizer  # optional: pip install tokenizers
    except ImportError:
        print("tokenizers (skipped: pip install tokenizers to check tokenizer.json)")
        return []
    print("tokenizers")
    results = []
    for name, vocab, expected in [
        ("tiny-encoder", encoder_vocab, ["[CLS]", "hello", "world", "[SEP]"]),
        ("tiny-decoder", decoder_vocab, ["hello", "world", "<|endoftext|>"]),
    ]:
        ids = Tokenizer.from_file(str(OUT_DIR / name / "tokenizer.json")).encode("Hello  WORLD").ids
        want = [vocab[t] for t in expected]
        results.append(report(f"{name} 'Hello  WORLD' -> {' '.join(expected)}", ids == want, f"ids {ids}"))
    prompt = Tokenizer.from_file(str(OUT_DIR / "tiny-decoder" / "tokenizer.json")).encode(DECODER_PROMPT + "hello")
    unknown = prompt.tokens.count("<unk>")
    results.append(report("decoder query prompt has no <unk>", unknown == 0, " ".join(prompt.tokens)))
    return results


SHORT, LONG = "hello world", "the cat sat on the mat and the dog is warm today"


def check_encoder(session, vocab):
    def encode(texts):  # right padding, [CLS] ... [SEP]
        rows = [[vocab["[CLS]"]] + words_to_ids(vocab, t) + [vocab["[SEP]"]] for t in texts]
        ids, mask = pad_batch(rows, vocab["[PAD]"], "right")
        return session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]

    print("tiny-encoder")
    alone, batch = encode([SHORT]), encode([SHORT, LONG])
    diff = float(np.abs(alone[0] - batch[0, :alone.shape[1]]).max())
    changed = float(np.abs(encode(["hello world"])[0, 0] - encode(["hello sky"])[0, 0]).max())
    return [
        report("alone == right-padded batch (real tokens)", diff < 1e-5, f"max abs diff {diff:.2e}"),
        report("all outputs finite", bool(np.isfinite(batch).all()), f"shape {batch.shape}"),
        report("bidirectional: [CLS] sees later tokens", changed > 1e-3, f"change {changed:.2e}"),
    ]


def check_decoder(session, vocab):
    eos = vocab["<|endoftext|>"]

    def decode(texts, positions_from=lambda mask: np.clip(np.cumsum(mask, axis=1) - 1, 0, None)):
        # left padding, ... <|endoftext|>; position_ids = cumsum(mask) - 1 clipped at 0 unless told otherwise
        ids, mask = pad_batch([words_to_ids(vocab, t) + [eos] for t in texts], eos, "left")
        positions = positions_from(mask).astype(np.int64)
        return session.run(None, {"input_ids": ids, "attention_mask": mask, "position_ids": positions})[0]

    print("tiny-decoder")
    alone, batch = decode([SHORT]), decode([LONG, SHORT])
    last = float(np.abs(alone[0, -1] - batch[1, -1]).max())
    every = float(np.abs(alone[0] - batch[1, -alone.shape[1]:]).max())
    a, b = decode(["hello world"]), decode(["hello sky"])
    first, own = float(np.abs(a[0, 0] - b[0, 0]).max()), float(np.abs(a[0, 1] - b[0, 1]).max())
    naive = decode([LONG, SHORT], lambda mask: np.broadcast_to(np.arange(mask.shape[1]), mask.shape))
    moved = float(np.abs(alone[0, -1] - naive[1, -1]).max())
    return [
        report("last token alone == left-padded batch", last < 1e-5, f"max abs diff {last:.2e}"),
        report("every real token alone == left-padded batch", every < 1e-5, f"max abs diff {every:.2e}"),
        report("all outputs finite (padded rows too)", bool(np.isfinite(batch).all()), f"shape {batch.shape}"),
        report("causal: first token blind to later tokens", first == 0.0, f"change {first:.2e}"),
        report("causal: the changed token's own output changes", own > 1e-3, f"change {own:.2e}"),
        report("position_ids matter: arange under left padding differs", moved > 1e-3, f"change {moved:.2e}"),
    ]


def run_checks(encoder_vocab, decoder_vocab):
    try:
        import onnxruntime as ort  # only --check needs it
    except ImportError:
        print("--check needs onnxruntime: pip install onnxruntime (and tokenizers for the tokenizer checks)")
        return False

    def session(name):
        return ort.InferenceSession(str(OUT_DIR / name / "onnx" / "model.onnx"), providers=["CPUExecutionProvider"])

    results = check_encoder(session("tiny-encoder"), encoder_vocab)
    results += check_decoder(session("tiny-decoder"), decoder_vocab)
    results += check_tokenizers(encoder_vocab, decoder_vocab)
    print("all checks passed" if all(results) else "SOME CHECKS FAILED")
    return all(results)

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify the written models with onnxruntime")
    args = parser.parse_args()
    encoder_vocab, encoder = encoder_files()
    decoder_vocab, decoder = decoder_files()
    write_model("tiny-encoder", encoder, build_encoder(len(encoder_vocab)))
    write_model("tiny-decoder", decoder, build_decoder(len(decoder_vocab)))
    if args.check:
        sys.exit(0 if run_checks(encoder_vocab, decoder_vocab) else 1)


if __name__ == "__main__":
    main()
