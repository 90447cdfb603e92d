"""Parameter and FLOP counting for decoder-only transformers (used by bench/gpu-reward-model.py).

MFU = 6 * N * tokens_per_second / peak_flops, with N the model's parameter count and peak the accelerator's dense
bf16 throughput (H100 SXM: 989 TFLOP/s). 6N is the usual forward (2N) + backward (4N) estimate; it ignores the
attention score FLOPs, and with LoRA the frozen weights need no weight gradients, so the work actually done is
closer to 4N: the 6N figure is the conventional one, kept for comparison with published numbers.
"""
from __future__ import annotations

from typing import Any, Dict

H100_BF16_DENSE_TFLOPS = 989.0

# Qwen2-0.5B shapes (random weights are built from this; nothing is downloaded)
QWEN2_05B_CONFIG: Dict[str, Any] = {
    "model_type": "qwen2", "vocab_size": 151936, "hidden_size": 896, "intermediate_size": 4864,
    "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "max_position_embeddings": 32768,
    "tie_word_embeddings": True, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "attention_bias": True,
}


def decoder_parameter_count(config: Dict[str, Any], head: str = "score", num_labels: int = 1) -> int:
    """Parameters of a Llama/Qwen2-style decoder with an LM head ('lm') or a score head ('score')."""
    hidden, layers = config["hidden_size"], config["num_hidden_layers"]
    heads, kv_heads = config["num_attention_heads"], config.get("num_key_value_heads", config["num_attention_heads"])
    head_dim = hidden // heads
    kv_width = kv_heads * head_dim
    bias = bool(config.get("attention_bias", False))
    attention = hidden * hidden + 2 * hidden * kv_width + hidden * hidden
    if bias:  # Qwen2 has biases on q, k, v only
        attention += hidden + 2 * kv_width
    mlp = 3 * hidden * config["intermediate_size"]
    per_layer = attention + mlp + 2 * hidden
    embeddings = config["vocab_size"] * hidden
    if head == "lm":
        output = 0 if config.get("tie_word_embeddings", False) else config["vocab_size"] * hidden
    elif head == "score":
        output = hidden * num_labels
    else:
        raise ValueError(f"unknown head {head!r}")
    return embeddings + layers * per_layer + hidden + output


def lora_parameter_count(config: Dict[str, Any], r: int, targets=("q_proj", "v_proj")) -> int:
    """Trainable LoRA parameters for the given projection names (peft's default for Qwen2/Llama is q_proj, v_proj)."""
    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    kv_width = config.get("num_key_value_heads", heads) * (hidden // heads)
    shapes = {"q_proj": (hidden, hidden), "k_proj": (hidden, kv_width), "v_proj": (hidden, kv_width),
              "o_proj": (hidden, hidden)}
    return config["num_hidden_layers"] * sum(r * (shapes[name][0] + shapes[name][1]) for name in targets)


def training_flops(parameters: int, tokens: int) -> float:
    """6 * N * tokens."""
    return 6.0 * parameters * tokens


def model_flops_utilization(parameters: int, tokens_per_second: float,
                            peak_tflops: float = H100_BF16_DENSE_TFLOPS) -> float:
    """6 * N * tokens/s divided by the peak FLOP/s."""
    if peak_tflops <= 0:
        raise ValueError("peak_tflops must be positive")
    return training_flops(parameters, 1) * tokens_per_second / (peak_tflops * 1e12)
