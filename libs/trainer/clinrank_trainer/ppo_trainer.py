"""PPO with a KL penalty against the adapter-free reference policy (built-in CPU path).

The policy is a small causal LM sharing the reward model's tokenizer; it is first supervised-tuned (SFT) on the
answers the prompts file carries, then frozen and given LoRA adapters that PPO trains. The reference policy is
the same network with the adapters disabled. The value model is a copy of the reward model: both are per-token
causal scorers of (prompt, response), so every weight transfers, and the value of response token t is read at
the position just before it (as TRL does).
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

from clinrank_trainer.data import PromptExample, load_prompts
from clinrank_trainer.errors import UsageError
from clinrank_trainer.events import EventLog, write_json
from clinrank_trainer.models import (CAUSAL_LM_TYPE, REWARD_MODEL_TYPE, TinyCausalLM, TinyConfig, TinyRewardModel,
                                     adapter_disabled, adapter_state_dict, add_lora, is_tiny_model_dir,
                                     save_tiny_model)
from clinrank_trainer.ppo_config import (BUILTIN_DEFAULT_LR, DEFAULT_SFT_EPOCHS, PPOOptions, describe_kl_control,
                                        kl_progress, make_kl_controller, summarize_run)
from clinrank_trainer.rlhf_math import (clipped_value_loss, generalized_advantage_estimation, kl_penalized_rewards, masked_mean,
                                        masked_whiten, ppo_policy_loss)
from clinrank_trainer.tiny_backend import query_ids
from clinrank_trainer.tokenizer import WordTokenizer
from clinrank_trainer.utils import seed_everything


@dataclass
class Rollout:
    """One batch of sampled responses and everything PPO needs about them."""

    query: torch.Tensor
    query_mask: torch.Tensor
    response: torch.Tensor
    response_mask: torch.Tensor
    logprobs: torch.Tensor
    ref_logprobs: torch.Tensor
    values: torch.Tensor
    scores: torch.Tensor


def left_pad(rows: Sequence[List[int]], pad_id: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """Left-padded ids and mask, so every query ends at the same column."""
    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for index, row in enumerate(rows):
        ids[index, width - len(row):] = torch.tensor(row, dtype=torch.long)
        mask[index, width - len(row):] = 1
    return ids, mask


def banned_generation_ids(tokenizer: WordTokenizer) -> torch.Tensor:
    """Ids the policy never emits: padding, control tokens and hashed unknown-word buckets."""
    banned = [tokenizer.pad_id, tokenizer.bos_id, tokenizer.sep_id, tokenizer.special_ids["<unk>"]]
    banned += list(range(tokenizer.first_oov_id, tokenizer.vocab_size))
    return torch.tensor(banned, dtype=torch.long)


def response_logprobs(policy: TinyCausalLM, query: torch.Tensor, query_mask: torch.Tensor, response: torch.Tensor,
                      response_mask: torch.Tensor, banned: torch.Tensor, temperature: float) -> torch.Tensor:
    """log pi(response token | prefix) under the distribution generation samples from (banned ids removed)."""
    sequence = torch.cat([query, response], dim=1)
    mask = torch.cat([query_mask, response_mask.long()], dim=1)
    logits = policy(sequence, mask, query.shape[1] - 1)[:, :-1, :] / max(temperature, 1e-6)
    logits[:, :, banned] = float("-inf")
    logprobs = F.log_softmax(logits.float(), dim=-1).gather(-1, response.unsqueeze(-1)).squeeze(-1)
    # padding after EOS is a banned id (log-prob -inf): zero it instead of multiplying (-inf * 0 = nan)
    return torch.where(response_mask.bool(), logprobs, torch.zeros_like(logprobs))


def response_values(value_model: TinyRewardModel, query: torch.Tensor, query_mask: torch.Tensor,
                    response: torch.Tensor, response_mask: torch.Tensor) -> torch.Tensor:
    """V(state before response token t) for every t."""
    sequence = torch.cat([query, response], dim=1)
    mask = torch.cat([query_mask, response_mask.long()], dim=1)
    in_response = torch.cat([torch.zeros_like(query_mask, dtype=torch.bool), response_mask.bool()], dim=1)
    values = value_model(sequence, mask, in_response)[:, query.shape[1] - 1:-1]
    return values * response_mask.to(values.dtype)


def sequence_scores(reward_model: TinyRewardModel, query: torch.Tensor, query_mask: torch.Tensor,
                    response: torch.Tensor, response_mask: torch.Tensor) -> torch.Tensor:
    """Reward-model score of each (query, response), read at its last token."""
    sequence = torch.cat([query, response], dim=1)
    mask = torch.cat([query_mask, response_mask.long()], dim=1)
    in_response = torch.cat([torch.zeros_like(query_mask, dtype=torch.bool), response_mask.bool()], dim=1)
    return reward_model.score(sequence, mask, in_response)


def sft_rows(tokenizer: WordTokenizer, examples: Sequence[PromptExample], options: PPOOptions) -> List[Tuple[List[int], List[int]]]:
    """(query ids, answer ids + <eos>) with answers cut to the rollout length, so the policy learns to stop."""
    rows = []
    for example in examples:
        query = query_ids(tokenizer, example.prompt, options.max_prompt_tokens)
        for answer in example.answers:
            words = [i for i in tokenizer.encode(answer) if tokenizer.is_known_word(i)]
            rows.append((query, words[: options.max_new_tokens - 1] + [tokenizer.eos_id]))
    return rows


def supervised_warmup(policy: TinyCausalLM, tokenizer: WordTokenizer, examples: Sequence[PromptExample],
                      options: PPOOptions, events: EventLog, generator: torch.Generator) -> Optional[float]:
    """Next-token cross-entropy on the answers only; returns the last epoch's mean loss (None without answers)."""
    rows = sft_rows(tokenizer, examples, options)
    if not rows:
        events.log("the prompts file carries no answers: skipping supervised warm-up of the built-in policy")
        return None
    epochs = options.sft_epochs if options.sft_epochs is not None else DEFAULT_SFT_EPOCHS
    optimizer = torch.optim.AdamW(policy.parameters(), lr=3e-3, weight_decay=0.0)
    banned = banned_generation_ids(tokenizer)
    policy.train()
    epoch_loss = None
    for epoch in range(epochs):
        losses = []
        order = torch.randperm(len(rows), generator=generator).tolist()
        for start in range(0, len(rows), 16):
            chunk = [rows[i] for i in order[start:start + 16]]
            query, query_mask = left_pad([q for q, _ in chunk], tokenizer.pad_id)
            width = max(len(a) for _, a in chunk)
            response = torch.full((len(chunk), width), tokenizer.pad_id, dtype=torch.long)
            response_mask = torch.zeros((len(chunk), width), dtype=torch.bool)
            for index, (_, answer) in enumerate(chunk):
                response[index, :len(answer)] = torch.tensor(answer)
                response_mask[index, :len(answer)] = True
            logprobs = response_logprobs(policy, query.to(options.device), query_mask.to(options.device),
                                         response.to(options.device), response_mask.to(options.device),
                                         banned, 1.0)
            loss = -masked_mean(logprobs, response_mask.to(options.device))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
            optimizer.step()
            losses.append(float(loss))
        epoch_loss = sum(losses) / len(losses)
        events.metric(sft_loss=epoch_loss, sft_epoch=epoch + 1)
    return epoch_loss


