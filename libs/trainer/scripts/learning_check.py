#!/usr/bin/env python3
"""Print, as JSON, the CPU reward model's held-out pairwise accuracy next to the lexical baseline on LiveQA-Med.

Usage: /usr/bin/python3 libs/trainer/scripts/learning_check.py [--seed 0] [--folds 5]
Reports the single 75/25 question split used by the test and a question-level k-fold average.
"""
import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinrank_trainer.learning_check import compare_on_split, liveqa_rows  # noqa: E402
from clinrank_trainer.liveqa import default_liveqa_dir, k_fold_by_question, load_liveqa_rankings, split_by_question  # noqa: E402


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
