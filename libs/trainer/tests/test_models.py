"""Tokenizer, truncation, built-in models and LoRA behaviour."""

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer.batching import truncate_prompt_first  # noqa: E402
from clinrank_trainer.models import (CAUSAL_LM_TYPE, REWARD_MODEL_TYPE, TinyCausalLM, TinyConfig,  # noqa: E402
                                     TinyRewardModel, adapter_disabled, add_lora, prompt_match_features)
from clinrank_trainer.tokenizer import WordTokenizer  # noqa: E402


def test_tokenizer_is_deterministic_round_trips_and_hashes_unseen_words(tmp_path):
    texts = ["Aspirin thins blood.", "aspirin and blood pressure", "blood tests"]
    tokenizer = WordTokenizer.build(texts, min_count=1, oov_buckets=64)
    assert WordTokenizer.build(list(reversed(texts)), min_count=1, oov_buckets=64).words == tokenizer.words
    assert tokenizer.decode(tokenizer.encode("aspirin thins blood")) == "aspirin thins blood"
    unseen = tokenizer.encode("noonan noonan")
    assert unseen[0] == unseen[1] and not tokenizer.is_known_word(unseen[0])
    tokenizer.save(tmp_path / "tokenizer.json")
    reloaded = WordTokenizer.load(tmp_path / "tokenizer.json")
    assert reloaded.encode("noonan blood .") == tokenizer.encode("noonan blood .")


def test_truncation_cuts_prompt_from_the_left_first():
    prompt, completion, truncated = truncate_prompt_first(list(range(10)), [100, 101, 102], 8)
    assert truncated and prompt == [5, 6, 7, 8, 9] and completion == [100, 101, 102]
    assert truncate_prompt_first([1, 2], [3], 8) == ([1, 2], [3], False)


def test_truncation_keeps_a_quarter_of_the_budget_for_the_prompt_then_cuts_the_completion():
    prompt, completion, truncated = truncate_prompt_first(list(range(10)), list(range(100, 120)), 8)
    assert truncated and prompt == [8, 9] and completion == list(range(100, 106))


def test_match_features_flag_prompt_words_and_first_occurrences():
    ids = torch.tensor([[7, 8, 9, 8, 8, 10, 9]])
    response = torch.tensor([[False, False, False, True, True, True, True]])
    matches, first = prompt_match_features(ids, torch.ones_like(ids), response, first_word_id=5)
    assert matches.tolist() == [[0, 0, 0, 1, 1, 0, 1]]
    assert first.tolist() == [[0, 0, 0, 1, 0, 0, 1]]


def _tiny_reward_model():
    torch.manual_seed(0)
    return TinyRewardModel(TinyConfig(REWARD_MODEL_TYPE, 50, 16, 1, 2, 32, 0.0), first_word_id=5)


def test_reward_model_values_are_causal_and_score_reads_the_last_token():
    model = _tiny_reward_model().eval()
    ids = torch.randint(5, 50, (2, 12))
    mask = torch.ones_like(ids)
    response = torch.zeros_like(ids, dtype=torch.bool)
    response[:, 6:] = True
    values = model(ids, mask, response)
    changed = ids.clone()
    changed[:, 9:] = 5
    assert torch.allclose(values[:, :9], model(changed, mask, response)[:, :9], atol=1e-6)
    assert not torch.allclose(values[:, 9:], model(changed, mask, response)[:, 9:])
    assert torch.allclose(model.score(ids, mask, response), values[:, -1])


def test_reward_score_ignores_right_padding():
    model = _tiny_reward_model().eval()
    ids = torch.randint(5, 50, (1, 8))
    response = torch.tensor([[False] * 4 + [True] * 4])
    padded = torch.cat([ids, torch.zeros(1, 3, dtype=torch.long)], dim=1)
    padded_mask = torch.tensor([[1] * 8 + [0] * 3])
    padded_response = torch.cat([response, torch.zeros(1, 3, dtype=torch.bool)], dim=1)
    assert torch.allclose(model.score(ids, torch.ones_like(ids), response),
                          model.score(padded, padded_mask, padded_response), atol=1e-6)


