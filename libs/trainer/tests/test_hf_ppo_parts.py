"""PPO on a Hugging Face policy: the parts around the model, on CPU with tiny tensors (no transformers/peft)."""
import json
import math

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer import hf_ppo_parts as parts  # noqa: E402
from clinrank_trainer.data import PreferenceGroup, PromptExample  # noqa: E402
from clinrank_trainer.errors import UsageError  # noqa: E402
from clinrank_trainer.rlhf_math import masked_mean, masked_var  # noqa: E402


def test_policy_lora_settings_follow_the_spec():
    assert parts.policy_lora_config_kwargs() == {"task_type": "CAUSAL_LM", "r": 8, "lora_alpha": 32,
                                                 "lora_dropout": 0.1}


def _checkpoint(tmp_path, name="policy", **files):
    directory = tmp_path / name
    directory.mkdir()
    for file_name, payload in files.items():
        (directory / file_name.replace("__", ".")).write_text(json.dumps(payload))
    return directory


def test_validation_names_the_bad_option(tmp_path):
    good = _checkpoint(tmp_path, config__json={"model_type": "llama"})
    parts.validate_hf_ppo_options(good, None, 4, 2, 16, 64)  # accepted
    with pytest.raises(UsageError, match="no config.json"):
        parts.validate_hf_ppo_options(tmp_path / "missing", None, 4, 2, 16, 64)
    adapter = _checkpoint(tmp_path, "adapter", config__json={}, adapter_config__json={"task_type": "CAUSAL_LM"})
    with pytest.raises(UsageError, match="LoRA adapter directory"):
        parts.validate_hf_ppo_options(adapter, None, 4, 2, 16, 64)
    with pytest.raises(UsageError, match="--sft-epochs"):
        parts.validate_hf_ppo_options(good, 3, 4, 2, 16, 64)
    with pytest.raises(UsageError, match="--batch-size 1"):
        parts.validate_hf_ppo_options(good, None, 1, 2, 16, 64)


def test_reward_model_kind_supports_both_trainer_outputs_and_refuses_the_rest(tmp_path):
    from clinrank_trainer.models import REWARD_MODEL_TYPE

    builtin = _checkpoint(tmp_path, "builtin", config__json={"model_type": REWARD_MODEL_TYPE})
    adapter = _checkpoint(tmp_path, "adapter", adapter_config__json={"task_type": "SEQ_CLS", "peft_type": "LORA"})
    full = _checkpoint(tmp_path, "full", config__json={"architectures": ["Qwen2ForSequenceClassification"]})
    causal_adapter = _checkpoint(tmp_path, "causal", adapter_config__json={"task_type": "CAUSAL_LM"})
    causal_lm = _checkpoint(tmp_path, "lm", config__json={"architectures": ["Qwen2ForCausalLM"]})
    assert parts.reward_model_kind(builtin) == parts.REWARD_KIND_BUILTIN
    assert parts.reward_model_kind(adapter) == parts.REWARD_KIND_HF_ADAPTER
    assert parts.reward_model_kind(full) == parts.REWARD_KIND_HF_FULL
    with pytest.raises(UsageError, match="task_type CAUSAL_LM"):
        parts.reward_model_kind(causal_adapter)
    for refused in (causal_lm, tmp_path / "empty"):
        with pytest.raises(UsageError, match="--reward-model"):
            parts.reward_model_kind(refused)


def test_queries_keep_their_last_tokens_and_are_left_padded():
    ids, mask = parts.left_pad_queries([[5, 6, 7], [8]], pad_id=0, max_length=2)
    # [5, 6, 7] keeps its last 2 ids; [8] gets one pad on the left
    assert ids.tolist() == [[6, 7], [0, 8]]
    assert mask.tolist() == [[1, 1], [0, 1]]
    with pytest.raises(UsageError):
        parts.left_pad_queries([[1], []], pad_id=0, max_length=4)


def test_right_pad():
    ids, mask = parts.right_pad([[3], [4, 5]], pad_id=9)
    assert ids.tolist() == [[3, 9], [4, 5]] and mask.tolist() == [[1, 0], [1, 1]]


