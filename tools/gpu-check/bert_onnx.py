"""BERT as a hand-built ONNX graph, from a state dict in Hugging Face BertModel names, plus a numpy reference.

Imported by make-model.py (an underscore name because Python imports need one). Two uses:
  - the fallback when torch.onnx.export fails on the GPU machine (its weights come from the torch model, so the
    PyTorch reference and our engine still run the same network);
  - the no-torch mode (a machine without PyTorch, like the dev box): seeded numpy weights, same architecture.
The graph mirrors BertModel in eval mode: embeddings (word + position + token type) -> LayerNorm, then per layer
self-attention with the padding mask, residual + LayerNorm, GELU (erf) feed-forward, residual + LayerNorm.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET, IR_VERSION = 17, 8  # LayerNormalization needs opset 17; IR 8 is read by every onnxruntime since 1.14
# Added to the scores of padded keys. Finite (not -inf) so a row that sees no key cannot turn into NaN.
MASK_BIAS = -1e9


def bert_fields(config):
    """The architecture fields of a config.json that transformers' BertConfig takes (not architectures, model_type)."""
    keys = ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "hidden_act",
            "max_position_embeddings", "type_vocab_size", "layer_norm_eps", "pad_token_id", "initializer_range")
    return {k: config[k] for k in keys if k in config}


def random_state_dict(config, seed):
    """Seeded weights drawn the way BertModel._init_weights draws them (normal, std initializer_range)."""
    rng = np.random.default_rng(seed)
    h, inter, std = config["hidden_size"], config["intermediate_size"], config.get("initializer_range", 0.02)
    normal = lambda *shape: (rng.standard_normal(shape) * std).astype(np.float32)
    zeros, ones = (lambda n: np.zeros(n, np.float32)), (lambda n: np.ones(n, np.float32))
    sd = {
        "embeddings.word_embeddings.weight": normal(config["vocab_size"], h),
        "embeddings.position_embeddings.weight": normal(config["max_position_embeddings"], h),
        "embeddings.token_type_embeddings.weight": normal(config["type_vocab_size"], h),
        "embeddings.LayerNorm.weight": ones(h), "embeddings.LayerNorm.bias": zeros(h),
    }
    sd["embeddings.word_embeddings.weight"][config.get("pad_token_id", 0)] = 0
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        for name, (out_dim, in_dim) in {
            "attention.self.query": (h, h), "attention.self.key": (h, h), "attention.self.value": (h, h),
            "attention.output.dense": (h, h), "intermediate.dense": (inter, h), "output.dense": (h, inter),
        }.items():
            sd[p + name + ".weight"], sd[p + name + ".bias"] = normal(out_dim, in_dim), zeros(out_dim)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            sd[p + ln + ".weight"], sd[p + ln + ".bias"] = ones(h), zeros(h)
    return sd


class _Graph:
    def __init__(self, state_dict):
        self.sd, self.nodes, self.inits, self.count, self.names = state_dict, [], [], 0, set()

    def init(self, name, value):
        if name not in self.names:  # constants such as GELU's 0.5 are shared by every layer
            self.names.add(name)
            self.inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def weight(self, key, transpose=False):
        value = self.sd[key].T if transpose else self.sd[key]  # torch Linear stores [out, in]; MatMul wants [in, out]
        return self.init(key + (".T" if transpose else ""), np.ascontiguousarray(value, dtype=np.float32))

    def op(self, op_type, *inputs, **attrs):
        self.count += 1
        out = f"{op_type.lower()}_{self.count}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], name=out, **attrs))
        return out

    def linear(self, x, key):
        return self.op("Add", self.op("MatMul", x, self.weight(key + ".weight", transpose=True)), self.weight(key + ".bias"))

    def layer_norm(self, x, key, eps):
        return self.op("LayerNormalization", x, self.weight(key + ".weight"), self.weight(key + ".bias"), axis=-1, epsilon=eps)

    def gelu(self, x):  # exact (erf) GELU, as BERT's "gelu"; the Gelu op only exists from opset 20
        half = self.op("Mul", x, self.init("half", np.float32(0.5)))
        erf = self.op("Erf", self.op("Div", x, self.init("sqrt2", np.float32(np.sqrt(2.0)))))
        return self.op("Mul", half, self.op("Add", erf, self.init("one", np.float32(1.0))))


