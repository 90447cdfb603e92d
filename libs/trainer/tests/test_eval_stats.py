"""Bootstrap interval of held-out accuracy over prompts."""
import pytest

from clinrank_trainer.eval_stats import accuracy_with_interval, bootstrap_accuracy_interval, pooled_accuracy


def test_pooled_accuracy_weights_prompts_by_their_pairs():
    assert pooled_accuracy([3, 0.5], [4, 1]) == pytest.approx(3.5 / 5)
    with pytest.raises(ValueError):
        pooled_accuracy([0], [0])


def test_interval_brackets_the_estimate_and_is_reproducible():
    wins = [3, 1, 4, 0, 2, 5, 1, 2, 2.5, 3]
    pairs = [4, 3, 5, 2, 3, 6, 3, 3, 4, 4]
    low, high = bootstrap_accuracy_interval(wins, pairs, seed=1)
    point = pooled_accuracy(wins, pairs)
    assert low < point < high
    assert (low, high) == bootstrap_accuracy_interval(wins, pairs, seed=1)


def test_interval_narrows_with_more_prompts():
    wins, pairs = [3, 1, 2, 0, 4], [4, 3, 3, 2, 5]
    low, high = bootstrap_accuracy_interval(wins, pairs)
    wide_low, wide_high = bootstrap_accuracy_interval(wins * 8, pairs * 8)
    assert wide_high - wide_low < (high - low) * 0.6


def test_a_perfect_ranking_has_a_degenerate_interval():
    assert bootstrap_accuracy_interval([2, 3], [2, 3]) == (1.0, 1.0)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        bootstrap_accuracy_interval([], [])
    with pytest.raises(ValueError):
        bootstrap_accuracy_interval([1], [1, 2])
    with pytest.raises(ValueError):
        bootstrap_accuracy_interval([1], [1], level=1.5)


def test_metrics_fields_name_the_method():
    fields = accuracy_with_interval([1, 2], [2, 2])
    assert fields["eval_accuracy"] == pytest.approx(0.75)
    assert fields["eval_accuracy_ci_low"] <= 0.75 <= fields["eval_accuracy_ci_high"]
    assert "prompts" in fields["eval_accuracy_ci_method"]