def test_response_mask_stops_after_the_first_eos_even_when_pad_equals_eos():
    eos = 2
    response = torch.tensor([[4, 2, 2, 2],    # EOS then padding that reuses the EOS id
                             [4, 5, 6, 7],    # ran out of tokens: no EOS, all valid
                             [2, 0, 0, 0]])   # EOS first
    mask, has_eos = parts.response_mask_from_generated(response, eos)
    assert mask.tolist() == [[True, True, False, False], [True, True, True, True], [True, False, False, False]]
    assert has_eos.tolist() == [True, False, True]


def test_position_ids_count_attended_tokens_only():
    mask = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 0]])
    # row 0: cumsum 0,0,1,2,3 minus 1 -> -1,-1,0,1,2, clamped -> 0,0,0,1,2
    # row 1: cumsum 1,2,3,4,4 minus 1 -> 0,1,2,3,3
    assert parts.position_ids_from_mask(mask).tolist() == [[0, 0, 0, 1, 2], [0, 1, 2, 3, 3]]


def test_sequence_inputs_join_query_and_response():
    inputs = parts.sequence_inputs(torch.tensor([[0, 7]]), torch.tensor([[0, 1]]), torch.tensor([[8, 2, 0]]),
                                   torch.tensor([[True, True, False]]))
    assert inputs["input_ids"].tolist() == [[0, 7, 8, 2, 0]]
    assert inputs["attention_mask"].tolist() == [[0, 1, 1, 1, 0]]
    assert inputs["position_ids"].tolist() == [[0, 0, 1, 2, 2]]


def test_response_logprobs_read_the_position_before_each_token():
    # query width 2, response of 2 tokens; vocab 3. Logits at position 1 predict response[0], position 2 response[1].
    logits = torch.zeros(1, 4, 3)
    logits[0, 1] = torch.tensor([0.0, math.log(2.0), 0.0])  # softmax = [1/4, 1/2, 1/4]
    response = torch.tensor([[1, 0]])
    mask = torch.tensor([[True, True]])
    logprobs = parts.response_logprobs_from_logits(logits, response, mask, query_width=2)
    # token 1 at step 0: log(1/2); step 1 reads position 2 (all zeros): log(1/3)
    assert logprobs[0].tolist() == pytest.approx([math.log(0.5), math.log(1 / 3)])
    # temperature 2 halves the logits: [0, ln 4, 0] / 2 -> [0, ln 2, 0] -> log(1/2) again
    logits[0, 1] = torch.tensor([0.0, math.log(4.0), 0.0])
    hot = parts.response_logprobs_from_logits(logits, response, mask, 2, temperature=2.0)
    assert float(hot[0, 0]) == pytest.approx(math.log(0.5))
    masked = parts.response_logprobs_from_logits(logits, response, torch.tensor([[True, False]]), 2)
    assert float(masked[0, 1]) == 0.0


def test_response_logprobs_match_a_loop_reference():
    generator = torch.Generator().manual_seed(3)
    logits = torch.randn(2, 6, 5, generator=generator)
    response = torch.randint(5, (2, 3), generator=generator)
    mask = torch.tensor([[True, True, False], [True, True, True]])
    fast = parts.response_logprobs_from_logits(logits, response, mask, query_width=3)
    for b in range(2):
        for t in range(3):
            row = logits[b, 3 - 1 + t]
            expected = float(row[response[b, t]] - torch.logsumexp(row, dim=0)) if mask[b, t] else 0.0
            assert float(fast[b, t]) == pytest.approx(expected, abs=1e-6)


def test_response_values_are_read_before_each_token():
    values = torch.arange(10.0).reshape(2, 5)  # query width 2, response width 3
    mask = torch.tensor([[True, True, False], [True, True, True]])
    # positions 1, 2, 3 of each row; the masked step is zeroed
    assert parts.response_values_from_sequence(values, mask, 2).tolist() == [[1.0, 2.0, 0.0], [6.0, 7.0, 8.0]]


