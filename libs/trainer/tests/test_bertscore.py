"""BERTScore: greedy matching, best-of-references, the project tokenizer, and the `bertscore` command."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer.bertscore import best_of_references, greedy_match, load_items, per_language_means, per_model_means, score_items  # noqa: E402
from clinrank_trainer.bertscore_encoders import BuiltinEncoder  # noqa: E402
from clinrank_trainer.errors import UsageError  # noqa: E402
from clinrank_trainer.metric_tokens import normalise_arabic, tokenize  # noqa: E402

TRAINER = Path(__file__).resolve().parents[1]


def slow_greedy(candidate, reference):
    """Loop-by-loop BERTScore as written in Zhang et al. (2020), eq. 1–3, for cross-checking."""
    def cosine(u, v):
        return sum(a * b for a, b in zip(u, v)) / (sum(a * a for a in u) ** 0.5 * sum(b * b for b in v) ** 0.5)

    cand, ref = candidate.tolist(), reference.tolist()
    recall = sum(max(cosine(r, c) for c in cand) for r in ref) / len(ref)
    precision = sum(max(cosine(c, r) for r in ref) for c in cand) / len(cand)
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_greedy_matching_agrees_with_a_slow_loop():
    generator = torch.Generator().manual_seed(3)
    for n, m in [(1, 1), (3, 5), (7, 2)]:
        candidate, reference = torch.randn(n, 6, generator=generator), torch.randn(m, 6, generator=generator)
        scores = greedy_match(candidate, reference)
        expected = slow_greedy(candidate, reference)
        assert (scores.precision, scores.recall, scores.f1) == pytest.approx(expected, abs=1e-9)


def test_hand_computed_two_dimensional_case():
    # candidate tokens e1, e2; reference token e1 only.
    # P = mean(max cos) over candidate = (1 + 0) / 2 = 0.5; R = cos(e1, e1) = 1; F = 2·0.5·1 / 1.5 = 2/3.
    scores = greedy_match(torch.tensor([[1.0, 0.0], [0.0, 2.0]]), torch.tensor([[3.0, 0.0]]))
    assert (scores.precision, scores.recall, scores.f1) == pytest.approx((0.5, 1.0, 2 / 3))


def test_empty_side_scores_zero():
    assert greedy_match(torch.zeros(0, 4), torch.ones(2, 4)).f1 == 0.0


def test_precision_and_recall_swap_when_candidate_and_reference_swap():
    encoder = BuiltinEncoder(seed=1)
    cand, ref = encoder.embed(["take ibuprofen with food twice a day", "ibuprofen with food"])
    forward, backward = greedy_match(cand, ref), greedy_match(ref, cand)
    assert forward.precision == pytest.approx(backward.recall, abs=1e-9)
    assert forward.recall == pytest.approx(backward.precision, abs=1e-9)
    assert forward.precision != pytest.approx(forward.recall, abs=1e-3)  # the swap is not trivially symmetric


def test_identical_texts_score_one_even_when_batched_with_longer_texts():
    encoder = BuiltinEncoder(seed=0)
    texts = ["rest and drink water", "a much longer answer about rest, water, fever and when to see a doctor"]
    alone = encoder.embed(texts[:1])[0]
    batched = encoder.embed(texts)[0]
    assert greedy_match(alone, batched).f1 == pytest.approx(1.0, abs=1e-5)


def test_best_reference_is_kept():
    encoder = BuiltinEncoder(seed=0)
    cand, far, same = encoder.embed(["metformin with meals", "see a cardiologist soon", "metformin with meals"])
    scores, index = best_of_references(cand, [far, same])
    assert index == 1
    assert scores.f1 == pytest.approx(1.0, abs=1e-5)
    assert greedy_match(cand, far).f1 < scores.f1


def test_arabic_normalisation_and_tokenizer_rule():
    assert normalise_arabic("أَحْمَد") == "احمد"
    assert normalise_arabic("مـــصر إلى") == "مصر الي"
    assert tokenize("Take 5mg 阿司匹林, ok?") == ["take", "5mg", "阿", "司", "匹", "林", "ok"]
    assert tokenize("カタカナと ひらがな") == ["カ", "タ", "カ", "ナ", "と", "ひ", "ら", "が", "な"]
    encoder = BuiltinEncoder(seed=0)
    # Diacritics, tatweel and alef/yaa variants vanish before encoding, so these score as identical texts.
    voweled, plain = encoder.embed(["أَحْمَد يشـرب الماء عَلى مهل", "احمد يشرب الماء علي مهل"])
    assert greedy_match(voweled, plain).f1 == pytest.approx(1.0, abs=1e-5)


def test_per_model_means_average_items():
    rows = [{"model": "b", "precision": 0.2, "recall": 0.4, "f1": 0.3}, {"model": "b", "precision": 0.4, "recall": 0.6, "f1": 0.5},
            {"model": "a", "precision": 1.0, "recall": 1.0, "f1": 1.0}]
    means = per_model_means(rows)
    assert list(means) == ["a", "b"]
    # b: P = (0.2 + 0.4) / 2 = 0.3, R = (0.4 + 0.6) / 2 = 0.5, F = (0.3 + 0.5) / 2 = 0.4
    assert means["b"] == pytest.approx({"precision": 0.3, "recall": 0.5, "f1": 0.4, "n": 2})


def test_per_language_means_split_each_model_by_language_and_skip_unlabelled_rows():
    rows = [{"model": "b", "language": "ar", "precision": 0.2, "recall": 0.4, "f1": 0.3},
            {"model": "b", "language": "en", "precision": 0.4, "recall": 0.6, "f1": 0.5},
            {"model": "a", "language": "ar", "precision": 1.0, "recall": 0.8, "f1": 0.9},
            {"model": "a", "language": "ar", "precision": 0.5, "recall": 0.4, "f1": 0.45},
            {"model": "a", "language": "", "precision": 0.0, "recall": 0.0, "f1": 0.0}]
    means = per_language_means(rows)
    assert list(means) == ["ar", "en"]
    assert list(means["ar"]) == ["a", "b"] and list(means["en"]) == ["b"]
    # a in ar: P = (1.0 + 0.5) / 2 = 0.75, R = (0.8 + 0.4) / 2 = 0.6, F = (0.9 + 0.45) / 2 = 0.675; the "" row is not counted
    assert means["ar"]["a"] == pytest.approx({"precision": 0.75, "recall": 0.6, "f1": 0.675, "n": 2})
    assert means["en"]["b"] == pytest.approx({"precision": 0.4, "recall": 0.6, "f1": 0.5, "n": 1})


def write_lines(path: Path, lines):
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def test_bad_input_line_names_file_and_line(tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [{"id": 1, "model": "m", "prediction": "x", "references": ["y"]},
                                               {"id": 2, "model": "m", "prediction": "x", "references": []}])
    with pytest.raises(UsageError, match=r"in.jsonl:2: references must be a non-empty list"):
        load_items(path)


def test_score_items_keeps_input_order_and_best_reference(tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [
        {"id": "q1", "model": "m1", "language": "en", "prediction": "drink water", "references": ["rest", "drink water"]},
        {"id": "q2", "model": "m2", "language": "zh", "prediction": "多喝水", "references": ["多喝水"]},
    ])
    rows = score_items(load_items(path), BuiltinEncoder(seed=0), batch_size=1)
    assert [row["id"] for row in rows] == ["q1", "q2"]
    assert rows[0]["best_reference"] == 1
    assert rows[0]["f1"] == pytest.approx(1.0, abs=1e-5) and rows[1]["f1"] == pytest.approx(1.0, abs=1e-5)


def run_cli(*args):
    env = {**os.environ, "PYTHONPATH": str(TRAINER)}
    return subprocess.run([sys.executable, "-m", "clinrank_trainer", "bertscore", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_writes_items_and_per_model_metrics(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [
        {"id": "1", "model": "base", "language": "en", "prediction": "see a doctor", "references": ["see a doctor"]},
        {"id": "2", "model": "tuned", "language": "ar", "prediction": "اشرب الماء", "references": ["اشرب الماء كثيرا"]},
        {"id": "3", "model": "tuned", "language": "en", "prediction": "rest", "references": ["rest well"]},
    ])
    result = run_cli("--input", source, "--output", tmp_path / "out", "--batch-size", 2)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {event["type"] for event in events} <= {"metric", "log", "artifact", "done"}
    assert events[-1]["type"] == "done"
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text())
    assert metrics["idf"] is False and metrics["rescale_with_baseline"] is False
    assert metrics["models"]["base"]["f1"] == pytest.approx(1.0, abs=1e-5)
    assert metrics["models"]["tuned"]["n"] == 2
    items = [json.loads(line) for line in (tmp_path / "out" / "bertscore.jsonl").read_text().splitlines()]
    tuned = [item["f1"] for item in items if item["model"] == "tuned"]
    assert metrics["models"]["tuned"]["f1"] == pytest.approx(sum(tuned) / 2)
    assert 0 < tuned[0] < 1  # the reference has a word the prediction lacks
    assert any(event.get("bertscore/tuned/f1") is not None for event in events if event["type"] == "metric")
    assert list(metrics["by_language"]) == ["ar", "en"]
    def alone(item):  # a language with one item of a model: its means are that item's scores
        return pytest.approx({"precision": item["precision"], "recall": item["recall"], "f1": item["f1"], "n": 1})
    assert metrics["by_language"]["ar"] == {"tuned": alone(items[1])}
    assert metrics["by_language"]["en"] == {"base": alone(items[0]), "tuned": alone(items[2])}


@pytest.mark.parametrize("extra, message", [
    (["--layer", "9"], "--layer must be between 0 and 2"),
    (["--batch-size", "0"], "--batch-size"),
    (["--device", "tpu"], "--device"),
    (["--encoder", "/nonexistent/encoder"], "--encoder"),
])
def test_cli_bad_options_exit_2(tmp_path, extra, message):
    source = write_lines(tmp_path / "in.jsonl", [{"id": "1", "model": "m", "prediction": "a", "references": ["a"]}])
    result = run_cli("--input", source, "--output", tmp_path / "out", *extra)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_missing_input_exits_2(tmp_path):
    result = run_cli("--input", tmp_path / "none.jsonl", "--output", tmp_path / "out")
    assert result.returncode == 2 and "none.jsonl" in result.stderr
