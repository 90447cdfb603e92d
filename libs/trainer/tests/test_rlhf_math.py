"""Behavioural tests of rlhf_math, each function also checked against a slow loop-by-loop reference."""
import math
import random

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer import rlhf_math as rm  # noqa: E402


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def _random_mask(rows, cols, generator):
    """Prefix masks of random lengths (at least two valid tokens per row)."""
    lengths = torch.randint(2, cols + 1, (rows,), generator=generator)
    return torch.arange(cols).unsqueeze(0) < lengths.unsqueeze(1)


# ---------------------------------------------------------------- ranking_to_pairs
def test_ranking_of_four_gives_six_pairs_all_better_first():
    pairs = rm.ranking_to_pairs([2, 0, 3, 1])
    assert len(pairs) == 6
    assert set(pairs) == {(2, 0), (2, 3), (2, 1), (0, 3), (0, 1), (3, 1)}


def test_ranking_with_ties_pairs_only_across_groups():
    pairs = rm.ranking_to_pairs([[0, 2], 1, [3]])
    assert sorted(pairs) == [(0, 1), (0, 3), (1, 3), (2, 1), (2, 3)]


def test_ranking_matches_reference_for_random_rankings():
    rng = random.Random(0)
    for k in range(1, 8):
        order = list(range(k))
        rng.shuffle(order)
        expected = []
        for i in range(k):
            for j in range(i + 1, k):
                expected.append((order[i], order[j]))
        assert rm.ranking_to_pairs(order) == expected
        assert len(expected) == k * (k - 1) // 2


@pytest.mark.parametrize("bad", [[0, 0], [0, -1], [[], 1], [0, "1"], [True, 0]])
def test_ranking_rejects_malformed_input(bad):
    with pytest.raises(ValueError):
        rm.ranking_to_pairs(bad)


# ---------------------------------------------------------------- Bradley-Terry
def test_loss_at_equal_rewards_is_ln2():
    rewards = torch.zeros(4)
    pairs = torch.tensor(rm.ranking_to_pairs([0, 1, 2, 3]))
    loss = rm.group_bradley_terry_loss(rewards, pairs, torch.zeros(6, dtype=torch.long))
    assert loss.item() == pytest.approx(math.log(2), abs=1e-6)


def test_loss_falls_as_winner_reward_rises():
    pairs = torch.tensor([[0, 1]])
    low = rm.group_bradley_terry_loss(torch.tensor([0.5, 0.0]), pairs)
    high = rm.group_bradley_terry_loss(torch.tensor([3.0, 0.0]), pairs)
    assert high < low < math.log(2)


def _reference_bt_loss(rewards, pairs, groups, margins, coef):
    per_group = {}
    for index, (w, l) in enumerate(pairs):
        margin = margins[index] if margins is not None else 0.0
        per_group.setdefault(groups[index], []).append(-math.log(_sigmoid(rewards[w] - rewards[l] - margin)))
    loss = sum(sum(v) / len(v) for v in per_group.values()) / len(per_group)
    centring = sum((rewards[w] + rewards[l]) ** 2 for w, l in pairs) / len(pairs)
    return loss + coef * centring


@pytest.mark.parametrize("use_margin,coef", [(False, 0.0), (True, 0.0), (True, 0.01), (False, 0.5)])
def test_group_bt_loss_matches_reference(use_margin, coef):
    generator = torch.Generator().manual_seed(1)
    rewards = torch.randn(9, generator=generator, dtype=torch.float64)
    # prompt 0 owns completions 0..3 (6 pairs), prompt 1 owns 4..5 (1 pair), prompt 2 owns 6..8 (3 pairs)
    pairs, groups = [], []
    for group, (start, k) in enumerate([(0, 4), (4, 2), (6, 3)]):
        for w, l in rm.ranking_to_pairs(list(range(k))):
            pairs.append((start + w, start + l))
            groups.append(group)
    margins = torch.rand(len(pairs), generator=generator, dtype=torch.float64) if use_margin else None
    got = rm.group_bradley_terry_loss(
        rewards, torch.tensor(pairs), torch.tensor(groups), margins=margins, center_rewards_coef=coef
    )
    expected = _reference_bt_loss(
        rewards.tolist(), pairs, groups, margins.tolist() if margins is not None else None, coef
    )
    assert got.item() == pytest.approx(expected, rel=1e-9)


