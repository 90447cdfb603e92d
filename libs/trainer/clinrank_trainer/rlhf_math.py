"""Pure-torch RLHF math: Bradley-Terry reward loss, masked statistics, KL rewards, GAE, PPO losses.

Everything here sticks to APIs available in torch 1.13 so it runs on the Debian build and on GPU nodes alike.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F

RankingItem = Union[int, Sequence[int]]


def ranking_to_pairs(ranking: Sequence[RankingItem]) -> List[Tuple[int, int]]:
    """Turn a best-first ranking (ints, or lists of tied ints) into (winner, loser) index pairs."""
    tiers = [[item] if isinstance(item, int) else list(item) for item in ranking]
    seen: set = set()
    for tier in tiers:
        if not tier:
            raise ValueError("ranking contains an empty tie group")
        for index in tier:
            if isinstance(index, bool) or not isinstance(index, int) or index < 0:
                raise ValueError(f"ranking entries must be non-negative integers, got {index!r}")
            if index in seen:
                raise ValueError(f"ranking lists completion {index} more than once")
            seen.add(index)
    pairs = []
    for upper, better_tier in enumerate(tiers):
        for worse_tier in tiers[upper + 1:]:
            pairs.extend((winner, loser) for winner in better_tier for loser in worse_tier)
    return pairs


def group_bradley_terry_loss(
    rewards: torch.Tensor,
    pairs: torch.Tensor,
    group_ids: Optional[torch.Tensor] = None,
    margins: Optional[torch.Tensor] = None,
    center_rewards_coef: float = 0.0,
) -> torch.Tensor:
    """Mean over prompts of the per-prompt mean of -log sigmoid(r_w - r_l - margin), plus coef * mean((r_w + r_l)^2).

    The centring term is TRL's (Eisenstein et al. 2023): it pulls each pair's rewards towards summing to zero, a mean
    over pairs; the square of the batch mean would let rewards drift apart as long as they cancel across the batch.

    `rewards` holds one score per completion of the batch (one forward pass), `pairs` is [P, 2] indices into it,
    `group_ids` ([P]) names the prompt of each pair so that a prompt with many pairs does not outweigh the others.
    """
    pairs = pairs.long()
    diff = rewards[pairs[:, 0]] - rewards[pairs[:, 1]]
    if margins is not None:
        diff = diff - margins.to(diff.dtype)
    pair_losses = -F.logsigmoid(diff)
    if group_ids is None:
        loss = pair_losses.mean()
    else:
        loss = _mean_of_group_means(pair_losses, group_ids.long())
    if center_rewards_coef:
        loss = loss + center_rewards_coef * ((rewards[pairs[:, 0]] + rewards[pairs[:, 1]]) ** 2).mean()
    return loss


def last_attended_index(attention_mask: torch.Tensor) -> torch.Tensor:
    """Index of the last position with attention mask 1 in each row ([B, T] -> [B]), whatever the padding side.

    The reward is read there rather than where `pad_token_id` first occurs: with pad set to EOS, an EOS inside a
    chat-templated prompt would otherwise put both answers' scores on the same prompt token.
    """
    mask = attention_mask.long()
    if bool((mask.sum(dim=1) == 0).any()):
        raise ValueError("every row needs at least one attended token")
    positions = torch.arange(mask.shape[1], device=mask.device).expand_as(mask)
    return (positions * mask).argmax(dim=1)


def scores_at_last_token(per_token_scores: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Per-token scores [B, T] (or [B, T, 1]) read at each row's last attended token -> [B]."""
    scores = per_token_scores.squeeze(-1) if per_token_scores.dim() == 3 else per_token_scores
    index = last_attended_index(attention_mask).to(scores.device)
    return scores.gather(1, index.unsqueeze(1)).squeeze(1)