def test_rollout_advantages_give_the_reward_to_go_without_kl_and_whiten():
    mask = torch.tensor([[True, True, False], [True, True, True]])
    zeros = torch.zeros(2, 3)
    logprobs = torch.tensor([[-1.0, -2.0, 0.0], [-1.0, -1.0, -1.0]])
    ref = torch.tensor([[-1.5, -2.0, 0.0], [-1.0, -3.0, -1.0]])
    scores = torch.tensor([1.0, 3.0])
    advantages, returns, kl, used = parts.rollout_advantages(logprobs, ref, scores, zeros, mask,
                                                             torch.tensor([True, True]), 0.0, 1.0, 1.0)
    # beta = 0, values 0, gamma = lam = 1: return at every valid token = the score placed on the last token
    assert returns.tolist() == [[1.0, 1.0, 0.0], [3.0, 3.0, 3.0]]
    assert kl.tolist() == [[0.5, 0.0, 0.0], [0.0, 2.0, 0.0]]  # logp - ref_logp on the mask
    assert float(masked_mean(advantages, mask)) == pytest.approx(0.0, abs=1e-6)
    assert float(masked_var(advantages, mask)) == pytest.approx(1.0, abs=1e-4)
    _, returns, _, used = parts.rollout_advantages(logprobs, ref, scores, zeros, mask, torch.tensor([True, False]),
                                                   0.5, 1.0, 1.0, missing_eos_penalty=1.0)
    assert used.tolist() == [1.0, 2.0]  # the row without EOS loses 1
    # row 0 with beta 0.5: rewards [-0.25, 1.0] -> reward-to-go [0.75, 1.0]
    assert returns[0, :2].tolist() == pytest.approx([0.75, 1.0])


def test_ppo_minibatch_loss_from_raw_model_outputs():
    query_width = 2
    logits = torch.zeros(1, 4, 4, requires_grad=True)  # uniform: logp = log(1/4) for every token
    response = torch.tensor([[0, 1]])
    mask = torch.tensor([[True, True]])
    old_logprobs = torch.full((1, 2), math.log(0.25))
    sequence_values = torch.tensor([[0.0, 0.5, 0.0, 9.0]], requires_grad=True)  # response values [0.5, 0.0]
    old_values = torch.tensor([[0.5, 0.0]])
    advantages = torch.tensor([[2.0, 0.0]])
    returns = torch.tensor([[1.5, 0.0]])
    loss, stats = parts.ppo_minibatch_loss(logits, sequence_values, response, mask, query_width, old_logprobs,
                                           old_values, advantages, returns, 0.2, 0.2, vf_coef=0.1)
    # ratio 1: policy loss = -mean(2, 0) = -1; value loss = 0.5 * mean((0.5 - 1.5)^2, 0) = 0.25
    assert stats["policy"] == pytest.approx(-1.0) and stats["value"] == pytest.approx(0.25)
    assert stats["clipfrac"] == 0.0 and stats["approxkl"] == 0.0
    assert float(loss) == pytest.approx(-1.0 + 0.1 * 0.25)
    loss.backward()
    assert logits.grad.abs().sum() > 0 and sequence_values.grad[0, 1] != 0
    assert sequence_values.grad[0, 3] == 0  # the last position predicts nothing in the response


def test_ppo_minibatch_loss_clips_a_large_ratio():
    logits = torch.zeros(1, 3, 4)
    response, mask = torch.tensor([[0]]), torch.tensor([[True]])
    old = torch.tensor([[math.log(0.25) - 0.5]])  # ratio e^0.5 = 1.65 > 1.2
    _, stats = parts.ppo_minibatch_loss(logits, torch.zeros(1, 3), response, mask, 2, old, torch.zeros(1, 1),
                                        torch.tensor([[1.0]]), torch.zeros(1, 1), 0.2, 0.2, 0.1)
    assert stats["clipfrac"] == 1.0
    assert stats["policy"] == pytest.approx(-1.2)  # -A * clip(ratio) = -1 * 1.2
    assert stats["approxkl"] == pytest.approx(0.5 * 0.25)  # 0.5 * (0.5)^2


def test_minibatches_cover_every_row_once():
    parts_list = parts.minibatch_indices(5, 2, torch.Generator().manual_seed(0))
    assert [len(p) for p in parts_list] == [3, 2]
    assert sorted(torch.cat(parts_list).tolist()) == [0, 1, 2, 3, 4]


