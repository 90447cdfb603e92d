"""PPO's KL control on LiveQA-Med with the built-in CPU models, through the command line (issue 19's targets).

`ppo --steps 200 --adaptive-kl --target-kl 3` must end with the last-quarter KL inside the band 3 ± 1.5 and the
normalised score of the last quarter above the first, whether beta starts far too low (0.005: it must rise) or far
too high (0.5: it must fall). The defaults must give a rising reward. The two adaptive runs go in parallel.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guards import import_torch_or_skip, liveqa_dir_or_skip

import_torch_or_skip()

from learning_check import compare_on_split, write_split  # noqa: E402
from liveqa import load_liveqa_rankings, split_by_question  # noqa: E402

TRAINER = Path(__file__).resolve().parents[1]
TARGET, LOW, HIGH = 3.0, 1.5, 4.5
SEED = "2"


@pytest.fixture(scope="module")
def liveqa_inputs(tmp_path_factory):
    rows, _ = load_liveqa_rankings(liveqa_dir_or_skip())
    train, held_out = split_by_question(rows, 0.25, 0)
    work = tmp_path_factory.mktemp("kl-control")
    compare_on_split(train, held_out, work, 0)
    return write_split(train, work, "prompts"), work / "reward-model", work


def start_ppo(inputs, name, *options):
    prompts, reward_model, work = inputs
    output = work / name
    command = [sys.executable, "-m", "clinrank_trainer", "ppo", "--prompts", str(prompts), "--reward-model",
               str(reward_model), "--output", str(output), "--seed", SEED, *options]
    # one thread each: the tiny models gain nothing from more, and the runs share the machine's cores
    env = {**os.environ, "PYTHONPATH": str(TRAINER), "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env), output


def finish(started):
    process, output = started
    stdout, stderr = process.communicate(timeout=1800)
    assert process.returncode == 0, stderr
    metrics = json.loads((output / "metrics.json").read_text())
    steps = [json.loads(line) for line in stdout.splitlines() if '"objective/kl"' in line]
    print(json.dumps({k: metrics[k] for k in ("kl_last_quarter", "kl_max", "initial_kl_coef", "final_kl_coef",
                                             "scores_first_quarter", "scores_last_quarter")}))
    return metrics, steps, stderr


@pytest.fixture(scope="module")
def adaptive_runs(liveqa_inputs):
    common = ["--steps", "200", "--adaptive-kl", "--target-kl", str(TARGET)]
    started = [start_ppo(liveqa_inputs, f"beta-{beta}", *common, "--kl-coef", beta) for beta in ("0.005", "0.5")]
    return dict(zip(("low", "high"), (finish(run) for run in started)))


@pytest.mark.parametrize("start", ["low", "high"])
def test_adaptive_kl_holds_the_band_and_the_reward_rises(adaptive_runs, start):
    metrics, steps, _ = adaptive_runs[start]
    assert len(steps) == 200
    assert (metrics["kl_band_low"], metrics["kl_band_high"]) == (LOW, HIGH)
    assert LOW <= metrics["kl_last_quarter"] <= HIGH and metrics["kl_last_quarter_in_band"]
    assert metrics["scores_last_quarter"] > metrics["scores_first_quarter"]


def test_beta_rises_from_too_low_and_falls_from_too_high(adaptive_runs):
    low, _, _ = adaptive_runs["low"]
    high, _, _ = adaptive_runs["high"]
    assert low["final_kl_coef"] > 3 * low["initial_kl_coef"]
    assert high["final_kl_coef"] < high["initial_kl_coef"] / 2
    assert low["kl_horizon"] == 200 * 16 // 10


def test_the_log_reports_target_band_and_beta(adaptive_runs):
    _, steps, stderr = adaptive_runs["low"]
    assert "KL control: adaptive, target 3 (band 1.5-4.5), beta starts at 0.005, horizon 320 episodes" in stderr
    progress = [line for line in stderr.splitlines() if line.startswith("step ")]
    assert len(progress) == 10 and progress[-1].startswith("step 200/200: KL ")
    assert "(band 1.5-4.5), beta " in progress[-1]
    assert steps[-1]["objective/kl_coef"] != steps[0]["objective/kl_coef"]


def test_the_defaults_give_a_rising_reward(liveqa_inputs):
    metrics, steps, stderr = finish(start_ppo(liveqa_inputs, "defaults"))
    assert "KL control: fixed beta" in stderr
    assert metrics["scores_last_quarter"] > metrics["scores_first_quarter"]
    assert metrics["raw_scores_last_quarter"] > metrics["raw_scores_first_quarter"]
