"""Token encoders for BERTScore: a local Hugging Face checkpoint, or a small seeded random encoder for CPU tests.

`embed(texts)` returns, per text, a [tokens, dim] float tensor of the chosen layer's hidden states with special
tokens (CLS/SEP/BOS/EOS/padding) removed.
"""
from __future__ import annotations

import math
import zlib
from pathlib import Path
from typing import List, Optional, Sequence

import torch
from torch import nn

from clinrank_trainer.checkpoints import refuse_pickled_only
from clinrank_trainer.errors import UsageError, require_module
from clinrank_trainer.metric_tokens import normalise_arabic, tokenize

BUILTIN_BUCKETS = 4096
BUILTIN_DIM = 64
BUILTIN_LAYERS = 2
BUILTIN_MAX_TOKENS = 512


class BuiltinEncoder(nn.Module):
    """Hashed word embeddings + sinusoidal positions + a small transformer, randomly initialised from `seed`.

    Untrained on purpose: it exists so the BERTScore code path (batching, masking, layer choice, greedy
    matching) runs on CPU without any checkpoint. Its scores mean nothing linguistically.
    """

    def __init__(self, seed: int = 0, layer: Optional[int] = None, dim: int = BUILTIN_DIM, layers: int = BUILTIN_LAYERS) -> None:
        super().__init__()
        generator_state = torch.random.get_rng_state()
        torch.manual_seed(seed)
        self.embedding = nn.Embedding(BUILTIN_BUCKETS, dim)
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(dim, nhead=4, dim_feedforward=2 * dim, dropout=0.0, batch_first=True) for _ in range(layers)
        )
        torch.random.set_rng_state(generator_state)
        self.layer = check_layer(layers if layer is None else layer, layers)
        self.dim = dim
        self.eval()

    @staticmethod
    def token_ids(text: str) -> List[int]:
        """Project tokens hashed (crc32, stable across runs) into the embedding buckets."""
        return [zlib.crc32(token.encode("utf-8")) % BUILTIN_BUCKETS for token in tokenize(text)[:BUILTIN_MAX_TOKENS]]

    def positions(self, length: int) -> torch.Tensor:
        position = torch.arange(length, dtype=torch.float32).unsqueeze(1)
        frequency = torch.exp(torch.arange(0, self.dim, 2, dtype=torch.float32) * (-math.log(10000.0) / self.dim))
        table = torch.zeros(length, self.dim)
        table[:, 0::2] = torch.sin(position * frequency)
        table[:, 1::2] = torch.cos(position * frequency)
        return table

    @torch.no_grad()
    def embed(self, texts: Sequence[str]) -> List[torch.Tensor]:
        """Hidden states of `self.layer` (0 = embeddings) for each text's tokens."""
        device = self.embedding.weight.device
        ids = [self.token_ids(text) for text in texts]
        width = max([len(row) for row in ids] + [1])
        batch = torch.zeros(len(ids), width, dtype=torch.long, device=device)
        padding = torch.ones(len(ids), width, dtype=torch.bool, device=device)
        for row, row_ids in enumerate(ids):
            batch[row, : len(row_ids)] = torch.tensor(row_ids, dtype=torch.long)
            padding[row, : len(row_ids)] = False
        hidden = self.embedding(batch) + self.positions(width).to(device)
        for block in self.blocks[: self.layer]:
            hidden = block(hidden, src_key_padding_mask=padding)
        return [hidden[row, : len(row_ids)].float().cpu() for row, row_ids in enumerate(ids)]


class HuggingFaceEncoder:
    """A local checkpoint through AutoTokenizer + AutoModel (nothing downloaded), hidden states of one layer."""

    def __init__(self, path: Path, layer: Optional[int], device: str) -> None:
        transformers = require_module("transformers", "--encoder")
        if not Path(path).is_dir():
            raise UsageError(f"--encoder {path}: not a directory")
        refuse_pickled_only(Path(path), "--encoder")
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(str(path), local_files_only=True).to(device).eval()
        depth = int(getattr(self.model.config, "num_hidden_layers", 0) or 0)
        self.layer = check_layer(depth if layer is None else layer, depth)
        self.device = device
        limit = getattr(self.tokenizer, "model_max_length", 512) or 512
        self.max_length = min(int(limit), 512)

    @torch.no_grad()
    def embed(self, texts: Sequence[str]) -> List[torch.Tensor]:
        """Hidden states of `self.layer` (0 = embeddings), special tokens removed."""
        encoded = self.tokenizer([normalise_arabic(text) for text in texts], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="pt", return_special_tokens_mask=True)
        special = encoded.pop("special_tokens_mask").bool()
        keep = encoded["attention_mask"].bool() & ~special
        inputs = {name: tensor.to(self.device) for name, tensor in encoded.items()}
        hidden = self.model(**inputs, output_hidden_states=True).hidden_states[self.layer].float().cpu()
        return [hidden[row][keep[row]] for row in range(hidden.shape[0])]


def check_layer(layer: int, depth: int) -> int:
    """A layer index must be within 0 (embeddings) .. depth (last layer)."""
    if layer < 0 or layer > depth:
        raise UsageError(f"--layer must be between 0 and {depth} for this encoder, got {layer}")
    return layer


def make_encoder(encoder: Optional[Path], layer: Optional[int], device: str, seed: int):
    """The Hugging Face encoder at `encoder`, or the built-in random one when no path is given."""
    if encoder is not None:
        return HuggingFaceEncoder(encoder, layer, device)
    return BuiltinEncoder(seed=seed, layer=layer).to(device)