def _mean_of_group_means(values: torch.Tensor, group_ids: torch.Tensor) -> torch.Tensor:
    """Average `values` within each group, then average the group means."""
    _, dense_ids = torch.unique(group_ids, return_inverse=True)
    n_groups = int(dense_ids.max().item()) + 1
    sums = torch.zeros(n_groups, dtype=values.dtype, device=values.device).index_add(0, dense_ids, values)
    counts = torch.zeros(n_groups, dtype=values.dtype, device=values.device).index_add(
        0, dense_ids, torch.ones_like(values)
    )
    return (sums / counts).mean()


def pairwise_accuracy(chosen: torch.Tensor, rejected: torch.Tensor, tie_credit: float = 0.5) -> float:
    """Share of pairs where chosen scores above rejected; exact ties earn `tie_credit`."""
    if chosen.numel() == 0:
        raise ValueError("pairwise_accuracy needs at least one pair")
    wins = (chosen > rejected).to(torch.float64)
    ties = (chosen == rejected).to(torch.float64)
    return float((wins + tie_credit * ties).mean().item())


def masked_mean(values: torch.Tensor, mask: torch.Tensor, dim: Optional[int] = None) -> torch.Tensor:
    """Mean of `values` where `mask` is true (over `dim`, or everything)."""
    mask = mask.to(values.dtype)
    if dim is None:
        return (values * mask).sum() / mask.sum()
    return (values * mask).sum(dim) / mask.sum(dim)


def masked_var(values: torch.Tensor, mask: torch.Tensor, unbiased: bool = True) -> torch.Tensor:
    """Variance of `values` where `mask` is true, Bessel-corrected when `unbiased`."""
    mean = masked_mean(values, mask)
    variance = masked_mean((values - mean) ** 2, mask)
    if unbiased:
        count = mask.to(values.dtype).sum()
        if count <= 1:
            raise ValueError("unbiased masked variance needs at least two unmasked values")
        variance = variance * count / (count - 1)
    return variance


def masked_whiten(values: torch.Tensor, mask: torch.Tensor, shift_mean: bool = True, eps: float = 1e-8) -> torch.Tensor:
    """Scale `values` to unit masked variance, and to zero masked mean when `shift_mean`."""
    mean = masked_mean(values, mask)
    variance = masked_var(values, mask)
    whitened = (values - mean) * torch.rsqrt(variance + eps)
    if not shift_mean:
        whitened = whitened + mean
    return whitened


def last_valid_index(mask: torch.Tensor) -> torch.Tensor:
    """Index of the last true entry of each row of a [B, T] mask (0 for an empty row)."""
    positions = torch.arange(mask.shape[1], device=mask.device).expand_as(mask)
    return torch.where(mask.bool(), positions, torch.zeros_like(positions)).max(dim=1).values