def test_generate_stops_at_eos_and_left_padding_does_not_change_logits():
    torch.manual_seed(0)
    lm = TinyCausalLM(TinyConfig(CAUSAL_LM_TYPE, 30, 16, 1, 2, 40, 0.0)).eval()
    query = torch.tensor([[9, 10, 11]])
    padded = torch.tensor([[0, 0, 9, 10, 11]])
    logits = lm(query, torch.ones_like(query))[:, -1]
    padded_logits = lm(padded, torch.tensor([[0, 0, 1, 1, 1]]))[:, -1]
    assert torch.allclose(logits, padded_logits, atol=1e-5)
    response, mask = lm.generate(padded.repeat(4, 1), torch.tensor([[0, 0, 1, 1, 1]] * 4), 12, eos_id=3, pad_id=0,
                                 generator=torch.Generator().manual_seed(1))
    for row, row_mask in zip(response.tolist(), mask.tolist()):
        if 3 in row:
            end = row.index(3)
            assert all(row_mask[: end + 1]) and not any(row_mask[end + 1:])
            assert all(token == 0 for token in row[end + 1:])


@pytest.mark.parametrize("layers", [0, 1, 2])
def test_cached_decoding_gives_the_full_forward_logits(layers):
    torch.manual_seed(0)
    lm = TinyCausalLM(TinyConfig(CAUSAL_LM_TYPE, 50, 16, layers, 2, 40, 0.0)).eval()
    sequence = torch.randint(5, 50, (3, 14))
    mask = torch.ones_like(sequence)
    mask[0, :3] = 0  # left padding
    mask[1, 11:] = 0  # padding after an early end
    full = lm(sequence, mask)
    cache = [{} for _ in lm.backbone.blocks]
    steps = [lm.lm_head(lm.backbone(sequence[:, :6], mask[:, :6], cache=cache))]
    for t in range(6, sequence.shape[1]):
        steps.append(lm.lm_head(lm.backbone(sequence[:, t:t + 1], mask[:, :t + 1], cache=cache)))
    assert torch.allclose(full, torch.cat(steps, dim=1), atol=1e-5)


def test_lora_starts_as_identity_trains_only_adapters_and_can_be_disabled():
    torch.manual_seed(0)
    lm = TinyCausalLM(TinyConfig(CAUSAL_LM_TYPE, 30, 16, 1, 2, 40, 0.0)).eval()
    ids = torch.randint(5, 30, (2, 6))
    mask = torch.ones_like(ids)
    before = lm(ids, mask).detach()
    assert add_lora(lm, r=4, alpha=8) == 7
    assert torch.allclose(lm(ids, mask), before)
    trainable = [name for name, p in lm.named_parameters() if p.requires_grad]
    assert trainable and all(".lora_" in name for name in trainable)
    optimizer = torch.optim.SGD([p for p in lm.parameters() if p.requires_grad], lr=0.5)
    for _ in range(3):
        optimizer.zero_grad()
        lm(ids, mask)[:, :, 7].sum().neg().backward()
        optimizer.step()
    assert not torch.allclose(lm(ids, mask), before)
    with adapter_disabled(lm):
        assert torch.allclose(lm(ids, mask), before, atol=1e-6)


class _RunsCodeWhenUnpickled:
    """A pickle payload like a hostile model.pt would carry: unpickling calls os.system-like code."""

    def __reduce__(self):
        return (print, ("unpickled code ran",))


def test_loading_a_saved_model_never_unpickles_code(tmp_path):
    from clinrank_trainer.models import load_tiny_reward_model, save_tiny_model

    import pytest

    tokenizer = WordTokenizer.build(["aspirin thins blood"], min_count=1, oov_buckets=8)
    config = TinyConfig(model_type=REWARD_MODEL_TYPE, vocab_size=tokenizer.vocab_size, dim=8, n_layers=1, n_heads=2, max_positions=16)
    save_tiny_model(TinyRewardModel(config, first_word_id=tokenizer.first_word_id), tokenizer, tmp_path)
    model, _ = load_tiny_reward_model(tmp_path)
    assert sum(parameter.numel() for parameter in model.parameters()) > 0
    torch.save({"weights": _RunsCodeWhenUnpickled()}, tmp_path / "model.pt")
    with pytest.raises(Exception, match="(?i)weights_only|unsupported|global"):
        load_tiny_reward_model(tmp_path)