def test_step_metrics_use_the_trl_names():
    kl = torch.tensor([[0.1, 0.2], [0.3, 0.0]])
    update = {"clipfrac": 0.1, "approxkl": 0.01, "policy": -0.2, "value": 0.3, "vf_clipfrac": 0.0}
    metrics = parts.ppo_step_metrics(3, 2, kl, torch.tensor([1.0, 2.0]), torch.tensor([5.0, 7.0]), 0.5, update,
                                     torch.tensor([True, False]), torch.tensor([[True, True], [True, False]]))
    for key in ("objective/kl", "objective/scores", "objective/rlhf_reward", "policy/clipfrac_avg",
                "policy/approxkl_avg", "loss/policy_avg", "loss/value_avg", "val/num_eos_tokens"):
        assert key in metrics
    assert metrics["objective/kl"] == pytest.approx(0.3)  # both rows sum to 0.3
    assert metrics["objective/rlhf_reward"] == pytest.approx(1.35)  # mean(1 - 0.15, 2 - 0.15)
    assert metrics["objective/raw_scores"] == 6.0 and metrics["val/num_eos_tokens"] == 1
    assert metrics["val/response_length"] == 1.5 and metrics["episode"] == 6


def test_score_head_prefers_the_trained_peft_copy():
    trained, frozen = torch.ones(1, 4), torch.zeros(1, 4)
    weight, bias = parts.pick_score_head({"base_model.model.model.layers.0.mlp.weight": torch.ones(4, 4),
                                          "base_model.model.score.original_module.weight": frozen,
                                          "base_model.model.score.modules_to_save.default.weight": trained})
    assert weight is trained and bias is None
    plain = torch.full((1, 4), 2.0)
    assert parts.pick_score_head({"score.weight": plain})[0] is plain
    assert parts.pick_score_head({"lm_head.weight": plain}) == (None, None)


def test_value_head_copies_a_matching_score_head_only():
    head = torch.nn.Linear(4, 1)
    assert parts.init_value_head(head, torch.full((1, 4), 0.5), None) == "reward-score-head"
    assert head.weight.tolist() == [[0.5] * 4] and head.bias.tolist() == [0.0]
    other = torch.nn.Linear(4, 1)
    before = other.weight.detach().clone()
    reason = parts.init_value_head(other, torch.ones(1, 8), None)
    assert reason.startswith("fresh:") and "(1, 8)" in reason
    assert torch.equal(other.weight, before)
    assert parts.init_value_head(other, None, None).startswith("fresh:")


def test_disable_dropout_zeroes_lora_style_dropouts():
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Dropout(0.1),
                                torch.nn.ModuleDict({"default": torch.nn.Dropout(0.1)}), torch.nn.Dropout(0.0))
    assert parts.disable_dropout(model) == 2
    assert all(m.p == 0 for m in model.modules() if isinstance(m, torch.nn.Dropout))


def test_score_normalization():
    mean, std = parts.score_normalization([torch.tensor([1.0, 3.0]), torch.tensor([5.0])])
    # mean 3; unbiased variance ((1-3)^2 + 0 + (5-3)^2) / 2 = 4 -> std 2
    assert (mean, std) == (pytest.approx(3.0), pytest.approx(2.0))


def test_builtin_reward_scorer_matches_the_reward_trainer_encoding(tmp_path):
    from clinrank_trainer.hf_ppo import BuiltinRewardScorer
    from clinrank_trainer.tiny_backend import TinyRewardBackend

    groups = [PreferenceGroup("how should I take aspirin", ["with food", "drink water"], [(0, 1)], [0.0]),
              PreferenceGroup("is metformin safe", ["check your kidneys first", "rest"], [(0, 1)], [0.0])]
    torch.manual_seed(0)
    backend = TinyRewardBackend.create(groups, 64, torch.device("cpu"), dim=8, layers=0, heads=2)
    backend.model.eval()
    backend.save(tmp_path / "rm")
    expected = backend.rewards(backend.encode(groups))  # rows: g0c0, g0c1, g1c0, g1c1
    scorer = BuiltinRewardScorer(tmp_path / "rm", torch.device("cpu"))
    examples = [PromptExample(g.prompt) for g in groups for _ in g.completions]
    got = scorer(examples, [c for g in groups for c in g.completions])
    assert got.tolist() == pytest.approx(expected.tolist(), abs=1e-5)
    assert parts.reward_model_kind(tmp_path / "rm") == parts.REWARD_KIND_BUILTIN
