"""Uncertainty of held-out reward-model accuracy: a bootstrap over prompts (pairs of one prompt are not independent)."""
from __future__ import annotations

import random
from typing import Dict, Sequence, Tuple


def pooled_accuracy(wins: Sequence[float], pairs: Sequence[int]) -> float:
    """Wins over pairs, pooled across prompts (the same number `eval_accuracy` reports)."""
    total = sum(pairs)
    if total == 0:
        raise ValueError("accuracy needs at least one pair")
    return sum(wins) / total


def bootstrap_accuracy_interval(wins: Sequence[float], pairs: Sequence[int], rounds: int = 2000, level: float = 0.95,
                                seed: int = 0) -> Tuple[float, float]:
    """Percentile interval of pooled accuracy when whole prompts are resampled with replacement.

    `wins[i]` counts the pairs of prompt i ranked right (a tie counts half), `pairs[i]` its pairs.
    """
    if len(wins) != len(pairs) or not pairs:
        raise ValueError("bootstrap needs one (wins, pairs) entry per prompt, and at least one prompt")
    if rounds < 1 or not 0 < level < 1:
        raise ValueError("bootstrap needs rounds >= 1 and 0 < level < 1")
    sampler = random.Random(seed)
    count = len(pairs)
    estimates = []
    for _ in range(rounds):
        chosen = [sampler.randrange(count) for _ in range(count)]
        estimates.append(sum(wins[i] for i in chosen) / max(1, sum(pairs[i] for i in chosen)))
    estimates.sort()
    tail = (1.0 - level) / 2.0
    low = estimates[min(rounds - 1, int(tail * rounds))]
    high = estimates[min(rounds - 1, int((1.0 - tail) * rounds))]
    return low, high


def accuracy_with_interval(wins: Sequence[float], pairs: Sequence[int], seed: int = 0) -> Dict[str, float]:
    """eval_accuracy plus its 95% bootstrap interval over prompts, as metrics.json fields."""
    low, high = bootstrap_accuracy_interval(wins, pairs, seed=seed)
    return {"eval_accuracy": pooled_accuracy(wins, pairs), "eval_accuracy_ci_low": low, "eval_accuracy_ci_high": high,
            "eval_accuracy_ci_level": 0.95, "eval_accuracy_ci_method": "bootstrap over prompts (2000 resamples)"}