def test_centring_term_is_trls_per_pair_term_by_hand():
    # Two pairs: (3, -1) and (2, 2). TRL: coef * mean((r_c + r_r)^2) = 0.1 * (4 + 16) / 2 = 1.0.
    # The batch-mean version would give 0.1 * ((3 - 1 + 2 + 2) / 4)^2 = 0.225; (3, -3) alone would give 0 there.
    rewards = torch.tensor([3.0, -1.0, 2.0, 2.0], dtype=torch.float64)
    pairs = torch.tensor([[0, 1], [2, 3]])
    plain = rm.group_bradley_terry_loss(rewards, pairs)
    centred = rm.group_bradley_terry_loss(rewards, pairs, center_rewards_coef=0.1)
    assert (centred - plain).item() == pytest.approx(1.0, rel=1e-12)
    apart = torch.tensor([3.0, -3.0], dtype=torch.float64)
    shift = rm.group_bradley_terry_loss(apart, torch.tensor([[0, 1]]), center_rewards_coef=0.1) \
        - rm.group_bradley_terry_loss(apart, torch.tensor([[0, 1]]))
    assert shift.item() == pytest.approx(0.0, abs=1e-12)


def test_score_is_read_at_the_last_attended_token_not_the_first_pad():
    # Right padding with pad = EOS = 7: row 0 has an EOS inside the prompt (position 2); the first-pad rule would read
    # position 1 for it. The mask says its last real token is position 4.
    input_ids = torch.tensor([[5, 6, 7, 8, 9, 7, 7], [5, 6, 8, 7, 7, 7, 7]])
    mask = torch.tensor([[1, 1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 0, 0]])
    assert rm.last_attended_index(mask).tolist() == [4, 2]
    first_pad_minus_one = (torch.eq(input_ids, 7).int().argmax(-1) - 1).tolist()
    assert first_pad_minus_one == [1, 2]
    per_token = torch.arange(14, dtype=torch.float32).view(2, 7, 1)
    assert rm.scores_at_last_token(per_token, mask).tolist() == [4.0, 9.0]
    # Left padding works the same way.
    left = torch.tensor([[0, 0, 1, 1], [1, 1, 1, 1]])
    assert rm.last_attended_index(left).tolist() == [3, 3]
    with pytest.raises(ValueError, match="at least one attended token"):
        rm.last_attended_index(torch.tensor([[0, 0]]))


def test_group_averaging_weights_prompts_equally():
    rewards = torch.tensor([0.0, 0.0, 0.0, 0.0, 5.0, 0.0])
    pairs = torch.tensor(rm.ranking_to_pairs([0, 1, 2, 3]) + [(4, 5)])
    groups = torch.tensor([0] * 6 + [1])
    grouped = rm.group_bradley_terry_loss(rewards, pairs, groups).item()
    flat = rm.group_bradley_terry_loss(rewards, pairs).item()
    easy = -math.log(_sigmoid(5.0))
    assert grouped == pytest.approx((math.log(2) + easy) / 2, rel=1e-6)
    assert flat == pytest.approx((6 * math.log(2) + easy) / 7, rel=1e-6)


# ---------------------------------------------------------------- accuracy
def test_pairwise_accuracy_matches_reference_and_counts_ties_as_half():
    chosen = torch.tensor([1.0, 2.0, 0.0, 3.0, 0.5])
    rejected = torch.tensor([0.0, 3.0, 0.0, 1.0, 0.5])
    expected = sum(1.0 if c > r else 0.5 if c == r else 0.0 for c, r in zip(chosen.tolist(), rejected.tolist())) / 5
    assert rm.pairwise_accuracy(chosen, rejected) == pytest.approx(expected)
    assert rm.pairwise_accuracy(chosen, rejected, tie_credit=0.0) == pytest.approx(2 / 5)


# ---------------------------------------------------------------- masked statistics
def _reference_masked_values(values, mask):
    return [v for row_v, row_m in zip(values.tolist(), mask.tolist()) for v, m in zip(row_v, row_m) if m]


