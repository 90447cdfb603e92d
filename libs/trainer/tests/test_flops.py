"""FLOP counting behind bench/gpu-reward-model.py, and the script's failure without a GPU."""
import subprocess
import sys
from pathlib import Path

import pytest

from clinrank_trainer.flops import (QWEN2_05B_CONFIG, decoder_parameter_count, lora_parameter_count,
                                    model_flops_utilization, training_flops)

REPO = Path(__file__).resolve().parents[3]


def test_qwen2_half_billion_parameter_count_matches_the_published_size():
    # Qwen2-0.5B reports 494,032,768 parameters with its tied LM head
    assert decoder_parameter_count(QWEN2_05B_CONFIG, head="lm") == 494_032_768
    assert decoder_parameter_count(QWEN2_05B_CONFIG, head="score") == 494_032_768 + 896


def test_parameter_count_matches_a_hand_count_for_a_toy_llama():
    config = {"vocab_size": 10, "hidden_size": 4, "intermediate_size": 8, "num_hidden_layers": 2,
              "num_attention_heads": 2, "num_key_value_heads": 1, "tie_word_embeddings": False}
    per_layer = 4 * 4 + 2 * 4 * 2 + 4 * 4 + 3 * 4 * 8 + 2 * 4
    assert decoder_parameter_count(config, head="lm") == 10 * 4 + 2 * per_layer + 4 + 10 * 4


def test_lora_count_and_mfu_formula():
    assert lora_parameter_count(QWEN2_05B_CONFIG, 8) == 24 * (8 * (896 + 896) + 8 * (896 + 128))
    assert training_flops(1_000, 3) == 18_000
    # 6 * 0.5e9 * 100k tokens/s = 3e14 FLOP/s = 30.3% of 989 TFLOP/s
    assert model_flops_utilization(500_000_000, 100_000) == pytest.approx(3e14 / 989e12)
    with pytest.raises(ValueError):
        model_flops_utilization(1, 1, peak_tflops=0)


def test_gpu_script_fails_clearly_without_cuda():
    try:
        import torch
        if torch.cuda.is_available():
            pytest.skip("SKIPPED: a GPU is present; the no-CUDA failure path cannot be exercised")
    except ImportError:
        pass
    result = subprocess.run([sys.executable, str(REPO / "bench" / "gpu-reward-model.py"), "--steps", "1"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "error" in result.stderr
