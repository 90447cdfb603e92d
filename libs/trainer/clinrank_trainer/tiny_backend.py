"""Built-in CPU reward model backend: word tokenizer + TinyRewardModel."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import torch

from clinrank_trainer.batching import RewardBatch, collate_groups, truncate_prompt_first
from clinrank_trainer.data import PreferenceGroup
from clinrank_trainer.models import (REWARD_MODEL_TYPE, TinyConfig, TinyRewardModel, load_tiny_reward_model,
                                     save_tiny_model)
from clinrank_trainer.tokenizer import WordTokenizer

SPECIAL_TOKENS_PER_ROW = 3  # <bos> prompt <sep> completion <eos>


def encode_tiny_row(tokenizer: WordTokenizer, prompt: str, completion_ids: Sequence[int],
                    max_length: int) -> Tuple[List[int], List[int], bool]:
    """(<bos> prompt <sep>, completion <eos>, truncated) within `max_length` tokens."""
    prompt_ids, completion_ids, truncated = truncate_prompt_first(
        tokenizer.encode(prompt), completion_ids, max_length - SPECIAL_TOKENS_PER_ROW)
    return [tokenizer.bos_id] + prompt_ids + [tokenizer.sep_id], completion_ids + [tokenizer.eos_id], truncated


def query_ids(tokenizer: WordTokenizer, prompt: str, max_prompt_tokens: int) -> List[int]:
    """<bos> prompt <sep>, keeping the last `max_prompt_tokens` prompt words (shared with the PPO policy)."""
    words = tokenizer.encode(prompt)[-max_prompt_tokens:]
    return [tokenizer.bos_id] + words + [tokenizer.sep_id]


class TinyRewardBackend:
    """Scores completion batches with the built-in reward model."""

    name = "builtin"
    default_lr = 1e-3

    def __init__(self, model: TinyRewardModel, tokenizer: WordTokenizer, max_length: int, device: torch.device):
        self.model = model.to(device)
        self.tokenizer = tokenizer
        self.max_length = min(max_length, model.config.max_positions)
        self.device = device

    @classmethod
    def create(cls, train_groups: Sequence[PreferenceGroup], max_length: int, device: torch.device,
               dim: int = 64, layers: int = 2, heads: int = 4, max_words: int = 8000,
               dropout: float = 0.1) -> "TinyRewardBackend":
        """New model with a tokenizer built from the training prompts and completions only."""
        texts = [g.prompt for g in train_groups] + [c for g in train_groups for c in g.completions]
        tokenizer = WordTokenizer.build(texts, max_words=max_words)
        config = TinyConfig(REWARD_MODEL_TYPE, tokenizer.vocab_size, dim, layers, heads, max_length, dropout)
        return cls(TinyRewardModel(config, tokenizer.first_word_id), tokenizer, max_length, device)

    @classmethod
    def load(cls, directory: Path, max_length: Optional[int], device: torch.device) -> "TinyRewardBackend":
        """Reload a saved built-in reward model."""
        model, tokenizer = load_tiny_reward_model(directory)
        return cls(model, tokenizer, max_length or model.config.max_positions, device)

    def encode(self, groups: Sequence[PreferenceGroup]) -> RewardBatch:
        """One padded batch holding every completion of `groups`."""
        encoded = [[encode_tiny_row(self.tokenizer, g.prompt, self.tokenizer.encode(c), self.max_length)
                    for c in g.completions] for g in groups]
        return collate_groups(groups, encoded, self.tokenizer.pad_id)

    def rewards(self, batch: RewardBatch) -> torch.Tensor:
        """One scalar reward per row."""
        return self.model.score(batch.input_ids, batch.attention_mask, batch.response_mask)

    def trainable_parameters(self) -> List[torch.nn.Parameter]:
        return [p for p in self.model.parameters() if p.requires_grad]

    def save(self, directory: Path) -> None:
        """model.pt + config.json + tokenizer.json."""
        save_tiny_model(self.model, self.tokenizer, directory)
