"""KL control options and reporting: horizon default, controller choice, band, log lines and the run summary."""
from pathlib import Path

import pytest

from guards import import_torch_or_skip

import_torch_or_skip()

from clinrank_trainer.ppo_config import (PPOOptions, describe_kl_control, kl_band, kl_horizon,  # noqa: E402
                                         kl_progress, make_kl_controller, summarize_run)
from clinrank_trainer.rlhf_math import AdaptiveKLController, FixedKLController  # noqa: E402


def options(**overrides):
    return PPOOptions(prompts=Path("p"), reward_model=Path("r"), output=Path("o"), **overrides)


def test_horizon_defaults_to_a_tenth_of_the_episodes_and_can_be_set():
    assert kl_horizon(options(steps=200, batch_size=16)) == 320
    assert kl_horizon(options(steps=200, batch_size=16, kl_horizon=10000)) == 10000


def test_controller_follows_the_options():
    assert isinstance(make_kl_controller(options()), FixedKLController)
    adaptive = make_kl_controller(options(adaptive_kl=True, steps=50, batch_size=8, target_kl=3, kl_coef=0.1))
    assert isinstance(adaptive, AdaptiveKLController)
    assert (adaptive.horizon, adaptive.target, adaptive.value, adaptive.error_clip) == (40, 3.0, 0.1, 1.0)


def test_band_and_log_lines_name_target_band_and_beta():
    adaptive = options(adaptive_kl=True, target_kl=3, kl_coef=0.005, steps=200)
    assert kl_band(adaptive) == (1.5, 4.5)
    assert describe_kl_control(adaptive) == ("KL control: adaptive, target 3 (band 1.5-4.5), beta starts at 0.005, "
                                             "horizon 320 episodes, error clip 1")
    assert describe_kl_control(options(kl_coef=0.05)).startswith("KL control: fixed beta 0.05")
    metrics = {"objective/kl": 2.5, "objective/kl_coef": 0.0123, "objective/scores": 0.25}
    lines = [kl_progress(step, adaptive, metrics) for step in range(1, 201)]
    assert sum(line is not None for line in lines) == 10
    assert lines[199] == "step 200/200: KL 2.50 (band 1.5-4.5), beta 0.0123, normalised score 0.250"
    assert kl_progress(7, options(steps=7), metrics) == "step 7/7: KL 2.50, beta 0.0123, normalised score 0.250"


def test_summary_reports_the_band_and_the_path_of_beta():
    history = [{"objective/kl": kl, "objective/kl_coef": beta, "objective/scores": score, "objective/raw_scores": score}
               for kl, beta, score in [(0.5, 0.5, -1.0), (9.0, 0.4, 0.0), (3.0, 0.3, 0.5), (4.0, 0.35, 1.0)]]
    summary = summarize_run(history, options(adaptive_kl=True, target_kl=3, kl_coef=0.5, steps=4))
    assert (summary["kl_band_low"], summary["kl_band_high"]) == (1.5, 4.5)
    assert summary["kl_last_quarter"] == 4.0 and summary["kl_last_quarter_in_band"] is True
    assert (summary["initial_kl_coef"], summary["final_kl_coef"], summary["min_kl_coef"]) == (0.5, 0.35, 0.3)
    assert summary["kl_max"] == 9.0 and summary["kl_horizon"] == 6
    assert summary["scores_first_quarter"] == -1.0 and summary["scores_last_quarter"] == 1.0
    assert summarize_run(history, options(kl_coef=0.5))["kl_horizon"] is None
    with pytest.raises(ValueError):
        summarize_run([], options())
