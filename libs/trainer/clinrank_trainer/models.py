"""Small pure-torch models for CPU: a causal transformer reward/value model, a causal LM policy, and LoRA."""
from __future__ import annotations

import contextlib
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from clinrank_trainer.tokenizer import WordTokenizer

REWARD_MODEL_TYPE = "clinrank-tiny-reward"
CAUSAL_LM_TYPE = "clinrank-tiny-causal-lm"


@dataclass
class TinyConfig:
    """Shape of a built-in model."""

    model_type: str
    vocab_size: int
    dim: int = 64
    n_layers: int = 2
    n_heads: int = 4
    max_positions: int = 512
    dropout: float = 0.1


class CausalSelfAttention(nn.Module):
    """Multi-head causal attention with separate q/k/v/o projections (so LoRA can wrap each)."""

    def __init__(self, config: TinyConfig) -> None:
        super().__init__()
        self.n_heads = config.n_heads
        self.q = nn.Linear(config.dim, config.dim)
        self.k = nn.Linear(config.dim, config.dim)
        self.v = nn.Linear(config.dim, config.dim)
        self.o = nn.Linear(config.dim, config.dim)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor, attention_mask: torch.Tensor, cache: Optional[Dict[str, torch.Tensor]] = None) -> torch.Tensor:
        """`attention_mask` covers the cached positions and `x`'s; `cache` (when given) keeps keys/values for the next call."""
        batch, steps, dim = x.shape
        head_dim = dim // self.n_heads

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, steps, self.n_heads, head_dim).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        if cache is not None:
            if "k" in cache:
                k, v = torch.cat([cache["k"], k], dim=2), torch.cat([cache["v"], v], dim=2)
            cache["k"], cache["v"] = k, v
        total = k.shape[2]
        past = total - steps
        scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim)
        causal = torch.ones(steps, total, dtype=torch.bool, device=x.device).tril(diagonal=past)
        allowed = causal.unsqueeze(0) & attention_mask.bool().unsqueeze(1)
        # a position may always see itself, so left-padding rows never softmax over nothing
        itself = torch.zeros(steps, total, dtype=torch.bool, device=x.device)
        itself[torch.arange(steps, device=x.device), past + torch.arange(steps, device=x.device)] = True
        allowed = allowed | itself.unsqueeze(0)
        scores = scores.masked_fill(~allowed.unsqueeze(1), float("-inf"))
        attended = self.dropout(torch.softmax(scores, dim=-1)) @ v
        return self.o(attended.transpose(1, 2).reshape(batch, steps, dim))


class Block(nn.Module):
    """Pre-norm transformer block."""

    def __init__(self, config: TinyConfig) -> None:
        super().__init__()
        self.norm_attention = nn.LayerNorm(config.dim)
        self.attention = CausalSelfAttention(config)
        self.norm_mlp = nn.LayerNorm(config.dim)
        self.fc_in = nn.Linear(config.dim, 4 * config.dim)
        self.fc_out = nn.Linear(4 * config.dim, config.dim)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor, attention_mask: torch.Tensor, cache: Optional[Dict[str, torch.Tensor]] = None) -> torch.Tensor:
        x = x + self.dropout(self.attention(self.norm_attention(x), attention_mask, cache))
        return x + self.dropout(self.fc_out(F.gelu(self.fc_in(self.norm_mlp(x)))))


class Backbone(nn.Module):
    """Token + position embeddings and a stack of causal blocks."""

    def __init__(self, config: TinyConfig) -> None:
        super().__init__()
        self.config = config
        self.tokens = nn.Embedding(config.vocab_size, config.dim)
        self.positions = nn.Embedding(config.max_positions, config.dim)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.norm = nn.LayerNorm(config.dim)
        nn.init.normal_(self.tokens.weight, std=0.02)
        nn.init.normal_(self.positions.weight, std=0.02)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                extra: Optional[torch.Tensor] = None, cache: Optional[List[Dict[str, torch.Tensor]]] = None) -> torch.Tensor:
        """Hidden states of `input_ids`; with a `cache` (one dict per block), `attention_mask` also covers the
        positions already cached, and `input_ids` holds only the new ones."""
        position_ids = (attention_mask.long().cumsum(-1) - 1).clamp(min=0, max=self.config.max_positions - 1)
        x = self.tokens(input_ids) + self.positions(position_ids[:, -input_ids.shape[1]:])
        if extra is not None:
            x = x + extra
        for index, block in enumerate(self.blocks):
            x = block(x, attention_mask, cache[index] if cache is not None else None)
        return self.norm(x)


