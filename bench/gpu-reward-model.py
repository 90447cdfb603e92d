#!/usr/bin/env python3
"""GPU reward-model throughput: a ~0.5B Qwen2 built from its config (random weights), LoRA r=8/alpha=32/dropout=0.1,
bf16, Bradley-Terry steps on synthetic token pairs. Prints one JSON line with tokens/s and MFU.

MFU = 6 * N * tokens_per_second / 989e12 (H100 dense bf16 peak), N = all parameters of the model (frozen included).
Run: PYTHONPATH=libs/trainer python3 bench/gpu-reward-model.py [--batch-pairs 8 --seq-len 512 --steps 20]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "libs" / "trainer"))

from clinrank_trainer.flops import (H100_BF16_DENSE_TFLOPS, QWEN2_05B_CONFIG, decoder_parameter_count,  # noqa: E402
                                    lora_parameter_count, model_flops_utilization)


def fail(message: str) -> None:
    """One line on stderr, exit code 2."""
    print(f"gpu-reward-model: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-pairs", type=int, default=8, help="preference pairs per step (2x sequences)")
    parser.add_argument("--seq-len", type=int, default=512)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup-steps", type=int, default=3)
    parser.add_argument("--no-gradient-checkpointing", action="store_true")
    parser.add_argument("--peak-tflops", type=float, default=H100_BF16_DENSE_TFLOPS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        import torch
    except ImportError:
        fail("torch is not installed")
    if not torch.cuda.is_available():
        fail("CUDA is not available: this benchmark needs an NVIDIA GPU")
    try:
        import peft
        import transformers
    except ImportError as error:
        fail(f"{error.name} is not installed (pip install 'clinrank-trainer[hf]')")

    config = transformers.Qwen2Config(**{k: v for k, v in QWEN2_05B_CONFIG.items() if k != "model_type"},
                                      num_labels=1, pad_token_id=0)
    torch.manual_seed(0)
    model = transformers.AutoModelForSequenceClassification.from_config(config, torch_dtype=torch.bfloat16)
    if not args.no_gradient_checkpointing:
        model.gradient_checkpointing_enable()
        model.enable_input_require_grads()
    model = peft.get_peft_model(model, peft.LoraConfig(task_type="SEQ_CLS", r=8, lora_alpha=32, lora_dropout=0.1,
                                                       modules_to_save=["score"])).cuda()
    parameters = sum(p.numel() for name, p in model.named_parameters() if "lora_" not in name)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    rows = 2 * args.batch_pairs
    generator = torch.Generator(device="cuda").manual_seed(0)

    def step() -> float:
        ids = torch.randint(1, config.vocab_size, (rows, args.seq_len), device="cuda", generator=generator)
        rewards = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits.squeeze(-1).float()
        loss = -torch.nn.functional.logsigmoid(rewards[0::2] - rewards[1::2]).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return float(loss)

    for _ in range(args.warmup_steps):
        step()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    tokens_per_second = rows * args.seq_len * args.steps / seconds
    base_parameters = decoder_parameter_count(QWEN2_05B_CONFIG, head="score")
    print(json.dumps({
        "type": "metric", "benchmark": "gpu-reward-model", "device": torch.cuda.get_device_name(0),
        "parameters": parameters, "parameters_formula": base_parameters, "trainable_parameters": trainable,
        "lora_parameters_formula": lora_parameter_count(QWEN2_05B_CONFIG, 8),
        "batch_sequences": rows, "seq_len": args.seq_len, "steps": args.steps, "seconds": seconds,
        "tokens_per_second": tokens_per_second,
        "mfu": model_flops_utilization(parameters, tokens_per_second, args.peak_tflops),
        "mfu_formula": f"6 * N * tokens_per_second / ({args.peak_tflops} TFLOP/s bf16 dense)",
        "gradient_checkpointing": not args.no_gradient_checkpointing,
        "peak_memory_gib": torch.cuda.max_memory_allocated() / 2 ** 30,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