class BuiltinPPO:
    """Policy with LoRA, reference = adapters off, frozen reward model, value model copied from it."""

    def __init__(self, options: PPOOptions, events: EventLog) -> None:
        if not is_tiny_model_dir(options.reward_model, REWARD_MODEL_TYPE):
            raise UsageError(f"--reward-model {options.reward_model}: not a built-in reward model directory "
                             f"(expected config.json with model_type {REWARD_MODEL_TYPE})")
        from clinrank_trainer.models import load_tiny_reward_model

        self.options = options
        self.device = torch.device(options.device)
        self.reward_model, self.tokenizer = load_tiny_reward_model(options.reward_model)
        self.reward_model.to(self.device).eval().requires_grad_(False)
        self.value_model = copy.deepcopy(self.reward_model).requires_grad_(True)
        positions = options.max_prompt_tokens + 2 + options.max_new_tokens
        if positions > self.reward_model.config.max_positions:
            raise UsageError(f"--max-new-tokens {options.max_new_tokens}: prompt+response would exceed the reward "
                             f"model's {self.reward_model.config.max_positions} positions")
        config = TinyConfig(CAUSAL_LM_TYPE, self.tokenizer.vocab_size, options.policy_dim, options.policy_layers,
                            4, positions, 0.0)
        self.policy = TinyCausalLM(config).to(self.device)
        self.banned = banned_generation_ids(self.tokenizer).to(self.device)

    def prepare_policy(self, examples: Sequence[PromptExample], events: EventLog, generator: torch.Generator) -> Dict:
        """SFT the base policy, save it, then freeze it and add LoRA adapters."""
        sft_loss = supervised_warmup(self.policy, self.tokenizer, examples, self.options, events, generator)
        save_tiny_model(self.policy, self.tokenizer, self.options.output / "sft_policy")
        events.artifact(self.options.output / "sft_policy", "sft-policy")
        wrapped = add_lora(self.policy, r=self.options.lora_r, alpha=self.options.lora_alpha, dropout=0.0)
        self.policy.eval()  # no dropout in PPO: old and new log-probs must come from the same function
        self.value_model.eval()
        return {"sft_loss": sft_loss, "lora_layers": wrapped}

    @torch.no_grad()
    def rollout(self, examples: Sequence[PromptExample], generator: torch.Generator) -> Rollout:
        """Generate, then score with the reward, reference and value models."""
        rows = [query_ids(self.tokenizer, e.prompt, self.options.max_prompt_tokens) for e in examples]
        query, query_mask = (t.to(self.device) for t in left_pad(rows, self.tokenizer.pad_id))
        response, response_mask = self.policy.generate(
            query, query_mask, self.options.max_new_tokens, self.tokenizer.eos_id, self.tokenizer.pad_id,
            generator, self.options.temperature, self.banned)
        logprobs = response_logprobs(self.policy, query, query_mask, response, response_mask, self.banned,
                                     self.options.temperature)
        with adapter_disabled(self.policy):
            ref_logprobs = response_logprobs(self.policy, query, query_mask, response, response_mask, self.banned,
                                             self.options.temperature)
        values = response_values(self.value_model, query, query_mask, response, response_mask)
        scores = sequence_scores(self.reward_model, query, query_mask, response, response_mask)
        return Rollout(query, query_mask, response, response_mask, logprobs, ref_logprobs, values, scores)

    def trainable_parameters(self) -> List[torch.nn.Parameter]:
        return [p for p in list(self.policy.parameters()) + list(self.value_model.parameters()) if p.requires_grad]

    def save(self, directory: Path) -> None:
        """adapter_model.pt + adapter_config.json (base: sft_policy/), and the value model."""
        torch.save(adapter_state_dict(self.policy), directory / "adapter_model.pt")
        config = {"peft_type": "LORA", "r": self.options.lora_r, "lora_alpha": self.options.lora_alpha,
                  "lora_dropout": 0.0, "base_model": "sft_policy", "model_type": CAUSAL_LM_TYPE}
        (directory / "adapter_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        save_tiny_model(self.value_model, self.tokenizer, directory / "value_model")


def ppo_update(trainer: BuiltinPPO, rollout: Rollout, advantages: torch.Tensor, returns: torch.Tensor,
               optimizer: torch.optim.Optimizer, options: PPOOptions, generator: torch.Generator) -> Dict[str, float]:
    """Several epochs of clipped policy + value updates over minibatches of one rollout."""
    stats: Dict[str, List[float]] = {"clipfrac": [], "approxkl": [], "policy": [], "value": [], "vf_clipfrac": []}
    rows = rollout.query.shape[0]
    size = max(1, rows // options.minibatches)
    for _ in range(options.ppo_epochs):
        order = torch.randperm(rows, generator=generator)
        for start in range(0, rows, size):
            index = order[start:start + size].to(trainer.device)
            mask = rollout.response_mask[index]
            logprobs = response_logprobs(trainer.policy, rollout.query[index], rollout.query_mask[index],
                                         rollout.response[index], mask, trainer.banned, options.temperature)
            values = response_values(trainer.value_model, rollout.query[index], rollout.query_mask[index],
                                     rollout.response[index], mask)
            policy_loss, clipfrac, approxkl = ppo_policy_loss(logprobs, rollout.logprobs[index], advantages[index],
                                                              mask, options.clip_range)
            value_loss, vf_clipfrac = clipped_value_loss(values, rollout.values[index], returns[index], mask,
                                                         options.clip_range_value)
            optimizer.zero_grad()
            (policy_loss + options.vf_coef * value_loss).backward()
            torch.nn.utils.clip_grad_norm_(trainer.trainable_parameters(), 1.0)
            optimizer.step()
            for key, value in (("clipfrac", clipfrac), ("approxkl", approxkl), ("policy", policy_loss),
                               ("value", value_loss), ("vf_clipfrac", vf_clipfrac)):
                stats[key].append(float(value))
    return {key: sum(values) / len(values) for key, values in stats.items()}


@torch.no_grad()
def reward_normalization(trainer: "BuiltinPPO", examples: Sequence[PromptExample], options: PPOOptions,
                         generator: torch.Generator, batches: int = 4) -> Tuple[float, float]:
    """Mean and std of reward-model scores on SFT-policy samples (Ziegler et al. 2019 normalise to 0/1 this way)."""
    scores = []
    for _ in range(batches):
        chosen = torch.randint(len(examples), (options.batch_size,), generator=generator).tolist()
        scores.append(trainer.rollout([examples[i] for i in chosen], generator).scores)
    joined = torch.cat(scores)
    return float(joined.mean()), max(float(joined.std()), 1e-6)


def train_builtin_ppo(options: PPOOptions, events: EventLog) -> Dict[str, float]:
    """SFT warm-up of the built-in policy, then `options.steps` PPO steps (`hf_ppo.train_hf_ppo` takes --policy)."""
    if options.policy is not None:
        raise ValueError("the built-in PPO path has no --policy: choose the backend with cli.make_ppo_backend")
    seed_everything(options.seed)
    examples = load_prompts(options.prompts)
    generator = torch.Generator().manual_seed(options.seed)
    trainer = BuiltinPPO(options, events)
    options.output.mkdir(parents=True, exist_ok=True)
    summary = trainer.prepare_policy(examples, events, generator)
    score_mean, score_std = reward_normalization(trainer, examples, options, generator)
    summary.update({"reward_norm_mean": score_mean, "reward_norm_std": score_std})
    events.log(f"reward model normalised on SFT samples: mean {score_mean:.4f}, std {score_std:.4f}")
    optimizer = torch.optim.AdamW(trainer.trainable_parameters(), lr=options.lr or BUILTIN_DEFAULT_LR, eps=1e-5)
    controller = make_kl_controller(options)
    events.log(describe_kl_control(options))
    history = []
    for step in range(1, options.steps + 1):
        chosen = torch.randint(len(examples), (options.batch_size,), generator=generator).tolist()
        rollout = trainer.rollout([examples[i] for i in chosen], generator)
        mask = rollout.response_mask
        has_eos = ((rollout.response == trainer.tokenizer.eos_id) & mask).any(dim=1)
        normalized = (rollout.scores - score_mean) / score_std
        rewards, kl, scores = kl_penalized_rewards(rollout.logprobs, rollout.ref_logprobs, normalized, mask,
                                                   controller.value, has_eos, options.missing_eos_penalty)
        advantages, returns = generalized_advantage_estimation(rewards, rollout.values, mask, options.gamma,
                                                               options.lam)
        advantages = masked_whiten(advantages, mask) * mask
        update = ppo_update(trainer, rollout, advantages, returns, optimizer, options, generator)
        sequence_kl = kl.sum(dim=1)
        metrics = {
            "objective/kl": float(sequence_kl.mean()),
            "objective/scores": float(scores.mean()),
            "objective/rlhf_reward": float((scores - controller.value * sequence_kl).mean()),
            "objective/kl_coef": controller.value,
            "objective/raw_scores": float(rollout.scores.mean()),
            "policy/clipfrac_avg": update["clipfrac"], "policy/approxkl_avg": update["approxkl"],
            "loss/policy_avg": update["policy"], "loss/value_avg": update["value"],
            "val/clipfrac_avg": update["vf_clipfrac"],
            "val/num_eos_tokens": int(has_eos.sum()),
            "val/response_length": float(mask.sum(dim=1).float().mean()),
            "global_step": step, "episode": step * options.batch_size,
        }
        events.metric(**metrics)
        history.append(metrics)
        progress = kl_progress(step, options, metrics)
        if progress:
            events.log(progress)
        controller.update(float(sequence_kl.mean()), options.batch_size)
    trainer.save(options.output)
    events.artifact(options.output / "adapter_model.pt", "adapter")
    result = summarize_run(history, options)
    result.update({k: v for k, v in summary.items() if v is not None})
    write_json(options.output / "metrics.json", result)
    events.artifact(options.output / "metrics.json", "metrics")
    return result