def prompt_match_features(input_ids: torch.Tensor, attention_mask: torch.Tensor, response_mask: torch.Tensor,
                          first_word_id: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """Per response token: (word occurs in the prompt, and it does so for the first time in the response).

    Both only look at tokens up to t, so they keep the model causal. Summing the second over the response and
    dividing by the number of distinct prompt words gives the share of the question's words the answer covers.
    """
    is_word = input_ids >= first_word_id
    prompt_mask = attention_mask.bool() & ~response_mask.bool() & is_word
    in_response = response_mask.bool() & attention_mask.bool() & is_word
    same = input_ids.unsqueeze(2) == input_ids.unsqueeze(1)
    in_prompt = (same & prompt_mask.unsqueeze(1)).any(dim=2) & in_response
    steps = input_ids.shape[1]
    earlier = torch.ones(steps, steps, dtype=torch.bool, device=input_ids.device).tril(diagonal=-1)
    seen_before = (same & earlier.unsqueeze(0) & in_response.unsqueeze(1)).any(dim=2)
    return in_prompt.float(), (in_prompt & ~seen_before).float()


def distinct_prompt_words(input_ids: torch.Tensor, attention_mask: torch.Tensor, response_mask: torch.Tensor,
                          first_word_id: int) -> torch.Tensor:
    """Number of distinct word ids in the prompt part of each row."""
    prompt_mask = attention_mask.bool() & ~response_mask.bool() & (input_ids >= first_word_id)
    same = input_ids.unsqueeze(2) == input_ids.unsqueeze(1)
    steps = input_ids.shape[1]
    earlier = torch.ones(steps, steps, dtype=torch.bool, device=input_ids.device).tril(diagonal=-1)
    repeated = (same & earlier.unsqueeze(0) & prompt_mask.unsqueeze(1)).any(dim=2)
    return (prompt_mask & ~repeated).sum(dim=1).to(torch.float32)


class TinyRewardModel(nn.Module):
    """Causal transformer scoring (prompt, response); the value at token t only sees tokens up to t.

    Per position: head([running mean of response hidden states, question coverage so far, log response length]).
    The score of a sequence is the value at its last token, so the same network, unchanged, is a per-token value
    model for PPO. Exact-match inputs (DrQA-style) let it learn which overlaps with the question matter.
    """

    def __init__(self, config: TinyConfig, first_word_id: int) -> None:
        super().__init__()
        self.config = config
        self.first_word_id = first_word_id
        self.backbone = Backbone(config)
        self.segments = nn.Embedding(2, config.dim)
        self.match = nn.Parameter(torch.zeros(config.dim))
        self.head = nn.Sequential(nn.Linear(config.dim + 2, config.dim), nn.GELU(), nn.Linear(config.dim, 1))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                response_mask: torch.Tensor) -> torch.Tensor:
        """Values [B, T] at every position."""
        matches, new_matches = prompt_match_features(input_ids, attention_mask, response_mask, self.first_word_id)
        extra = self.segments(response_mask.long()) + matches.unsqueeze(-1) * self.match
        hidden = self.backbone(input_ids, attention_mask, extra)
        in_response = (response_mask.bool() & attention_mask.bool()).to(hidden.dtype)
        length_so_far = in_response.cumsum(dim=1)
        running_mean = (hidden * in_response.unsqueeze(-1)).cumsum(dim=1) / length_so_far.clamp(min=1.0).unsqueeze(-1)
        prompt_words = distinct_prompt_words(input_ids, attention_mask, response_mask, self.first_word_id)
        coverage = new_matches.cumsum(dim=1) / prompt_words.clamp(min=1.0).unsqueeze(1)
        features = torch.cat([running_mean, coverage.unsqueeze(-1), torch.log1p(length_so_far).unsqueeze(-1) / 5.0], -1)
        return self.head(features).squeeze(-1)

    def score(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, response_mask: torch.Tensor) -> torch.Tensor:
        """One reward per row: the value at the last attended position."""
        values = self.forward(input_ids, attention_mask, response_mask)
        last = attention_mask.shape[1] - 1 - attention_mask.long().flip(1).argmax(dim=1)
        return values[torch.arange(values.shape[0], device=values.device), last]


class TinyCausalLM(nn.Module):
    """Causal transformer language model with sampling-based `generate`."""

    def __init__(self, config: TinyConfig) -> None:
        super().__init__()
        self.config = config
        self.backbone = Backbone(config)
        self.lm_head = nn.Linear(config.dim, config.vocab_size)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, logits_from: int = 0) -> torch.Tensor:
        """Next-token logits [B, T - logits_from, V] (skipping positions whose predictions are not needed)."""
        return self.lm_head(self.backbone(input_ids, attention_mask)[:, logits_from:, :])

    @torch.no_grad()
    def generate(self, query_ids: torch.Tensor, query_mask: torch.Tensor, max_new_tokens: int, eos_id: int,
                 pad_id: int, generator: torch.Generator, temperature: float = 1.0,
                 banned_ids: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, torch.Tensor]:
        """Sample responses to left-padded queries; returns (response ids [B, L], response mask), padded after EOS."""
        sequence, mask = query_ids, query_mask.long()
        finished = torch.zeros(query_ids.shape[0], dtype=torch.bool, device=query_ids.device)
        tokens, valid = [], []
        # keys/values of earlier positions are cached unless the sequence must slide past max_positions
        cache: Optional[List[Dict[str, torch.Tensor]]] = (
            [{} for _ in self.backbone.blocks] if query_ids.shape[1] + max_new_tokens <= self.config.max_positions else None)
        for index in range(max_new_tokens):
            if cache is not None:
                hidden = self.backbone(sequence if index == 0 else sequence[:, -1:], mask, cache=cache)[:, -1:, :]
                logits = self.lm_head(hidden)[:, -1, :] / max(temperature, 1e-6)
            else:
                window = slice(max(0, sequence.shape[1] - self.config.max_positions), None)
                width = sequence[:, window].shape[1]
                logits = self.forward(sequence[:, window], mask[:, window], width - 1)[:, -1, :] / max(temperature, 1e-6)
            if banned_ids is not None:
                logits[:, banned_ids] = float("-inf")
            probabilities = torch.softmax(logits.float(), dim=-1)
            next_token = torch.multinomial(probabilities.cpu(), 1, generator=generator).squeeze(1).to(sequence.device)
            next_token = torch.where(finished, torch.full_like(next_token, pad_id), next_token)
            tokens.append(next_token)
            valid.append(~finished)
            finished = finished | (next_token == eos_id)
            sequence = torch.cat([sequence, next_token.unsqueeze(1)], dim=1)
            mask = torch.cat([mask, (~finished | (next_token == eos_id)).long().unsqueeze(1)], dim=1)
            if bool(finished.all()):
                break
        return torch.stack(tokens, dim=1), torch.stack(valid, dim=1)


