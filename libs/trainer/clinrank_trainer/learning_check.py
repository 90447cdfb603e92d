"""LiveQA-Med learning check: reward model vs lexical-overlap baseline on questions held out from training."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Dict, List, Sequence

from clinrank_trainer.data import load_preferences, write_json_lines
from clinrank_trainer.events import EventLog
from clinrank_trainer.liveqa import lexical_overlap_score, load_liveqa_rankings, ranking_rows_for_file
from clinrank_trainer.reward_trainer import RewardOptions, train_reward_model
from clinrank_trainer.rlhf_math import pairwise_accuracy


def lexical_baseline_accuracy(eval_file: Path) -> float:
    """Pairwise accuracy of 'share of the question's words found in the answer' (ties count half)."""
    import torch

    chosen, rejected = [], []
    for group in load_preferences(eval_file):
        scores = [lexical_overlap_score(group.prompt, completion) for completion in group.completions]
        for winner, loser in group.pairs:
            chosen.append(scores[winner])
            rejected.append(scores[loser])
    return pairwise_accuracy(torch.tensor(chosen), torch.tensor(rejected))


def write_split(rows: Sequence[Dict], work_dir: Path, name: str) -> Path:
    """Write ranking rows to WORK/name.jsonl (a temporary directory, never the repository)."""
    path = work_dir / f"{name}.jsonl"
    write_json_lines(path, ranking_rows_for_file(rows))
    return path


def compare_on_split(train_rows: Sequence[Dict], eval_rows: Sequence[Dict], work_dir: Path, seed: int,
                     **option_overrides) -> Dict[str, float]:
    """Train on train_rows, evaluate both scorers on eval_rows."""
    assert not {r["qid"] for r in train_rows} & {r["qid"] for r in eval_rows}, "a question is in both splits"
    work_dir.mkdir(parents=True, exist_ok=True)
    train_file, eval_file = write_split(train_rows, work_dir, "train"), write_split(eval_rows, work_dir, "eval")
    options = RewardOptions(train=train_file, eval=eval_file, output=work_dir / "reward-model", seed=seed,
                            **option_overrides)
    metrics = train_reward_model(options, EventLog(None, stdout=io.StringIO(), stderr=io.StringIO()))
    return {"reward_model_accuracy": metrics["eval_accuracy"], "lexical_baseline_accuracy":
            lexical_baseline_accuracy(eval_file), "eval_pairs": metrics["eval_pairs"],
            "eval_questions": len(eval_rows), "train_questions": len(train_rows), "eval_loss": metrics["eval_loss"]}


def liveqa_rows(data_dir: Path) -> List[Dict]:
    """LiveQA ranking rows (grade -2 excluded)."""
    rows, _ = load_liveqa_rankings(data_dir)
    return rows
