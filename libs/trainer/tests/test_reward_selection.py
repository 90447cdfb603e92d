"""Reward models on LiveQA-Med: eval every epoch, best epoch kept by eval loss, early stopping, accuracy interval."""
import io
import json

import pytest

from guards import import_torch_or_skip, liveqa_dir_or_skip

import_torch_or_skip()

from clinrank_trainer.events import EventLog  # noqa: E402
from clinrank_trainer.reward_trainer import RewardOptions, train_reward_model  # noqa: E402
from learning_check import write_split  # noqa: E402
from liveqa import load_liveqa_rankings, split_by_question  # noqa: E402

EPOCHS = 24  # long enough for the built-in model to overfit 49 training questions


@pytest.fixture(scope="module")
def split_files(tmp_path_factory):
    rows, _ = load_liveqa_rankings(liveqa_dir_or_skip())
    train, held_out = split_by_question(rows, 0.25, 0)
    work = tmp_path_factory.mktemp("selection")
    return write_split(train, work, "train"), write_split(held_out, work, "eval"), work


def train(split_files, name, **overrides):
    train_file, eval_file, work = split_files
    options = RewardOptions(train=train_file, eval=eval_file, output=work / name, seed=0, epochs=EPOCHS, **overrides)
    stdout = io.StringIO()
    metrics = train_reward_model(options, EventLog(options.output, stdout=stdout, stderr=io.StringIO()))
    events = [json.loads(line) for line in stdout.getvalue().splitlines()]
    epochs = [e for e in events if e["type"] == "metric" and "eval_loss" in e]
    return metrics, epochs, events, options


@pytest.fixture(scope="module")
def best_and_last(split_files):
    return train(split_files, "best"), train(split_files, "last", keep="last")


def test_every_epoch_is_evaluated(best_and_last):
    (_, epochs, _, _), _ = best_and_last
    assert [e["epoch"] for e in epochs] == [float(n) for n in range(1, EPOCHS + 1)]


def test_best_keeps_the_lowest_eval_loss_epoch(best_and_last):
    (metrics, epochs, events, options), _ = best_and_last
    losses = [e["eval_loss"] for e in epochs]
    best = min(range(len(losses)), key=losses.__getitem__)
    print(json.dumps({k: metrics[k] for k in ("best_epoch", "best_eval_loss", "eval_loss", "eval_accuracy")}))
    assert best + 1 < EPOCHS, "the run did not overfit, so this test cannot tell best from last"
    assert metrics["best_epoch"] == best + 1 and metrics["keep"] == "best"
    assert metrics["eval_loss"] == pytest.approx(losses[best], rel=1e-6)
    assert metrics["eval_loss"] < losses[-1]
    assert any(e["type"] == "log" and f"kept epoch {best + 1}" in e["message"] for e in events)
    reloaded = RewardOptions(train=None, eval=options.eval, output=options.output / "re-eval",
                             base_model=options.output, eval_only=True)
    again = train_reward_model(reloaded, EventLog(None, stdout=io.StringIO(), stderr=io.StringIO()))
    assert again["eval_loss"] == pytest.approx(losses[best], rel=1e-5)


def test_last_keeps_the_final_epoch(best_and_last):
    _, (metrics, epochs, _, _) = best_and_last
    assert metrics["keep"] == "last" and metrics["epochs_run"] == EPOCHS
    assert metrics["eval_loss"] == pytest.approx(epochs[-1]["eval_loss"], rel=1e-6)


def test_accuracy_has_a_bootstrap_interval_over_prompts(best_and_last):
    (metrics, _, _, _), _ = best_and_last
    assert metrics["eval_prompts"] == 16
    assert metrics["eval_accuracy_ci_low"] < metrics["eval_accuracy"] < metrics["eval_accuracy_ci_high"]
    assert metrics["eval_accuracy_ci_high"] - metrics["eval_accuracy_ci_low"] > 0.05  # 16 prompts: wide


def test_few_validation_prompts_are_warned_about(best_and_last):
    (_, _, events, _), _ = best_and_last
    assert any(e["type"] == "log" and "only 16 validation prompts" in e["message"] for e in events)


def test_patience_stops_early_and_still_keeps_the_best(split_files, best_and_last):
    (full, _, _, _), _ = best_and_last
    metrics, epochs, events, _ = train(split_files, "patient", patience=2)
    assert metrics["stopped_early"] and metrics["epochs_run"] == full["best_epoch"] + 2
    assert len(epochs) == metrics["epochs_run"]
    assert metrics["best_epoch"] == full["best_epoch"]
    assert metrics["eval_loss"] == pytest.approx(full["eval_loss"], rel=1e-6)
    assert any(e["type"] == "log" and e["message"].startswith("early stop after epoch") for e in events)