class LoRALinear(nn.Module):
    """Frozen nn.Linear plus a trainable low-rank update B·A scaled by alpha/r (B starts at zero)."""

    def __init__(self, base: nn.Linear, r: int, alpha: float, dropout: float) -> None:
        super().__init__()
        self.base = base
        like = {"device": base.weight.device, "dtype": base.weight.dtype}
        self.lora_a = nn.Parameter(torch.empty(r, base.in_features, **like))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, r, **like))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.scaling = alpha / r
        self.dropout = nn.Dropout(dropout)
        self.enabled = True

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output = self.base(x)
        if self.enabled:
            output = output + (self.dropout(x) @ self.lora_a.t() @ self.lora_b.t()) * self.scaling
        return output


DEFAULT_LORA_TARGETS = ("q", "k", "v", "o", "fc_in", "fc_out", "lm_head")


def add_lora(model: nn.Module, r: int = 8, alpha: float = 32.0, dropout: float = 0.0,
             targets: Sequence[str] = DEFAULT_LORA_TARGETS) -> int:
    """Freeze `model` and wrap every nn.Linear named in `targets` with LoRA; returns how many were wrapped."""
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    wrapped = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if name in targets and isinstance(child, nn.Linear):
                setattr(parent, name, LoRALinear(child, r, alpha, dropout))
                wrapped += 1
    return wrapped


def lora_layers(model: nn.Module) -> Iterator[LoRALinear]:
    """Every LoRA layer in `model`."""
    return (module for module in model.modules() if isinstance(module, LoRALinear))


@contextlib.contextmanager
def adapter_disabled(model: nn.Module) -> Iterator[None]:
    """Run `model` as its frozen base (the PPO reference policy) inside the block."""
    layers = list(lora_layers(model))
    for layer in layers:
        layer.enabled = False
    try:
        yield
    finally:
        for layer in layers:
            layer.enabled = True


def adapter_state_dict(model: nn.Module) -> Dict[str, torch.Tensor]:
    """Only the LoRA weights."""
    return {name: tensor for name, tensor in model.state_dict().items() if ".lora_" in name}


def save_tiny_model(model: nn.Module, tokenizer: WordTokenizer, directory: Path) -> None:
    """Write model.pt (state dict), config.json and tokenizer.json."""
    directory.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), directory / "model.pt")
    (directory / "config.json").write_text(json.dumps(asdict(model.config), indent=2) + "\n", encoding="utf-8")
    tokenizer.save(directory / "tokenizer.json")


def is_tiny_model_dir(directory: Path, model_type: str) -> bool:
    """True when `directory` holds a built-in model of `model_type`."""
    config_path = directory / "config.json"
    if not config_path.is_file():
        return False
    try:
        return json.loads(config_path.read_text(encoding="utf-8")).get("model_type") == model_type
    except json.JSONDecodeError:
        return False


def load_tiny_reward_model(directory: Path) -> Tuple[TinyRewardModel, WordTokenizer]:
    """Read a built-in reward model saved by `save_tiny_model`."""
    config = TinyConfig(**json.loads((directory / "config.json").read_text(encoding="utf-8")))
    tokenizer = WordTokenizer.load(directory / "tokenizer.json")
    model = TinyRewardModel(config, first_word_id=tokenizer.first_word_id)
    model.load_state_dict(load_state_dict(directory, "model"))
    return model, tokenizer


def load_state_dict(directory: Path, stem: str) -> Dict[str, torch.Tensor]:
    """Tensors only, never code: `<stem>.safetensors` when present (and safetensors is installed), else
    `<stem>.pt` read with weights_only=True, which refuses pickled objects other than tensors and plain containers."""
    safetensors_path = directory / f"{stem}.safetensors"
    if safetensors_path.is_file():
        from safetensors.torch import load_file  # optional dependency: only needed for .safetensors files

        return load_file(str(safetensors_path), device="cpu")
    return torch.load(directory / f"{stem}.pt", map_location="cpu", weights_only=True)
