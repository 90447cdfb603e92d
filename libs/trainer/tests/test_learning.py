"""Seeded learning checks on LiveQA-Med: the reward model beats lexical overlap, PPO raises the score within KL."""
import io
import json

import pytest

from guards import import_torch_or_skip, liveqa_dir_or_skip

import_torch_or_skip()

from clinrank_trainer.events import EventLog  # noqa: E402
from clinrank_trainer.ppo_config import PPOOptions  # noqa: E402
from clinrank_trainer.ppo_trainer import train_builtin_ppo  # noqa: E402
from learning_check import compare_on_split, write_split  # noqa: E402
from liveqa import load_liveqa_rankings, split_by_question  # noqa: E402

SEED = 0


@pytest.fixture(scope="module")
def liveqa(tmp_path_factory):
    rows, counts = load_liveqa_rankings(liveqa_dir_or_skip())
    return rows, counts


@pytest.fixture(scope="module")
def held_out_comparison(liveqa, tmp_path_factory):
    rows, _ = liveqa
    train, held_out = split_by_question(rows, 0.25, SEED)
    work = tmp_path_factory.mktemp("learning")
    return compare_on_split(train, held_out, work, SEED), work, train


def test_liveqa_excludes_the_off_scale_grade_and_keeps_737_pairs(liveqa):
    rows, counts = liveqa
    assert counts == {"judgments": 692, "excluded_not_on_scale": 18}
    assert all(grade in (1, 2, 3, 4) for row in rows for grade in row["grades"])
    from clinrank_trainer.rlhf_math import ranking_to_pairs
    assert sum(len(ranking_to_pairs(row["ranking"])) for row in rows) == 737


def test_split_by_question_never_shares_a_question(liveqa):
    rows, _ = liveqa
    train, held_out = split_by_question(rows, 0.25, SEED)
    assert held_out and train
    assert not {r["qid"] for r in train} & {r["qid"] for r in held_out}
    assert len(train) + len(held_out) == len(rows)


def test_reward_model_beats_lexical_baseline_on_held_out_questions(held_out_comparison):
    result, _, _ = held_out_comparison
    print(json.dumps(result))
    assert result["eval_pairs"] > 100
    assert result["reward_model_accuracy"] > result["lexical_baseline_accuracy"]


def test_ppo_raises_reward_model_score_while_kl_stays_in_the_band(held_out_comparison, tmp_path):
    _, work, train = held_out_comparison
    prompts = write_split(train, tmp_path, "prompts")
    options = PPOOptions(prompts=prompts, reward_model=work / "reward-model", output=tmp_path / "ppo", steps=24,
                         batch_size=16, kl_coef=0.2, adaptive_kl=True, target_kl=6.0, kl_horizon=200, lr=1e-3,
                         sft_epochs=8, seed=SEED)
    stdout = io.StringIO()
    metrics = train_builtin_ppo(options, EventLog(options.output, stdout=stdout, stderr=io.StringIO()))
    steps = [json.loads(line) for line in stdout.getvalue().splitlines() if '"objective/kl"' in line]
    assert len(steps) == 24
    print(json.dumps(metrics))
    assert metrics["raw_scores_last_quarter"] > metrics["raw_scores_first_quarter"]
    # the adaptive controller holds the KL in target ± 50 % (it lowers beta while the KL is under the target)
    assert max(step["objective/kl"] for step in steps) < metrics["kl_band_high"] == 1.5 * options.target_kl
    assert metrics["final_kl_coef"] < options.kl_coef
    assert (options.output / "adapter_model.pt").is_file() and (options.output / "metrics.json").is_file()
    for key in ("objective/scores", "objective/rlhf_reward", "policy/clipfrac_avg", "policy/approxkl_avg",
                "loss/policy_avg", "loss/value_avg", "val/num_eos_tokens", "global_step"):
        assert key in steps[-1]
