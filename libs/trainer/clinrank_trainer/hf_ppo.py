"""PPO on a local Hugging Face causal LM (GPU nodes): LoRA policy, reference = adapter disabled, value head.

NOT VERIFIED here: transformers/peft and a GPU are absent on the development machine, so only the plain
functions of `hf_ppo_parts` and the argument checks below are tested; this module's model code is not.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Sequence

import torch

from clinrank_trainer.batching import truncate_prompt_first
from clinrank_trainer.data import PromptExample, load_prompts
from clinrank_trainer.errors import UsageError, require_module
from clinrank_trainer.events import EventLog, write_json
from clinrank_trainer.hf_backend import ensure_pad_token, sequence_scores
from clinrank_trainer.hf_ppo_parts import (REWARD_KIND_BUILTIN, average_stats, builtin_reward_rows, disable_dropout,
                                           init_value_head, left_pad_queries, minibatch_indices, pick_score_head,
                                           policy_lora_config_kwargs, right_pad, ppo_minibatch_loss, ppo_step_metrics,
                                           response_logprobs_from_logits, response_mask_from_generated,
                                           response_values_from_sequence, reward_model_kind, rollout_advantages,
                                           score_normalization, sequence_inputs, validate_hf_ppo_options)
from clinrank_trainer.ppo_config import (HF_DEFAULT_LR, PPOOptions, describe_kl_control, kl_progress,
                                        make_kl_controller, summarize_run)
from clinrank_trainer.utils import seed_everything


def check_hf_ppo_inputs(options: PPOOptions) -> str:
    """Validate options and the reward model directory before importing anything heavy; returns the reward kind."""
    validate_hf_ppo_options(options.policy, options.sft_epochs, options.batch_size, options.minibatches,
                            options.max_new_tokens, options.max_prompt_length)
    kind = reward_model_kind(options.reward_model)
    require_module("transformers", "--policy")
    require_module("peft", "--policy")
    return kind


def prompt_for_policy(tokenizer, example: PromptExample) -> str:
    """Chat-template message prompts when the tokenizer has a template, else the plain prompt."""
    if example.prompt_messages and getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(example.prompt_messages, tokenize=False, add_generation_prompt=True)
    return example.prompt


def enable_checkpointing(model) -> None:
    """Gradient checkpointing that also works with frozen embeddings under LoRA."""
    try:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    except TypeError:  # transformers < 4.35
        model.gradient_checkpointing_enable()
    model.enable_input_require_grads()


class HFRewardScorer:
    """Scores (prompt, response text) with the trained reward model: a peft adapter or a full HF classifier."""

    def __init__(self, directory: Path, kind: str, device: torch.device, max_length: int) -> None:
        from clinrank_trainer.hf_ppo_parts import REWARD_KIND_HF_ADAPTER

        transformers = require_module("transformers", "--reward-model")
        dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(directory))
        if kind == REWARD_KIND_HF_ADAPTER:
            peft = require_module("peft", "--reward-model")
            self.model = peft.AutoPeftModelForSequenceClassification.from_pretrained(
                str(directory), num_labels=1, torch_dtype=dtype)
        else:
            self.model = transformers.AutoModelForSequenceClassification.from_pretrained(
                str(directory), num_labels=1, torch_dtype=dtype)
        ensure_pad_token(self.tokenizer, self.model)
        self.model.to(device).eval().requires_grad_(False)
        self.device, self.max_length = device, max_length

    def score_head(self):
        """(weight, bias) of the trained score head."""
        return pick_score_head(dict(self.model.named_parameters()))

    @torch.no_grad()
    def __call__(self, examples: Sequence[PromptExample], responses: Sequence[str]) -> torch.Tensor:
        """Encoded as `reward-model` trained it: own chat template, prompt cut first, right padding."""
        rows = []
        for example, response in zip(examples, responses):
            prompt = prompt_for_policy(self.tokenizer, example)
            prompt_ids = self.tokenizer(prompt, add_special_tokens=True)["input_ids"]
            response_ids = self.tokenizer(response, add_special_tokens=False)["input_ids"]
            prompt_ids, response_ids, _ = truncate_prompt_first(prompt_ids, response_ids, self.max_length)
            rows.append(prompt_ids + response_ids)
        ids, attention = right_pad(rows, self.tokenizer.pad_token_id)
        return sequence_scores(self.model, ids.to(self.device), attention.to(self.device))


class BuiltinRewardScorer:
    """Scores response texts with the built-in reward model (re-tokenized with its word tokenizer)."""

    def __init__(self, directory: Path, device: torch.device) -> None:
        from clinrank_trainer.models import load_tiny_reward_model

        self.model, self.tokenizer = load_tiny_reward_model(directory)
        self.model.to(device).eval().requires_grad_(False)
        self.device = device

    def score_head(self):
        return None, None  # its head reads hand-made features, not hidden states: no shape can match

    @torch.no_grad()
    def __call__(self, examples: Sequence[PromptExample], responses: Sequence[str]) -> torch.Tensor:
        ids, attention, in_response = builtin_reward_rows(self.tokenizer, [e.prompt for e in examples], responses,
                                                          self.model.config.max_positions)
        return self.model.score(ids.to(self.device), attention.to(self.device), in_response.to(self.device)).float()


class HFPolicy:
    """AutoModelForCausalLM + LoRA (peft), bf16 on CUDA, gradient checkpointing, scalar value head."""

    def __init__(self, options: PPOOptions, device: torch.device) -> None:
        transformers = require_module("transformers", "--policy")
        peft = require_module("peft", "--policy")
        dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(options.policy))
        model = transformers.AutoModelForCausalLM.from_pretrained(str(options.policy), torch_dtype=dtype)
        if self.tokenizer.eos_token_id is None:
            raise UsageError(f"--policy {options.policy}: tokenizer has no EOS token")
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        if options.gradient_checkpointing:
            enable_checkpointing(model)
        self.model = peft.get_peft_model(model, peft.LoraConfig(**policy_lora_config_kwargs()))
        disable_dropout(self.model)
        self.model.to(device)
        hidden = self.model.config.hidden_size
        self.value_head = torch.nn.Linear(hidden, 1).to(device)  # fp32: small, and values need precision
        self.device, self.options = device, options

    def forward(self, inputs: Dict[str, torch.Tensor], hidden: bool = True):
        """Logits and per-position values (values only when `hidden`)."""
        out = self.model(**inputs, output_hidden_states=hidden, use_cache=False)
        values = self.value_head(out.hidden_states[-1].float()).squeeze(-1) if hidden else None
        return out.logits, values

    def trainable_parameters(self) -> List[torch.nn.Parameter]:
        return [p for p in self.model.parameters() if p.requires_grad] + list(self.value_head.parameters())

    def save(self, directory: Path, value_init: str) -> None:
        """save_pretrained adapter + tokenizer, and the value head."""
        self.model.save_pretrained(str(directory))
        self.tokenizer.save_pretrained(str(directory))
        torch.save(self.value_head.state_dict(), directory / "value_head.pt")
        write_json(directory / "value_head.json", {"hidden_size": self.value_head.in_features, "init": value_init})


class HFPPORun:
    """One PPO run: rollouts with generate, scoring, advantages and clipped updates."""

    def __init__(self, options: PPOOptions, events: EventLog, reward_kind: str) -> None:
        self.options, self.events = options, events
        self.device = torch.device(options.device)
        self.policy = HFPolicy(options, self.device)
        self.scorer = (BuiltinRewardScorer(options.reward_model, self.device) if reward_kind == REWARD_KIND_BUILTIN
                       else HFRewardScorer(options.reward_model, reward_kind, self.device,
                                           options.max_prompt_length + options.max_new_tokens))
        weight, bias = self.scorer.score_head()
        self.value_init = init_value_head(self.policy.value_head, weight, bias)
        events.log(f"value head initialised: {self.value_init}")

    @torch.no_grad()
    def rollout(self, examples: Sequence[PromptExample]) -> Dict[str, torch.Tensor]:
        """Sample responses, then log-probs (policy and adapter-disabled reference), values and scores."""
        tokenizer, model, options = self.policy.tokenizer, self.policy.model, self.options
        prompts = [prompt_for_policy(tokenizer, e) for e in examples]
        rows = [tokenizer(p, add_special_tokens=not e.prompt_messages)["input_ids"] for p, e in zip(prompts, examples)]
        query, query_mask = (t.to(self.device) for t in left_pad_queries(rows, tokenizer.pad_token_id,
                                                                        options.max_prompt_length))
        model.eval()
        generated = model.generate(input_ids=query, attention_mask=query_mask, do_sample=True, top_k=0, top_p=1.0,
                                   temperature=options.temperature, max_new_tokens=options.max_new_tokens,
                                   pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
        response = generated[:, query.shape[1]:]
        mask, has_eos = response_mask_from_generated(response, tokenizer.eos_token_id)
        response = torch.where(mask, response, torch.full_like(response, tokenizer.pad_token_id))
        inputs = sequence_inputs(query, query_mask, response, mask)
        width = query.shape[1]
        logits, values = self.policy.forward(inputs)
        logprobs = response_logprobs_from_logits(logits, response, mask, width, options.temperature)
        with model.disable_adapter():
            ref_logits, _ = self.policy.forward(inputs, hidden=False)
        ref_logprobs = response_logprobs_from_logits(ref_logits, response, mask, width, options.temperature)
        texts = [tokenizer.decode(row[m], skip_special_tokens=True) for row, m in zip(response, mask)]
        scores = self.scorer(examples, texts).to(self.device)
        return {"query": query, "query_mask": query_mask, "response": response, "mask": mask, "has_eos": has_eos,
                "logprobs": logprobs, "ref_logprobs": ref_logprobs,
                "values": response_values_from_sequence(values, mask, width), "scores": scores}

    def update(self, batch: Dict[str, torch.Tensor], advantages: torch.Tensor, returns: torch.Tensor,
               optimizer: torch.optim.Optimizer, generator: torch.Generator) -> Dict[str, float]:
        """ppo_epochs x minibatches of clipped policy + value updates."""
        options, stats = self.options, []
        self.policy.model.train()  # dropout is zeroed; train mode lets gradient checkpointing engage
        for _ in range(options.ppo_epochs):
            for index in minibatch_indices(batch["query"].shape[0], options.minibatches, generator):
                index = index.to(self.device)
                mask = batch["mask"][index]
                inputs = sequence_inputs(batch["query"][index], batch["query_mask"][index],
                                         batch["response"][index], mask)
                logits, values = self.policy.forward(inputs)
                loss, step_stats = ppo_minibatch_loss(
                    logits, values, batch["response"][index], mask, batch["query"].shape[1],
                    batch["logprobs"][index], batch["values"][index], advantages[index], returns[index],
                    options.clip_range, options.clip_range_value, options.vf_coef, options.temperature)
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.policy.trainable_parameters(), 1.0)
                optimizer.step()
                stats.append(step_stats)
        return average_stats(stats)


def sample(examples: Sequence[PromptExample], batch_size: int, generator: torch.Generator) -> List[PromptExample]:
    """`batch_size` prompts drawn with replacement."""
    return [examples[i] for i in torch.randint(len(examples), (batch_size,), generator=generator).tolist()]


def train_hf_ppo(options: PPOOptions, events: EventLog) -> Dict[str, float]:
    """PPO on `options.policy`; writes the adapter (save_pretrained), value head and metrics.json."""
    seed_everything(options.seed)
    kind = check_hf_ppo_inputs(options)
    examples = load_prompts(options.prompts)
    generator = torch.Generator().manual_seed(options.seed)
    run = HFPPORun(options, events, kind)
    score_mean, score_std = score_normalization([run.rollout(sample(examples, options.batch_size, generator))["scores"]
                                                 for _ in range(2)])
    events.log(f"reward model normalised on initial-policy samples: mean {score_mean:.4f}, std {score_std:.4f}")
    optimizer = torch.optim.AdamW(run.policy.trainable_parameters(), lr=options.lr or HF_DEFAULT_LR, eps=1e-5)
    controller = make_kl_controller(options)
    events.log(describe_kl_control(options))
    history = []
    for step in range(1, options.steps + 1):
        batch = run.rollout(sample(examples, options.batch_size, generator))
        normalized = (batch["scores"] - score_mean) / score_std
        advantages, returns, kl, used = rollout_advantages(
            batch["logprobs"], batch["ref_logprobs"], normalized, batch["values"], batch["mask"], batch["has_eos"],
            controller.value, options.gamma, options.lam, options.missing_eos_penalty)
        update = run.update(batch, advantages, returns, optimizer, generator)
        metrics = ppo_step_metrics(step, options.batch_size, kl, used, batch["scores"], controller.value, update,
                                   batch["has_eos"], batch["mask"])
        events.metric(**metrics)
        history.append(metrics)
        progress = kl_progress(step, options, metrics)
        if progress:
            events.log(progress)
        controller.update(metrics["objective/kl"], options.batch_size)
    options.output.mkdir(parents=True, exist_ok=True)
    run.policy.save(options.output, run.value_init)
    events.artifact(options.output, "adapter")
    result = summarize_run(history, options)
    result.update({"reward_norm_mean": score_mean, "reward_norm_std": score_std, "value_head_init": run.value_init,
                   "reward_model_kind": kind, "backend": "hf-lora"})
    write_json(options.output / "metrics.json", result)
    events.artifact(options.output / "metrics.json", "metrics")
    return result
