"""PPO on a Hugging Face policy: everything around the model, as plain functions tested on CPU.

No transformers/peft import here: these functions take ids, masks, logits and values tensors, so the tests run
with tiny tensors. `hf_ppo` wires them to the real models on GPU nodes.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

from clinrank_trainer.checkpoints import refuse_pickled_only
from clinrank_trainer.errors import UsageError
from clinrank_trainer.rlhf_math import (clipped_value_loss, generalized_advantage_estimation, kl_penalized_rewards,
                                        masked_whiten, ppo_policy_loss)

REWARD_KIND_BUILTIN = "builtin"
REWARD_KIND_HF_ADAPTER = "hf-adapter"
REWARD_KIND_HF_FULL = "hf-full"


def policy_lora_config_kwargs() -> Dict[str, Any]:
    """LoRA settings for PPO policies: causal LM, r=8, alpha=32, dropout=0.1 (dropout modules are zeroed for PPO)."""
    return {"task_type": "CAUSAL_LM", "r": 8, "lora_alpha": 32, "lora_dropout": 0.1}


def validate_hf_ppo_options(policy: Path, sft_epochs: Optional[int], batch_size: int, minibatches: int,
                            max_new_tokens: int, max_prompt_length: int) -> None:
    """Refuse option combinations the Hugging Face PPO path cannot honour, naming the option."""
    if not (policy / "config.json").is_file():
        raise UsageError(f"--policy {policy}: not a local Hugging Face checkpoint (no config.json); "
                         f"nothing is downloaded")
    refuse_pickled_only(policy, "--policy")
    if (policy / "adapter_config.json").is_file():
        raise UsageError(f"--policy {policy}: this is a LoRA adapter directory; pass the base checkpoint it was "
                         f"trained on")
    if sft_epochs is not None:
        raise UsageError("--sft-epochs applies to the built-in policy only; a --policy checkpoint is used as the "
                         "supervised (reference) model as is")
    if batch_size < minibatches:
        raise UsageError(f"--batch-size {batch_size}: needs at least {minibatches} rollouts (one per minibatch)")
    if max_new_tokens < 1 or max_prompt_length < 1:
        raise UsageError("--max-new-tokens and the prompt length must be positive")


def reward_model_kind(directory: Path) -> str:
    """Which reward model a directory holds: built-in, a peft adapter from `reward-model --base-model`, or a full
    HF sequence classifier; anything else is refused."""
    from clinrank_trainer.models import REWARD_MODEL_TYPE, is_tiny_model_dir

    if is_tiny_model_dir(directory, REWARD_MODEL_TYPE):
        return REWARD_KIND_BUILTIN
    adapter_config = directory / "adapter_config.json"
    if adapter_config.is_file():
        task_type = _read_json(adapter_config, "--reward-model").get("task_type")
        if task_type not in (None, "SEQ_CLS"):
            raise UsageError(f"--reward-model {directory}: adapter has task_type {task_type}, expected SEQ_CLS "
                             f"(a reward model trained with `reward-model --base-model`)")
        return REWARD_KIND_HF_ADAPTER
    config = directory / "config.json"
    if config.is_file():
        architectures = _read_json(config, "--reward-model").get("architectures") or []
        if any(str(name).endswith("ForSequenceClassification") for name in architectures):
            return REWARD_KIND_HF_FULL
    raise UsageError(f"--reward-model {directory}: neither a built-in reward model, a reward-model adapter "
                     f"(adapter_config.json) nor a *ForSequenceClassification checkpoint")


def _read_json(path: Path, option: str) -> Dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise UsageError(f"{option}: cannot read {path}: {error}") from error


def left_pad_queries(rows: Sequence[Sequence[int]], pad_id: int, max_length: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """Keep the last `max_length` ids of each query, then left-pad so every query ends at the same column."""
    if not rows or any(len(row) == 0 for row in rows):
        raise UsageError("every prompt must tokenize to at least one token")
    kept = [list(row)[-max_length:] for row in rows]
    width = max(len(row) for row in kept)
    ids = torch.full((len(kept), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(kept), width), dtype=torch.long)
    for index, row in enumerate(kept):
        ids[index, width - len(row):] = torch.tensor(row, dtype=torch.long)
        mask[index, width - len(row):] = 1
    return ids, mask


def right_pad(rows: Sequence[Sequence[int]], pad_id: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids and attention mask (reward-model scoring reads the last attended token)."""
    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for index, row in enumerate(rows):
        ids[index, :len(row)] = torch.tensor(list(row), dtype=torch.long)
        mask[index, :len(row)] = 1
    return ids, mask