def test_masked_mean_and_var_match_reference():
    generator = torch.Generator().manual_seed(2)
    values = torch.randn(5, 7, generator=generator, dtype=torch.float64)
    mask = _random_mask(5, 7, generator)
    kept = _reference_masked_values(values, mask)
    mean = sum(kept) / len(kept)
    biased = sum((v - mean) ** 2 for v in kept) / len(kept)
    unbiased = sum((v - mean) ** 2 for v in kept) / (len(kept) - 1)
    assert rm.masked_mean(values, mask).item() == pytest.approx(mean, rel=1e-12)
    assert rm.masked_var(values, mask, unbiased=False).item() == pytest.approx(biased, rel=1e-12)
    assert rm.masked_var(values, mask).item() == pytest.approx(unbiased, rel=1e-12)
    row_means = rm.masked_mean(values, mask, dim=1)
    for row in range(5):
        row_kept = [v for v, m in zip(values[row].tolist(), mask[row].tolist()) if m]
        assert row_means[row].item() == pytest.approx(sum(row_kept) / len(row_kept), rel=1e-12)


def test_masked_var_of_single_value_refuses_bessel_correction():
    with pytest.raises(ValueError):
        rm.masked_var(torch.tensor([1.0, 2.0]), torch.tensor([True, False]))


def test_whitening_gives_mean_zero_and_variance_one_on_masked_values():
    generator = torch.Generator().manual_seed(3)
    values = 4.0 + 3.0 * torch.randn(6, 9, generator=generator, dtype=torch.float64)
    mask = _random_mask(6, 9, generator)
    whitened = rm.masked_whiten(values, mask)
    assert rm.masked_mean(whitened, mask).item() == pytest.approx(0.0, abs=1e-9)
    assert rm.masked_var(whitened, mask).item() == pytest.approx(1.0, rel=1e-6)


def test_whitening_matches_reference_with_and_without_shift():
    generator = torch.Generator().manual_seed(4)
    values = torch.randn(3, 5, generator=generator, dtype=torch.float64) * 2 + 1
    mask = _random_mask(3, 5, generator)
    kept = _reference_masked_values(values, mask)
    mean = sum(kept) / len(kept)
    std = math.sqrt(sum((v - mean) ** 2 for v in kept) / (len(kept) - 1) + 1e-8)
    for shift in (True, False):
        got = rm.masked_whiten(values, mask, shift_mean=shift)
        for row in range(3):
            for col in range(5):
                expected = (values[row, col].item() - mean) / std + (0.0 if shift else mean)
                assert got[row, col].item() == pytest.approx(expected, rel=1e-9, abs=1e-12)


# ---------------------------------------------------------------- KL-penalised rewards
def test_kl_rewards_match_reference_and_score_lands_on_last_valid_token():
    generator = torch.Generator().manual_seed(5)
    logprobs = -torch.rand(4, 6, generator=generator, dtype=torch.float64)
    ref_logprobs = -torch.rand(4, 6, generator=generator, dtype=torch.float64)
    mask = _random_mask(4, 6, generator)
    scores = torch.randn(4, generator=generator, dtype=torch.float64)
    has_eos = torch.tensor([True, False, True, False])
    beta, penalty = 0.3, 1.5
    rewards, kl, used = rm.kl_penalized_rewards(
        logprobs, ref_logprobs, scores, mask, beta, has_eos=has_eos, missing_eos_penalty=penalty
    )
    for row in range(4):
        valid = [c for c in range(6) if mask[row, c]]
        last = valid[-1]
        score = scores[row].item() - (0.0 if has_eos[row] else penalty)
        assert used[row].item() == pytest.approx(score)
        for col in range(6):
            expected = 0.0
            if mask[row, col]:
                expected = -beta * (logprobs[row, col].item() - ref_logprobs[row, col].item())
                assert kl[row, col].item() == pytest.approx(logprobs[row, col].item() - ref_logprobs[row, col].item())
                if col == last:
                    expected += score
            assert rewards[row, col].item() == pytest.approx(expected, abs=1e-12)


def test_kl_rewards_without_penalty_keep_scores():
    logprobs = torch.zeros(2, 3)
    rewards, _, used = rm.kl_penalized_rewards(logprobs, logprobs, torch.tensor([1.0, 2.0]), torch.ones(2, 3), 0.1)
    assert used.tolist() == [1.0, 2.0]
    assert rewards[:, -1].tolist() == [1.0, 2.0]


