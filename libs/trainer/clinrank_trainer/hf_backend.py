"""Hugging Face path (GPU nodes): AutoModelForSequenceClassification + peft LoRA in bf16.

transformers and peft are imported lazily so the package works without them; every entry point raises
MissingDependency (exit code 2 from the CLI) naming the missing package.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Sequence

import torch

from clinrank_trainer.batching import RewardBatch, collate_groups, truncate_prompt_first
from clinrank_trainer.data import PreferenceGroup
from clinrank_trainer.checkpoints import refuse_pickled_only
from clinrank_trainer.errors import UsageError, require_module
from clinrank_trainer.rlhf_math import last_attended_index
from clinrank_trainer.hf_ppo_parts import policy_lora_config_kwargs  # noqa: F401  (re-exported)


def reward_lora_config_kwargs() -> Dict[str, Any]:
    """LoRA settings for reward models: sequence classification, r=8, alpha=32, dropout=0.1, train the score head."""
    return {"task_type": "SEQ_CLS", "r": 8, "lora_alpha": 32, "lora_dropout": 0.1, "modules_to_save": ["score"]}


def check_checkpoint_dir(path: Path, option: str) -> None:
    """A local checkpoint directory with config.json (nothing is ever downloaded) whose weights are safetensors:
    pickled weights can run code when they are loaded, so a checkpoint that has only those is refused."""
    if not (path / "config.json").is_file():
        raise UsageError(f"{option} {path}: not a local Hugging Face checkpoint (no config.json); "
                         f"nothing is downloaded")
    refuse_pickled_only(path, option)


PAD_TOKEN = "<|clinrank_pad|>"


def ensure_pad_token(tokenizer, model) -> None:
    """Give a tokenizer without a pad token one of its own (never EOS, which chat templates put inside prompts),
    grow the embeddings to hold it, and tell the model."""
    if tokenizer.pad_token is None:
        tokenizer.add_special_tokens({"pad_token": PAD_TOKEN})
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))
    tokenizer.padding_side = "right"
    model.config.pad_token_id = tokenizer.pad_token_id


def score_module(model):
    """The sequence classifier's `score` head (peft's wrapper, when the head is trained as modules_to_save)."""
    heads = [(name, module) for name, module in model.named_modules() if name.split(".")[-1] == "score"]
    if not heads:
        raise UsageError("reward model: no 'score' head found (expected a decoder AutoModelForSequenceClassification)")
    return min(heads, key=lambda head: len(head[0]))[1]


def sequence_scores(model, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The score head applied to the final hidden state at each row's last attended token (from the attention mask,
    never from pad_token_id, which older transformers read as "the token before the first pad")."""
    outputs = model(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
    head = score_module(model)
    hidden = outputs.hidden_states[-1]
    index = last_attended_index(attention_mask).to(hidden.device)
    last = hidden[torch.arange(hidden.shape[0], device=hidden.device), index]
    return head(last).squeeze(-1).float()


def prompt_text(tokenizer, group: PreferenceGroup) -> str:
    """Chat-template the prompt messages when the tokenizer has a template, else use the plain prompt."""
    if group.prompt_messages and getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(group.prompt_messages, tokenize=False, add_generation_prompt=True)
    return group.prompt


class HFRewardBackend:
    """Local checkpoint -> sequence classifier with one label, LoRA via peft, bf16, gradient checkpointing."""

    name = "hf-lora"
    default_lr = 1e-4

    def __init__(self, base_model: Path, max_length: int, device: torch.device,
                 gradient_checkpointing: bool = True, train: bool = True) -> None:
        check_checkpoint_dir(base_model, "--base-model")
        transformers = require_module("transformers", "--base-model")
        peft = require_module("peft", "--base-model")
        self.device = device
        self.max_length = max_length
        dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
        if (base_model / "adapter_config.json").is_file():  # a reward model trained by this command
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(base_model))
            self.model = peft.AutoPeftModelForSequenceClassification.from_pretrained(
                str(base_model), num_labels=1, torch_dtype=dtype, is_trainable=train)
        else:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(base_model))
            model = transformers.AutoModelForSequenceClassification.from_pretrained(
                str(base_model), num_labels=1, torch_dtype=dtype)
            ensure_pad_token(self.tokenizer, model)
            if gradient_checkpointing:
                model.gradient_checkpointing_enable()
                model.enable_input_require_grads()
            model = peft.get_peft_model(model, peft.LoraConfig(**reward_lora_config_kwargs()))
            self.model = model
        ensure_pad_token(self.tokenizer, self.model)
        self.model.to(device)

    def encode(self, groups: Sequence[PreferenceGroup]) -> RewardBatch:
        """Tokenize prompt and completion separately, truncate the prompt first, pad on the right."""
        encoded: List[List] = []
        for group in groups:
            prompt_ids = self.tokenizer(prompt_text(self.tokenizer, group), add_special_tokens=True)["input_ids"]
            rows = []
            for completion in group.completions:
                completion_ids = self.tokenizer(completion, add_special_tokens=False)["input_ids"]
                prompt_part, completion_part, truncated = truncate_prompt_first(prompt_ids, completion_ids,
                                                                                self.max_length)
                rows.append((prompt_part, completion_part, truncated))
            encoded.append(rows)
        return collate_groups(groups, encoded, self.tokenizer.pad_token_id)

    def rewards(self, batch: RewardBatch) -> torch.Tensor:
        """Score head output at the last non-pad token, found from the attention mask."""
        return sequence_scores(self.model, batch.input_ids, batch.attention_mask)

    def trainable_parameters(self) -> List[torch.nn.Parameter]:
        return [p for p in self.model.parameters() if p.requires_grad]

    def save(self, directory: Path) -> None:
        """save_pretrained for the adapter (+ score head) and the tokenizer."""
        self.model.save_pretrained(str(directory))
        self.tokenizer.save_pretrained(str(directory))
