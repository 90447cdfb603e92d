"""LiveQA-Med 2017 graded answers as ranking groups, question-level splits, and the lexical baseline.

Not part of `clinrank_trainer`: used by learning_check.py, the trainer's tests and bench/ppo-kl-control.py, which put
libs/trainer and libs/trainer/scripts on sys.path.
"""
from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from clinrank_trainer.data import read_json_lines
from clinrank_trainer.errors import UsageError
from clinrank_trainer.tokenizer import split_words

VALID_GRADES = (1, 2, 3, 4)
NOT_ON_SCALE_GRADE = -2  # the dataset marks some answers -2; it is not a quality grade and is never used


def default_liveqa_dir() -> Path:
    """$CLINRANK_DATA_DIR/liveqa-med-2017, else ../shared/data/liveqa-med-2017 next to the repository."""
    root = os.environ.get("CLINRANK_DATA_DIR")
    if root:
        return Path(root) / "liveqa-med-2017"
    repository = Path(__file__).resolve().parents[3]
    return repository.parent / "shared" / "data" / "liveqa-med-2017"


def question_prompt(question: Dict) -> str:
    """The question as the clinician saw it: subject line, then the message."""
    return f"{question['subject']}\n{question['message']}".strip()


def load_liveqa_rankings(directory: Path) -> Tuple[List[Dict], Dict[str, int]]:
    """Ranking rows ({qid, prompt, completions, ranking}) per question, best grade first, ties grouped."""
    questions = {row["qid"]: row for _, row in read_json_lines(directory / "questions.jsonl")}
    graded: Dict[int, List[Tuple[int, str]]] = {}
    counts = {"judgments": 0, "excluded_not_on_scale": 0}
    for line, row in read_json_lines(directory / "judgments.jsonl"):
        counts["judgments"] += 1
        grade = row.get("grade")
        if grade == NOT_ON_SCALE_GRADE:
            counts["excluded_not_on_scale"] += 1
            continue
        if grade not in VALID_GRADES:
            raise UsageError(f"{directory / 'judgments.jsonl'}:{line}: grade {grade!r} is not on the 1..4 scale")
        if row.get("qid") not in questions:
            raise UsageError(f"{directory / 'judgments.jsonl'}:{line}: unknown qid {row.get('qid')!r}")
        graded.setdefault(row["qid"], []).append((grade, row["answer"]))
    rows = []
    for qid in sorted(graded):
        answers = graded[qid]
        grades = sorted({grade for grade, _ in answers}, reverse=True)
        if len(grades) < 2:
            continue
        ranking = [[i for i, (g, _) in enumerate(answers) if g == grade] for grade in grades]
        rows.append({"qid": qid, "prompt": question_prompt(questions[qid]),
                     "completions": [answer for _, answer in answers], "ranking": ranking,
                     "grades": [grade for grade, _ in answers],
                     "reference_answers": questions[qid].get("reference_answers", [])})
    return rows, counts


def split_by_question(rows: Sequence[Dict], eval_fraction: float, seed: int) -> Tuple[List[Dict], List[Dict]]:
    """Shuffle question ids with `seed` and hold out `eval_fraction` of them; no question lands in both."""
    qids = sorted({row["qid"] for row in rows})
    random.Random(seed).shuffle(qids)
    held_out = set(qids[: max(1, round(eval_fraction * len(qids)))])
    train = [row for row in rows if row["qid"] not in held_out]
    evaluation = [row for row in rows if row["qid"] in held_out]
    return train, evaluation


def k_fold_by_question(rows: Sequence[Dict], folds: int, seed: int) -> List[Tuple[List[Dict], List[Dict]]]:
    """Question-level k-fold splits (train, held-out)."""
    qids = sorted({row["qid"] for row in rows})
    random.Random(seed).shuffle(qids)
    splits = []
    for fold in range(folds):
        held_out = set(qids[fold::folds])
        splits.append(([r for r in rows if r["qid"] not in held_out], [r for r in rows if r["qid"] in held_out]))
    return splits


def lexical_overlap_score(question: str, answer: str) -> float:
    """Share of the question's distinct words that also occur in the answer."""
    question_words = {word for word in split_words(question) if word.isalnum()}
    if not question_words:
        return 0.0
    answer_words = set(split_words(answer))
    return len(question_words & answer_words) / len(question_words)


def ranking_rows_for_file(rows: Sequence[Dict]) -> List[Dict]:
    """Strip LiveQA bookkeeping so rows match the public ranking format."""
    return [{"prompt": r["prompt"], "completions": r["completions"], "ranking": r["ranking"]} for r in rows]