# ---------------------------------------------------------------- GAE
def _reference_gae(rewards, values, mask, gamma, lam):
    rows, cols = len(rewards), len(rewards[0])
    advantages = [[0.0] * cols for _ in range(rows)]
    returns = [[0.0] * cols for _ in range(rows)]
    for b in range(rows):
        length = sum(1 for m in mask[b] if m)
        running = 0.0
        for t in reversed(range(length)):
            next_value = values[b][t + 1] if t + 1 < length else 0.0
            delta = rewards[b][t] + gamma * next_value - values[b][t]
            running = delta + gamma * lam * running
            advantages[b][t] = running
            returns[b][t] = running + values[b][t]
    return advantages, returns


@pytest.mark.parametrize("gamma,lam", [(1.0, 1.0), (0.99, 0.95), (0.9, 0.0), (1.0, 0.5)])
def test_gae_matches_reference(gamma, lam):
    generator = torch.Generator().manual_seed(6)
    rewards = torch.randn(5, 8, generator=generator, dtype=torch.float64)
    values = torch.randn(5, 8, generator=generator, dtype=torch.float64)
    mask = _random_mask(5, 8, generator)
    advantages, returns = rm.generalized_advantage_estimation(rewards, values, mask, gamma, lam)
    ref_adv, ref_ret = _reference_gae(rewards.tolist(), values.tolist(), mask.tolist(), gamma, lam)
    assert torch.allclose(advantages, torch.tensor(ref_adv, dtype=torch.float64), atol=1e-10)
    assert torch.allclose(returns, torch.tensor(ref_ret, dtype=torch.float64), atol=1e-10)


def test_gae_with_gamma_and_lambda_one_returns_reward_to_go():
    generator = torch.Generator().manual_seed(7)
    rewards = torch.randn(3, 6, generator=generator, dtype=torch.float64)
    values = torch.randn(3, 6, generator=generator, dtype=torch.float64)
    mask = _random_mask(3, 6, generator)
    _, returns = rm.generalized_advantage_estimation(rewards, values, mask, 1.0, 1.0)
    for b in range(3):
        length = int(mask[b].sum())
        for t in range(length):
            reward_to_go = sum(rewards[b, s].item() for s in range(t, length))
            assert returns[b, t].item() == pytest.approx(reward_to_go, abs=1e-9)
        assert returns[b, length:].abs().sum().item() == 0.0


# ---------------------------------------------------------------- PPO losses
def _reference_policy_loss(logprobs, old, advantages, mask, eps):
    losses, clipped_flags, sq = [], [], []
    for b in range(len(logprobs)):
        for t in range(len(logprobs[0])):
            if not mask[b][t]:
                continue
            ratio = math.exp(logprobs[b][t] - old[b][t])
            unclipped = -advantages[b][t] * ratio
            clipped = -advantages[b][t] * min(max(ratio, 1 - eps), 1 + eps)
            losses.append(max(unclipped, clipped))
            clipped_flags.append(1.0 if clipped > unclipped else 0.0)
            sq.append((logprobs[b][t] - old[b][t]) ** 2)
    n = len(losses)
    return sum(losses) / n, sum(clipped_flags) / n, 0.5 * sum(sq) / n


def test_ppo_policy_loss_matches_reference():
    generator = torch.Generator().manual_seed(8)
    old = -torch.rand(4, 5, generator=generator, dtype=torch.float64) * 2
    logprobs = old + 0.4 * torch.randn(4, 5, generator=generator, dtype=torch.float64)
    advantages = torch.randn(4, 5, generator=generator, dtype=torch.float64)
    mask = _random_mask(4, 5, generator)
    loss, clipfrac, approxkl = rm.ppo_policy_loss(logprobs, old, advantages, mask, 0.2)
    ref = _reference_policy_loss(logprobs.tolist(), old.tolist(), advantages.tolist(), mask.tolist(), 0.2)
    assert (loss.item(), clipfrac.item(), approxkl.item()) == pytest.approx(ref, rel=1e-9)
    assert 0.0 < clipfrac.item() < 1.0