def response_mask_from_generated(response: torch.Tensor, eos_id: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """(mask true up to and including the first EOS, has_eos) for generated ids [B, T].

    Everything after the first EOS is padding, whatever its id (pad may equal EOS).
    """
    is_eos = response == eos_id
    has_eos = is_eos.any(dim=1)
    eos_seen_before = (torch.cumsum(is_eos.long(), dim=1) - is_eos.long()) > 0
    return ~eos_seen_before, has_eos


def position_ids_from_mask(attention_mask: torch.Tensor) -> torch.Tensor:
    """Positions counted over attended tokens only (as `generate` does for left-padded batches)."""
    positions = torch.cumsum(attention_mask.long(), dim=1) - 1
    return positions.clamp(min=0)


def sequence_inputs(query: torch.Tensor, query_mask: torch.Tensor, response: torch.Tensor,
                    response_mask: torch.Tensor) -> Dict[str, torch.Tensor]:
    """input_ids / attention_mask / position_ids for one forward pass over query + response."""
    attention_mask = torch.cat([query_mask.long(), response_mask.long()], dim=1)
    return {"input_ids": torch.cat([query, response], dim=1), "attention_mask": attention_mask,
            "position_ids": position_ids_from_mask(attention_mask)}


def response_logprobs_from_logits(logits: torch.Tensor, response: torch.Tensor, response_mask: torch.Tensor,
                                  query_width: int, temperature: float = 1.0) -> torch.Tensor:
    """log pi(response token t | prefix), read from the logits at the position before t; 0 off the mask."""
    steps = response.shape[1]
    shifted = logits[:, query_width - 1:query_width - 1 + steps, :].float() / max(temperature, 1e-6)
    logprobs = F.log_softmax(shifted, dim=-1).gather(-1, response.unsqueeze(-1)).squeeze(-1)
    return torch.where(response_mask.bool(), logprobs, torch.zeros_like(logprobs))


def response_values_from_sequence(values: torch.Tensor, response_mask: torch.Tensor, query_width: int) -> torch.Tensor:
    """V(state before response token t) from per-position values [B, Q+T]; 0 off the mask."""
    steps = response_mask.shape[1]
    picked = values[:, query_width - 1:query_width - 1 + steps].float()
    return picked * response_mask.to(picked.dtype)


def rollout_advantages(logprobs: torch.Tensor, ref_logprobs: torch.Tensor, scores: torch.Tensor,
                       values: torch.Tensor, mask: torch.Tensor, has_eos: torch.Tensor, kl_coef: float,
                       gamma: float, lam: float, missing_eos_penalty: Optional[float] = None
                       ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """KL-penalised rewards (score on the last token), GAE and whitened advantages.

    Returns (advantages, returns, per-token kl, the scores used after the missing-EOS penalty).
    """
    rewards, kl, used_scores = kl_penalized_rewards(logprobs, ref_logprobs, scores, mask, kl_coef, has_eos,
                                                    missing_eos_penalty)
    advantages, returns = generalized_advantage_estimation(rewards, values, mask, gamma, lam)
    advantages = masked_whiten(advantages, mask) * mask.to(advantages.dtype)
    return advantages, returns, kl, used_scores


def ppo_minibatch_loss(logits: torch.Tensor, sequence_values: torch.Tensor, response: torch.Tensor,
                       mask: torch.Tensor, query_width: int, old_logprobs: torch.Tensor, old_values: torch.Tensor,
                       advantages: torch.Tensor, returns: torch.Tensor, clip_range: float, clip_range_value: float,
                       vf_coef: float, temperature: float = 1.0) -> Tuple[torch.Tensor, Dict[str, float]]:
    """Clipped policy loss + vf_coef * clipped value loss for one minibatch, from the model's raw outputs."""
    logprobs = response_logprobs_from_logits(logits, response, mask, query_width, temperature)
    values = response_values_from_sequence(sequence_values, mask, query_width)
    policy_loss, clipfrac, approxkl = ppo_policy_loss(logprobs, old_logprobs, advantages, mask, clip_range)
    value_loss, vf_clipfrac = clipped_value_loss(values, old_values, returns, mask, clip_range_value)
    stats = {"clipfrac": float(clipfrac), "approxkl": float(approxkl), "policy": float(policy_loss),
             "value": float(value_loss), "vf_clipfrac": float(vf_clipfrac)}
    return policy_loss + vf_coef * value_loss, stats


def minibatch_indices(rows: int, minibatches: int, generator: torch.Generator) -> List[torch.Tensor]:
    """A random split of `rows` into `minibatches` parts of near-equal size covering every row once."""
    order = torch.randperm(rows, generator=generator)
    return [part for part in torch.chunk(order, minibatches) if part.numel()]


def ppo_step_metrics(step: int, batch_size: int, kl: torch.Tensor, scores: torch.Tensor, raw_scores: torch.Tensor,
                     kl_coef: float, update: Mapping[str, float], has_eos: torch.Tensor,
                     mask: torch.Tensor) -> Dict[str, float]:
    """The per-step metric line, with the same TRL names as the built-in path."""
    sequence_kl = kl.sum(dim=1)
    return {
        "objective/kl": float(sequence_kl.mean()),
        "objective/scores": float(scores.mean()),
        "objective/rlhf_reward": float((scores - kl_coef * sequence_kl).mean()),
        "objective/kl_coef": kl_coef,
        "objective/raw_scores": float(raw_scores.mean()),
        "policy/clipfrac_avg": update["clipfrac"], "policy/approxkl_avg": update["approxkl"],
        "loss/policy_avg": update["policy"], "loss/value_avg": update["value"],
        "val/clipfrac_avg": update["vf_clipfrac"],
        "val/num_eos_tokens": int(has_eos.sum()),
        "val/response_length": float(mask.sum(dim=1).float().mean()),
        "global_step": step, "episode": step * batch_size,
    }


def average_stats(stats: Sequence[Mapping[str, float]]) -> Dict[str, float]:
    """Mean of each key over minibatch stats."""
    return {key: sum(item[key] for item in stats) / len(stats) for key in stats[0]}


OptionalTensor = Optional[torch.Tensor]


def pick_score_head(named_parameters: Mapping[str, torch.Tensor]) -> Tuple[OptionalTensor, OptionalTensor]:
    """(weight, bias) of a reward model's score head; the trained peft copy (`modules_to_save`) wins over the
    frozen original. (None, None) when there is no `score` head."""
    def find(suffix: str) -> Optional[torch.Tensor]:
        names = [name for name in named_parameters if name.endswith(suffix) and "score" in name.split(".")[:-1]]
        trained = [name for name in names if "modules_to_save" in name]
        chosen = trained or names
        return named_parameters[chosen[0]] if chosen else None

    return find(".weight"), find(".bias")


def init_value_head(value_head: torch.nn.Linear, score_weight: Optional[torch.Tensor],
                    score_bias: Optional[torch.Tensor]) -> str:
    """Copy the reward model's score head into the value head when shapes match; else keep a fresh head.

    Returns how it was initialised ("reward-score-head" or "fresh: <reason>") for the run's metrics.
    """
    if score_weight is None:
        return "fresh: the reward model has no score head"
    if tuple(score_weight.shape) != tuple(value_head.weight.shape):
        return (f"fresh: score head shape {tuple(score_weight.shape)} does not match the policy's "
                f"{tuple(value_head.weight.shape)}")
    with torch.no_grad():
        value_head.weight.copy_(score_weight.to(value_head.weight.dtype))
        if value_head.bias is not None:
            value_head.bias.copy_(score_bias.to(value_head.bias.dtype) if score_bias is not None
                                  else torch.zeros_like(value_head.bias))
    return "reward-score-head"


def disable_dropout(module: torch.nn.Module) -> int:
    """Set every Dropout's p to 0 (as TRL does for PPO) so old and new log-probs come from the same function;
    returns how many were changed."""
    changed = 0
    for child in module.modules():
        if isinstance(child, torch.nn.Dropout) and child.p != 0:
            child.p = 0.0
            changed += 1
    return changed


def score_normalization(scores: Sequence[torch.Tensor]) -> Tuple[float, float]:
    """Mean and std (floored at 1e-6) of reward scores on reference-policy samples."""
    joined = torch.cat([s.float().flatten() for s in scores])
    std = float(joined.std()) if joined.numel() > 1 else 1.0
    return float(joined.mean()), max(std, 1e-6)


def builtin_reward_rows(tokenizer, prompts: Sequence[str], responses: Sequence[str],
                        max_length: int) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Encode (prompt, response text) pairs for the built-in reward model exactly as its training did."""
    from clinrank_trainer.tiny_backend import encode_tiny_row

    rows = [encode_tiny_row(tokenizer, prompt, tokenizer.encode(response), max_length)
            for prompt, response in zip(prompts, responses)]
    width = max(len(prefix) + len(rest) for prefix, rest, _ in rows)
    ids = torch.full((len(rows), width), tokenizer.pad_id, dtype=torch.long)
    attention = torch.zeros((len(rows), width), dtype=torch.long)
    in_response = torch.zeros((len(rows), width), dtype=torch.bool)
    for index, (prefix, rest, _) in enumerate(rows):
        ids[index, :len(prefix) + len(rest)] = torch.tensor(prefix + rest, dtype=torch.long)
        attention[index, :len(prefix) + len(rest)] = 1
        in_response[index, len(prefix):len(prefix) + len(rest)] = True
    return ids, attention, in_response
