#!/usr/bin/env python3
"""Print, as JSON, the CPU reward model's held-out pairwise accuracy next to the lexical baseline on LiveQA-Med.

Usage: /usr/bin/python3 libs/trainer/scripts/learning_check.py [--seed 0] [--folds 5]
Reports the single 75/25 question split used by the test and a question-level k-fold average. The functions below
are also imported by the trainer's tests and bench/ppo-kl-control.py (with libs/trainer/scripts on sys.path).
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

TRAINER_ROOT = Path(__file__).resolve().parents[1]
if str(TRAINER_ROOT) not in sys.path:
    sys.path.insert(0, str(TRAINER_ROOT))

from clinrank_trainer.data import load_preferences, write_json_lines  # noqa: E402
from clinrank_trainer.events import EventLog  # noqa: E402
from clinrank_trainer.reward_trainer import RewardOptions, train_reward_model  # noqa: E402
from clinrank_trainer.rlhf_math import pairwise_accuracy  # noqa: E402
from liveqa import (default_liveqa_dir, k_fold_by_question, lexical_overlap_score, load_liveqa_rankings,  # noqa: E402
                    ranking_rows_for_file, split_by_question)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=default_liveqa_dir())
    args = parser.parse_args()
    if not (args.data_dir / "judgments.jsonl").is_file():
        print(f"learning_check: error: LiveQA-Med data not found in {args.data_dir}", file=sys.stderr)
        return 2
    started = time.time()
    rows = liveqa_rows(args.data_dir)
    _, counts = load_liveqa_rankings(args.data_dir)
    with tempfile.TemporaryDirectory() as work:
        train, held_out = split_by_question(rows, 0.25, args.seed)
        single = compare_on_split(train, held_out, Path(work) / "split", args.seed)
        folds = [compare_on_split(tr, ev, Path(work) / f"fold{i}", args.seed)
                 for i, (tr, ev) in enumerate(k_fold_by_question(rows, args.folds, args.seed))]
    pairs = sum(f["eval_pairs"] for f in folds)

    def pooled(key):
        return sum(f[key] * f["eval_pairs"] for f in folds) / pairs

    print(json.dumps({
        "dataset": "liveqa-med-2017", "questions_with_pairs": len(rows), **counts, "seed": args.seed,
        "split_75_25": single,
        "k_fold": {"folds": args.folds, "pairs": pairs,
                   "reward_model_accuracy": pooled("reward_model_accuracy"),
                   "lexical_baseline_accuracy": pooled("lexical_baseline_accuracy"),
                   "folds_won_by_reward_model": sum(f["reward_model_accuracy"] > f["lexical_baseline_accuracy"]
                                                    for f in folds)},
        "seconds": round(time.time() - started, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
