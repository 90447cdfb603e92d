"""`score`: a trained reward model's uncertainty on unlabelled items, as the worker runs it."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guards import import_torch_or_skip

import_torch_or_skip()

import torch  # noqa: E402

from clinrank_trainer.scorer import largest_difference_variance, smallest_gap  # noqa: E402

TRAINER = Path(__file__).resolve().parents[1]
DRUGS = ["aspirin", "metformin", "insulin", "warfarin", "ibuprofen", "statins"]


def run_cli(*args):
    env = {**os.environ, "PYTHONPATH": str(TRAINER)}
    return subprocess.run([sys.executable, "-m", "clinrank_trainer", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=300)


def preferences(path: Path, prompts: int) -> Path:
    with open(path, "w") as handle:
        for index in range(prompts):
            drug = DRUGS[index % len(DRUGS)]
            handle.write(json.dumps({"prompt": f"question {index}: how should I take {drug} safely?",
                                     "chosen": f"take {drug} with food and ask your doctor",
                                     "rejected": "drink water and rest a lot"}) + "\n")
    return path


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    work = tmp_path_factory.mktemp("score")
    output = work / "rm"
    result = run_cli("reward-model", "--train", preferences(work / "train.jsonl", 24), "--eval",
                     preferences(work / "eval.jsonl", 6), "--output", output, "--epochs", "6", "--seed", "1", "--layers", "1",
                     "--dim", "16")
    assert result.returncode == 0, result.stderr
    return output


def items_file(path: Path) -> Path:
    rows = [
        {"id": "clear", "prompt": "how should I take aspirin safely?", "responses": [
            {"id": "c1", "text": "take aspirin with food and ask your doctor"},
            {"id": "c2", "text": "drink water and rest a lot"}]},
        {"id": "tied", "prompt": [{"role": "user", "content": "how should I take insulin safely?"}], "responses": [
            {"id": "t1", "text": "take insulin with food and ask your doctor"},
            {"id": "t2", "text": "take insulin with food and ask your doctor"},
            {"id": "t3", "text": "drink water and rest a lot"}]},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_gap_and_variance_helpers():
    assert smallest_gap([0.0, 1.0, 0.25]) == pytest.approx(0.25)
    samples = torch.tensor([[0.0, 1.0], [0.0, 3.0]])  # differences -1 and -3: variance 1
    assert largest_difference_variance(samples) == pytest.approx(1.0)


def test_scores_every_item_and_ranks_a_tie_least_certain(model, tmp_path):
    output = tmp_path / "uncertainty.jsonl"
    result = run_cli("score", "--model", model, "--items", items_file(tmp_path / "items.jsonl"), "--output", output)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[-1] == {"type": "done", "command": "score", "metrics": pytest.approx(events[-1]["metrics"])}
    assert events[-1]["metrics"]["items_scored"] == 2
    assert any(event["type"] == "artifact" and event["kind"] == "uncertainty" for event in events)
    scores = {row["id"]: row for row in map(json.loads, output.read_text().splitlines())}
    assert set(scores) == {"clear", "tied"}
    assert set(scores["tied"]["rewards"]) == {"t1", "t2", "t3"}
    # Two identical answers: the model cannot tell them apart, so the item is the least certain possible.
    assert scores["tied"]["reward_gap"] == pytest.approx(0.0, abs=1e-6)
    assert scores["tied"]["score"] == pytest.approx(0.0, abs=1e-6)
    clear = scores["clear"]
    assert clear["reward_gap"] == pytest.approx(abs(clear["rewards"]["c1"] - clear["rewards"]["c2"]))
    assert clear["score"] == pytest.approx(-clear["reward_gap"])
    assert clear["rewards"]["c1"] > clear["rewards"]["c2"]  # the trained preference
    assert scores["tied"]["score"] > clear["score"]
    # The model directory's training metrics are left alone.
    assert (model / "metrics.jsonl").read_text().strip()


def test_mc_dropout_gives_a_non_negative_variance(model, tmp_path):
    output = tmp_path / "mc.jsonl"
    result = run_cli("score", "--model", model, "--items", items_file(tmp_path / "items.jsonl"), "--output", output,
                     "--method", "mc-dropout", "--passes", "6")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in output.read_text().splitlines()]
    assert all(row["score"] >= 0 for row in rows)
    assert any(row["score"] > 0 for row in rows)


def test_refuses_an_item_with_one_response(model, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "prompt": "q", "responses": [{"id": "r", "text": "a"}]}) + "\n")
    result = run_cli("score", "--model", model, "--items", bad, "--output", tmp_path / "out.jsonl")
    assert result.returncode == 2
    assert "responses' must list at least two" in result.stderr