def build_onnx(config, state_dict):
    """The BertModel graph: inputs input_ids, attention_mask, token_type_ids [batch, seq]; output last_hidden_state."""
    g = _Graph(state_dict)
    h, heads, eps = config["hidden_size"], config["num_attention_heads"], config.get("layer_norm_eps", 1e-12)
    head_dim = h // heads
    seq = g.op("Squeeze", g.op("Shape", "input_ids", start=1, end=2), g.init("axis0", np.array([0], np.int64)))
    positions = g.op("Range", g.init("zero64", np.int64(0)), seq, g.init("one64", np.int64(1)))
    emb = g.op("Add", g.op("Gather", g.weight("embeddings.word_embeddings.weight"), "input_ids"),
               g.op("Gather", g.weight("embeddings.position_embeddings.weight"), positions))
    emb = g.op("Add", emb, g.op("Gather", g.weight("embeddings.token_type_embeddings.weight"), "token_type_ids"))
    x = g.layer_norm(emb, "embeddings.LayerNorm", eps)
    # mask bias: [batch, 1, 1, seq], 0 where attended, MASK_BIAS where padded
    unattended = g.op("Sub", g.init("onef", np.float32(1.0)), g.op("Cast", "attention_mask", to=TensorProto.FLOAT))
    bias = g.op("Unsqueeze", g.op("Mul", unattended, g.init("mask_bias", np.float32(MASK_BIAS))), g.init("axes12", np.array([1, 2], np.int64)))
    split_heads = g.init("split_heads", np.array([0, 0, heads, head_dim], np.int64))
    merge_heads = g.init("merge_heads", np.array([0, 0, h], np.int64))
    scale = g.init("scale", np.float32(1.0 / np.sqrt(head_dim)))
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        heads_of = lambda name, perm: g.op("Transpose", g.op("Reshape", g.linear(x, p + name), split_heads), perm=perm)
        q = heads_of("attention.self.query", [0, 2, 1, 3])  # [batch, heads, seq, head_dim]
        k = heads_of("attention.self.key", [0, 2, 3, 1])  # [batch, heads, head_dim, seq]
        v = heads_of("attention.self.value", [0, 2, 1, 3])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), scale), bias)  # [batch, heads, seq, seq]
        context = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        context = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]), merge_heads)
        x = g.layer_norm(g.op("Add", g.linear(context, p + "attention.output.dense"), x), p + "attention.output.LayerNorm", eps)
        ffn = g.linear(g.gelu(g.linear(x, p + "intermediate.dense")), p + "output.dense")
        x = g.layer_norm(g.op("Add", ffn, x), p + "output.LayerNorm", eps)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))
    dims = ["batch_size", "sequence_length"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, dims) for n in ("input_ids", "attention_mask", "token_type_ids")]
    output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, dims + [h])
    graph = helper.make_graph(g.nodes, "bert", inputs, [output], g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="semantic-radar-gpu-check")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model


def _erf(x):
    # Abramowitz-Stegun 7.1.26 would lose precision; numpy has no erf, so use math.erf elementwise (tests only).
    from math import erf
    return np.vectorize(erf, otypes=[np.float64])(x)


def reference_forward(config, sd, input_ids, attention_mask):
    """BertModel's last_hidden_state in float64 numpy: the oracle the graph is tested against."""
    h, heads, eps = config["hidden_size"], config["num_attention_heads"], config.get("layer_norm_eps", 1e-12)
    d = h // heads
    w = {k: v.astype(np.float64) for k, v in sd.items()}
    ln = lambda x, k: (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + eps) * w[k + ".weight"] + w[k + ".bias"]
    lin = lambda x, k: x @ w[k + ".weight"].T + w[k + ".bias"]
    batch, seq = input_ids.shape
    x = w["embeddings.word_embeddings.weight"][input_ids] + w["embeddings.position_embeddings.weight"][:seq] + w["embeddings.token_type_embeddings.weight"][0]
    x = ln(x, "embeddings.LayerNorm")
    bias = (1.0 - attention_mask[:, None, None, :]) * MASK_BIAS
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        split = lambda t: t.reshape(batch, seq, heads, d).transpose(0, 2, 1, 3)
        q, k, v = (split(lin(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d) + bias
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, seq, h)
        x = ln(lin(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        inter = lin(x, p + "intermediate.dense")
        ffn = lin(0.5 * inter * (1.0 + _erf(inter / np.sqrt(2.0))), p + "output.dense")
        x = ln(ffn + x, p + "output.LayerNorm")
    return x
