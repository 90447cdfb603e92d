"""Uncertainty of a trained reward model on unlabelled items: the queue serves the least certain first."""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import torch

from clinrank_trainer.data import PreferenceGroup, _parse_prompt, read_json_lines
from clinrank_trainer.errors import UsageError
from clinrank_trainer.events import EventLog, _json_safe
from clinrank_trainer.utils import seed_everything

METHODS = ("gap", "mc-dropout")


@dataclass
class ScoreItem:
    """One unlabelled item: its id, prompt and responses (id, text) in import order."""

    id: str
    group: PreferenceGroup
    response_ids: List[str]


@dataclass
class ItemScore:
    """Per response, its reward; the smallest reward gap between two responses; the uncertainty (higher: less sure)."""

    id: str
    rewards: Dict[str, float]
    reward_gap: float
    score: float


def load_items(path: Path) -> List[ScoreItem]:
    """Items as the worker exports them: {"id", "prompt" (text or messages), "responses": [{"id", "text"}]}."""
    items = []
    for line, row in read_json_lines(path):
        where = f"{path}:{line}"
        if not isinstance(row.get("id"), str) or not row["id"]:
            raise UsageError(f"{where}: 'id' must be a non-empty string")
        prompt, messages = _parse_prompt(row, where)
        responses = row.get("responses")
        if not isinstance(responses, list) or len(responses) < 2 or not all(
                isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("text"), str)
                for r in responses):
            raise UsageError(f"{where}: 'responses' must list at least two {{id, text}} objects")
        texts = [r["text"] if r["text"].strip() else " " for r in responses]
        group = PreferenceGroup(prompt, texts, [], [], messages, line)
        items.append(ScoreItem(row["id"], group, [r["id"] for r in responses]))
    return items


def smallest_gap(rewards: Sequence[float]) -> float:
    """min |r_a − r_b| over every pair of responses."""
    return min(abs(a - b) for a, b in itertools.combinations(rewards, 2))


def largest_difference_variance(samples: torch.Tensor) -> float:
    """samples [passes, responses]: the largest variance, across passes, of a pair's reward difference."""
    return max(float((samples[:, a] - samples[:, b]).var(unbiased=False))
               for a, b in itertools.combinations(range(samples.shape[1]), 2))


@torch.no_grad()
def score_items(backend, items: Sequence[ScoreItem], batch_size: int, method: str = "gap",
                passes: int = 8) -> List[ItemScore]:
    """Score items with `backend`. 'gap': uncertainty = −(smallest reward gap), with dropout off. 'mc-dropout':
    uncertainty = the largest variance of a pair's reward difference over `passes` forward passes with dropout on."""
    if method not in METHODS:
        raise UsageError(f"--method must be one of {', '.join(METHODS)}, got {method!r}")
    if method == "mc-dropout" and not any(isinstance(m, torch.nn.Dropout) and m.p > 0 for m in backend.model.modules()):
        raise UsageError("--method mc-dropout: the model has no dropout (a built-in model needs --layers 1 or more); "
                         "use --method gap")
    scores: List[ItemScore] = []
    for start in range(0, len(items), batch_size):
        chunk = items[start:start + batch_size]
        batch = backend.encode([item.group for item in chunk]).to(backend.device)
        backend.model.eval()
        rewards = backend.rewards(batch).float().cpu()
        samples = None
        if method == "mc-dropout":
            backend.model.train()
            samples = torch.stack([backend.rewards(batch).float().cpu() for _ in range(passes)])
            backend.model.eval()
        offset = 0
        for item in chunk:
            count = len(item.response_ids)
            own = rewards[offset:offset + count].tolist()
            gap = smallest_gap(own)
            score = -gap if samples is None else largest_difference_variance(samples[:, offset:offset + count])
            scores.append(ItemScore(item.id, dict(zip(item.response_ids, own)), gap, score))
            offset += count
    return scores


def write_scores(path: Path, scores: Sequence[ItemScore]) -> None:
    """One JSON line per item: {"id", "rewards", "reward_gap", "score"}."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for entry in scores:
            row = {"id": entry.id, "rewards": entry.rewards, "reward_gap": entry.reward_gap, "score": entry.score}
            handle.write(json.dumps(_json_safe(row), allow_nan=False) + "\n")


def run_scoring(model: Path, items_path: Path, output: Path, device: str, batch_size: int, max_length: Optional[int],
                method: str, passes: int, seed: int, events: EventLog) -> Dict[str, float]:
    """Load the reward model in `model`, score every item of `items_path` into `output`; returns summary metrics."""
    from clinrank_trainer.reward_trainer import RewardOptions, make_backend

    if not model.is_dir():
        raise UsageError(f"--model {model}: not a directory")
    seed_everything(seed)
    items = load_items(items_path)
    options = RewardOptions(train=None, eval=items_path, output=output.parent, base_model=model, device=device,
                            max_length=max_length or 0, eval_only=True)
    backend = make_backend(options, [], torch.device(device))
    scores = score_items(backend, items, batch_size, method, passes)
    write_scores(output, scores)
    events.artifact(output, "uncertainty")
    values = sorted(entry.score for entry in scores)
    metrics = {"items_scored": len(scores), "method": method, "backend": backend.name,
               "score_min": values[0], "score_median": values[len(values) // 2], "score_max": values[-1]}
    events.metric(**{k: v for k, v in metrics.items() if not isinstance(v, str)})
    return metrics
