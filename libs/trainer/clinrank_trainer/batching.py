"""Turning preference groups into padded tensors: truncation rules and one-forward-pass batches."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

import torch

from clinrank_trainer.data import PreferenceGroup


def truncate_prompt_first(prompt_ids: Sequence[int], completion_ids: Sequence[int],
                          budget: int) -> Tuple[List[int], List[int], bool]:
    """Fit prompt+completion into `budget` tokens: cut the prompt from the left first, the completion last.

    The prompt keeps at least min(len(prompt), budget // 4) of its most recent tokens, so the question the
    answer responds to is never cut away entirely; the completion is then cut from the right if still too long.
    """
    prompt_ids, completion_ids = list(prompt_ids), list(completion_ids)
    if budget <= 1:
        raise ValueError("the token budget must leave room for prompt and completion")
    if len(prompt_ids) + len(completion_ids) <= budget:
        return prompt_ids, completion_ids, False
    keep_prompt = max(budget - len(completion_ids), min(len(prompt_ids), budget // 4))
    prompt_ids = prompt_ids[len(prompt_ids) - keep_prompt:] if keep_prompt > 0 else []
    completion_ids = completion_ids[: budget - len(prompt_ids)]
    return prompt_ids, completion_ids, True


@dataclass
class RewardBatch:
    """Every completion of a few prompts, right-padded, with the pairs among them."""

    input_ids: torch.Tensor        # [N, T]
    attention_mask: torch.Tensor   # [N, T]
    response_mask: torch.Tensor    # [N, T] true on completion tokens (built-in model only)
    pairs: torch.Tensor            # [P, 2] indices of (winner, loser) rows
    group_ids: torch.Tensor        # [P] which prompt each pair belongs to
    margins: torch.Tensor          # [P]
    truncated_rows: int
    tokens: int

    def to(self, device: torch.device) -> "RewardBatch":
        """Move tensors to `device`."""
        return RewardBatch(self.input_ids.to(device), self.attention_mask.to(device), self.response_mask.to(device),
                           self.pairs.to(device), self.group_ids.to(device), self.margins.to(device),
                           self.truncated_rows, self.tokens)


def collate_groups(groups: Sequence[PreferenceGroup], encoded: Sequence[Sequence[Tuple[List[int], List[int], bool]]],
                   pad_id: int) -> RewardBatch:
    """Pad the (prefix ids, response ids, truncated) rows of each group and index the pairs into them."""
    rows: List[Tuple[List[int], List[int]]] = []
    pairs, group_ids, margins = [], [], []
    truncated = 0
    for group_index, (group, group_rows) in enumerate(zip(groups, encoded)):
        offset = len(rows)
        for prefix, response, was_truncated in group_rows:
            rows.append((prefix, response))
            truncated += int(was_truncated)
        for (winner, loser), margin in zip(group.pairs, group.margins):
            pairs.append((offset + winner, offset + loser))
            group_ids.append(group_index)
            margins.append(margin)
    width = max(len(prefix) + len(response) for prefix, response in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
    response_mask = torch.zeros((len(rows), width), dtype=torch.bool)
    for row, (prefix, response) in enumerate(rows):
        length = len(prefix) + len(response)
        input_ids[row, :length] = torch.tensor(prefix + response, dtype=torch.long)
        attention_mask[row, :length] = 1
        response_mask[row, len(prefix):length] = True
    return RewardBatch(input_ids, attention_mask, response_mask, torch.tensor(pairs, dtype=torch.long),
                       torch.tensor(group_ids, dtype=torch.long), torch.tensor(margins, dtype=torch.float32),
                       truncated, int(attention_mask.sum()))
