"""Reference vectors from transformers on PyTorch, computed as the Qwen3-Embedding model card does (AutoModel,
left padding, the query instruction, last-token pooling, L2), plus every other pooling the engine offers, each
over the same forward pass. Also the onnxruntime side of the check (feeds built from what the graph declares)."""
import numpy as np

POOLINGS = ("cls", "mean", "mean_content", "last_token", "max")


def pool_all(hidden: np.ndarray, mask: np.ndarray, special: np.ndarray) -> dict[str, np.ndarray]:
    """hidden: [batch, seq, dim]; mask, special: [batch, seq] (1 = attended / special token).
    First and last attended positions come from the mask, so left and right padding both pool the right token."""
    mask = mask.astype(bool)
    content = mask & ~special.astype(bool)
    rows = np.arange(hidden.shape[0])
    first = mask.argmax(axis=1)
    last = mask.shape[1] - 1 - mask[:, ::-1].argmax(axis=1)
    # Sums in float64 so the reference is not the least precise side of a comparison.
    h = hidden.astype(np.float64)
    mean = (h * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
    mean_content = (h * content[..., None]).sum(1) / np.maximum(content.sum(1, keepdims=True), 1e-9)
    maximum = np.where(mask[..., None], h, -np.inf).max(1)
    pooled = {"cls": h[rows, first], "mean": mean, "mean_content": mean_content, "last_token": h[rows, last], "max": maximum}
    return {name: v / np.linalg.norm(v, axis=1, keepdims=True) for name, v in pooled.items()}


def position_ids_for(mask: np.ndarray) -> np.ndarray:
    """transformers.js's rule (and generate()'s): cumsum(mask) - 1, padding set to 1. Under left padding each
    text's first real token gets position 0, as it does alone."""
    positions = np.cumsum(mask, axis=1) - 1
    return np.where(mask == 0, 1, positions).astype(np.int64)


def torch_hidden(model, tokenizer, texts: list[str]) -> tuple[np.ndarray, dict]:
    """last_hidden_state for a left-padded batch, with the model card's call: model(**tokenizer(...))."""
    import torch

    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    return hidden.numpy(), {k: v.numpy() for k, v in batch.items()}


def ort_feeds(session, input_ids: np.ndarray, mask: np.ndarray) -> dict:
    """What the graph declares: ids and mask, position_ids by the rule above, empty past tensors
    [batch, kv_heads, 0, head_dim] of the declared dtype for a KV-cache graph."""
    dtypes = {"tensor(float)": np.float32, "tensor(float16)": np.float16, "tensor(int64)": np.int64}
    feeds = {}
    for meta in session.get_inputs():
        if meta.name == "input_ids":
            feeds[meta.name] = input_ids.astype(np.int64)
        elif meta.name == "attention_mask":
            feeds[meta.name] = mask.astype(np.int64)
        elif meta.name == "position_ids":
            feeds[meta.name] = position_ids_for(mask)
        elif meta.name.startswith("past_key_values."):
            _, kv_heads, _, head_dim = meta.shape
            feeds[meta.name] = np.zeros((input_ids.shape[0], kv_heads, 0, head_dim), dtype=dtypes[meta.type])
        else:
            raise SystemExit(f"unexpected graph input {meta.name} {meta.shape} {meta.type}")
    return feeds


def ort_hidden(session, input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Fetches last_hidden_state only: the present.* outputs of a KV graph are not needed to embed."""
    (hidden,) = session.run(["last_hidden_state"], ort_feeds(session, input_ids, mask))
    return hidden


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return (a * b).sum(-1)