def kl_penalized_rewards(
    logprobs: torch.Tensor,
    ref_logprobs: torch.Tensor,
    scores: torch.Tensor,
    mask: torch.Tensor,
    kl_coef: float,
    has_eos: Optional[torch.Tensor] = None,
    missing_eos_penalty: Optional[float] = None,
) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per-token rewards -beta*(logp - ref_logp) with the sequence score added on the last valid token.

    Returns (rewards, per-token kl, the scores actually used, i.e. after the missing-EOS penalty).
    """
    mask_f = mask.to(logprobs.dtype)
    kl = (logprobs - ref_logprobs) * mask_f
    rewards = -kl_coef * kl
    scores = scores.to(rewards.dtype)
    if missing_eos_penalty is not None:
        if has_eos is None:
            raise ValueError("missing_eos_penalty needs has_eos")
        scores = scores - missing_eos_penalty * (~has_eos.bool()).to(scores.dtype)
    rows = torch.arange(rewards.shape[0], device=rewards.device)
    rewards = rewards.clone()
    rewards[rows, last_valid_index(mask)] += scores
    return rewards * mask_f, kl, scores


def generalized_advantage_estimation(
    rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float, lam: float
) -> Tuple[torch.Tensor, torch.Tensor]:
    """GAE advantages and returns (= advantages + values) over [B, T] tensors; masked steps are terminal."""
    mask_f = mask.to(values.dtype)
    values = values * mask_f
    rewards = rewards * mask_f
    steps = rewards.shape[1]
    advantages = torch.zeros_like(rewards)
    running = torch.zeros_like(rewards[:, 0])
    for t in reversed(range(steps)):
        next_mask = mask_f[:, t + 1] if t + 1 < steps else torch.zeros_like(running)
        next_value = values[:, t + 1] * next_mask if t + 1 < steps else torch.zeros_like(running)
        delta = rewards[:, t] + gamma * next_value - values[:, t]
        running = delta + gamma * lam * next_mask * running
        advantages[:, t] = running
    advantages = advantages * mask_f
    return advantages, (advantages + values) * mask_f


def ppo_policy_loss(
    logprobs: torch.Tensor,
    old_logprobs: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    clip_range: float,
) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Clipped surrogate loss; returns (loss, clip fraction, approximate KL 0.5*E[(logp-old)^2])."""
    log_ratio = logprobs - old_logprobs
    ratio = torch.exp(log_ratio)
    unclipped = -advantages * ratio
    clipped = -advantages * torch.clamp(ratio, 1.0 - clip_range, 1.0 + clip_range)
    loss = masked_mean(torch.max(unclipped, clipped), mask)
    clipfrac = masked_mean((clipped > unclipped).to(logprobs.dtype), mask)
    approxkl = 0.5 * masked_mean(log_ratio ** 2, mask)
    return loss, clipfrac.detach(), approxkl.detach()


def clipped_value_loss(
    values: torch.Tensor,
    old_values: torch.Tensor,
    returns: torch.Tensor,
    mask: torch.Tensor,
    clip_range_value: float,
) -> Tuple[torch.Tensor, torch.Tensor]:
    """0.5 * masked mean of max(unclipped, clipped) squared error; returns (loss, value clip fraction)."""
    clipped_values = torch.max(torch.min(values, old_values + clip_range_value), old_values - clip_range_value)
    unclipped_error = (values - returns) ** 2
    clipped_error = (clipped_values - returns) ** 2
    loss = 0.5 * masked_mean(torch.max(unclipped_error, clipped_error), mask)
    clipfrac = masked_mean((clipped_error > unclipped_error).to(values.dtype), mask)
    return loss, clipfrac.detach()


class FixedKLController:
    """KL coefficient that never changes."""

    def __init__(self, kl_coef: float) -> None:
        self.value = float(kl_coef)

    def update(self, current_kl: float, n_steps: int) -> None:
        """Keep the coefficient as it is."""


class AdaptiveKLController:
    """Proportional KL controller of Ziegler et al. (2019): moves beta so that KL tracks `target`.

    `error_clip` bounds the proportional error; with the default horizon of a tenth of the run's episodes
    (`default_kl_horizon`), beta can then change by up to exp(10 * error_clip) over the run.
    """

    def __init__(self, init_kl_coef: float, target: float, horizon: int, error_clip: float = 0.2) -> None:
        if target <= 0 or horizon <= 0 or error_clip <= 0:
            raise ValueError("adaptive KL needs a positive target, horizon and error clip")
        self.value = float(init_kl_coef)
        self.target = float(target)
        self.horizon = int(horizon)
        self.error_clip = float(error_clip)

    def update(self, current_kl: float, n_steps: int) -> None:
        """Scale beta by 1 + clip(KL/target - 1, -error_clip, error_clip) * n_steps / horizon."""
        proportional_error = min(max(current_kl / self.target - 1.0, -self.error_clip), self.error_clip)
        self.value *= 1.0 + proportional_error * n_steps / self.horizon


def default_kl_horizon(steps: int, batch_size: int) -> int:
    """A tenth of the run's episodes, so the adaptive controller's reach scales with the run's length."""
    return max(1, (steps * batch_size) // 10)