@pytest.mark.parametrize("log_ratio,advantage,expect_clipped", [
    (math.log(1.5), 1.0, True),    # ratio above 1+eps with positive advantage: clipped
    (math.log(0.5), -1.0, True),   # ratio below 1-eps with negative advantage: clipped
    (math.log(1.1), 1.0, False),   # inside the trust region
    (math.log(0.5), 1.0, False),   # outside, but the unclipped objective is the pessimistic one
])
def test_ppo_clipping_zeroes_the_gradient_only_outside_the_trust_region(log_ratio, advantage, expect_clipped):
    logprobs = torch.tensor([[log_ratio]], dtype=torch.float64, requires_grad=True)
    loss, clipfrac, _ = rm.ppo_policy_loss(
        logprobs, torch.zeros(1, 1, dtype=torch.float64), torch.tensor([[advantage]], dtype=torch.float64),
        torch.ones(1, 1), 0.2,
    )
    loss.backward()
    assert clipfrac.item() == (1.0 if expect_clipped else 0.0)
    assert (logprobs.grad.abs().item() == 0.0) == expect_clipped


def test_clipped_value_loss_matches_reference():
    generator = torch.Generator().manual_seed(9)
    old = torch.randn(3, 6, generator=generator, dtype=torch.float64)
    values = old + torch.randn(3, 6, generator=generator, dtype=torch.float64)
    returns = torch.randn(3, 6, generator=generator, dtype=torch.float64)
    mask = _random_mask(3, 6, generator)
    loss, clipfrac = rm.clipped_value_loss(values, old, returns, mask, 0.2)
    errors, flags = [], []
    for b in range(3):
        for t in range(6):
            if not mask[b, t]:
                continue
            v, o, r = values[b, t].item(), old[b, t].item(), returns[b, t].item()
            vc = min(max(v, o - 0.2), o + 0.2)
            errors.append(max((v - r) ** 2, (vc - r) ** 2))
            flags.append(1.0 if (vc - r) ** 2 > (v - r) ** 2 else 0.0)
    assert loss.item() == pytest.approx(0.5 * sum(errors) / len(errors), rel=1e-9)
    assert clipfrac.item() == pytest.approx(sum(flags) / len(flags))


# ---------------------------------------------------------------- KL controllers
def test_adaptive_kl_controller_matches_reference_and_tracks_target():
    controller = rm.AdaptiveKLController(0.2, target=6.0, horizon=100)
    beta = 0.2
    for kl in [12.0, 7.0, 6.0, 3.0, 0.0, 5.9]:
        controller.update(kl, n_steps=10)
        beta *= 1 + min(max(kl / 6.0 - 1, -0.2), 0.2) * 10 / 100
        assert controller.value == pytest.approx(beta)
    grow = rm.AdaptiveKLController(0.1, 1.0, 10)
    grow.update(5.0, 1)
    shrink = rm.AdaptiveKLController(0.1, 1.0, 10)
    shrink.update(0.1, 1)
    assert grow.value > 0.1 > shrink.value


def test_fixed_kl_controller_never_moves():
    controller = rm.FixedKLController(0.05)
    controller.update(100.0, 10)
    assert controller.value == 0.05


def test_adaptive_kl_controller_error_clip_bounds_each_move():
    wide = rm.AdaptiveKLController(0.1, target=2.0, horizon=100, error_clip=0.5)
    wide.update(20.0, n_steps=10)
    assert wide.value == pytest.approx(0.1 * (1 + 0.5 * 10 / 100))
    wide.update(0.0, n_steps=10)
    assert wide.value == pytest.approx(0.1 * 1.05 * (1 - 0.5 * 10 / 100))
    with pytest.raises(ValueError):
        rm.AdaptiveKLController(0.1, 1.0, 10, error_clip=0.0)


def test_default_horizon_lets_beta_move_an_order_of_magnitude_in_a_run():
    steps, batch = 200, 16
    horizon = rm.default_kl_horizon(steps, batch)
    assert horizon == 320
    rising, falling = (rm.AdaptiveKLController(0.01, 1.0, horizon, error_clip=0.5) for _ in range(2))
    for _ in range(steps):
        rising.update(100.0, batch)
        falling.update(0.0, batch)
    assert rising.value > 0.01 * 10 and falling.value < 0.01 / 10
    assert rm.default_kl_horizon(1, 1) == 1
