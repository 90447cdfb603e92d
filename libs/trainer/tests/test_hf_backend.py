"""Hugging Face path: configuration and argument checks that run without transformers/peft installed."""
import importlib.util
import json

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer.errors import MissingDependency, UsageError  # noqa: E402
from clinrank_trainer.hf_backend import HFRewardBackend, policy_lora_config_kwargs, reward_lora_config_kwargs  # noqa: E402
from clinrank_trainer.hf_ppo import check_hf_ppo_inputs  # noqa: E402
from clinrank_trainer.ppo_config import PPOOptions  # noqa: E402

HAS_HF = importlib.util.find_spec("transformers") is not None and importlib.util.find_spec("peft") is not None


def test_reward_lora_settings():
    assert reward_lora_config_kwargs() == {"task_type": "SEQ_CLS", "r": 8, "lora_alpha": 32, "lora_dropout": 0.1,
                                           "modules_to_save": ["score"]}
    assert policy_lora_config_kwargs()["task_type"] == "CAUSAL_LM"


def test_checkpoint_without_config_is_rejected_before_any_import(tmp_path):
    with pytest.raises(UsageError, match="no config.json"):
        HFRewardBackend(tmp_path, 128, torch.device("cpu"))


def test_checkpoint_with_only_pickled_weights_is_refused_before_any_import(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "qwen2"}))
    (tmp_path / "pytorch_model.bin").write_bytes(b"not really a pickle")
    with pytest.raises(UsageError, match="only pickled weights .*pytorch_model.bin.*safetensors"):
        HFRewardBackend(tmp_path, 128, torch.device("cpu"))


def test_policy_with_only_pickled_weights_is_refused(tmp_path):
    from clinrank_trainer.hf_ppo_parts import validate_hf_ppo_options

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "qwen2"}))
    (tmp_path / "model.pt").write_bytes(b"pickle")
    with pytest.raises(UsageError, match="--policy .*only pickled weights"):
        validate_hf_ppo_options(tmp_path, None, 8, 2, 16, 64)
    (tmp_path / "model.safetensors").write_bytes(b"")
    validate_hf_ppo_options(tmp_path, None, 8, 2, 16, 64)


def test_missing_transformers_is_named(tmp_path):
    if HAS_HF:
        pytest.skip("SKIPPED: transformers and peft are installed; the missing-library path cannot be exercised")
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "qwen2"}))
    with pytest.raises(MissingDependency, match="'transformers'"):
        HFRewardBackend(tmp_path, 128, torch.device("cpu"))
    reward = tmp_path / "rm"
    reward.mkdir()
    (reward / "adapter_config.json").write_text(json.dumps({"task_type": "SEQ_CLS"}))
    with pytest.raises(MissingDependency, match="'transformers'"):
        check_hf_ppo_inputs(PPOOptions(prompts=tmp_path / "p.jsonl", reward_model=reward, output=tmp_path / "o",
                                       policy=tmp_path))


class _Tokenizer:
    """The tokenizer attributes ensure_pad_token reads; EOS but no pad, like many causal LMs."""

    eos_token = "</s>"

    def __init__(self):
        self.words, self.pad_token, self.padding_side = ["<unk>", "</s>", "a", "b"], None, "left"

    def add_special_tokens(self, tokens):
        self.pad_token = tokens["pad_token"]
        self.words.append(self.pad_token)

    def __len__(self):
        return len(self.words)

    @property
    def pad_token_id(self):
        return self.words.index(self.pad_token)


class _Classifier(torch.nn.Module):
    """Hidden state = embedding; a `score` head, as AutoModelForSequenceClassification has."""

    def __init__(self, vocab=4):
        super().__init__()
        self.config = type("Config", (), {"pad_token_id": None})()
        self.embed = torch.nn.Embedding(vocab, 3)
        self.score = torch.nn.Linear(3, 1, bias=False)

    def get_input_embeddings(self):
        return self.embed

    def resize_token_embeddings(self, size):
        grown = torch.nn.Embedding(size, 3)
        with torch.no_grad():
            grown.weight[: self.embed.weight.shape[0]] = self.embed.weight
        self.embed = grown

    def forward(self, input_ids, attention_mask, output_hidden_states=False):
        states = self.embed(input_ids)
        return type("Out", (), {"hidden_states": (states,), "logits": None})()


def test_a_pad_token_distinct_from_eos_is_added_and_the_embeddings_grow():
    from clinrank_trainer.hf_backend import PAD_TOKEN, ensure_pad_token

    tokenizer, model = _Tokenizer(), _Classifier()
    ensure_pad_token(tokenizer, model)
    assert tokenizer.pad_token == PAD_TOKEN != tokenizer.eos_token
    assert model.config.pad_token_id == tokenizer.pad_token_id == 4
    assert model.get_input_embeddings().weight.shape[0] == 5 and tokenizer.padding_side == "right"


def test_sequence_scores_read_the_last_attended_token_even_with_eos_inside_the_prompt():
    from clinrank_trainer.hf_backend import sequence_scores

    torch.manual_seed(0)
    model = _Classifier(vocab=5)
    # Row 0: EOS (1) inside the prompt at position 1, answer ends at position 3, then pad (4).
    ids = torch.tensor([[2, 1, 2, 3, 4], [3, 2, 4, 4, 4]])
    mask = torch.tensor([[1, 1, 1, 1, 0], [1, 1, 0, 0, 0]])
    got = sequence_scores(model, ids, mask)
    score = lambda token: model.score(model.embed(torch.tensor(token))).squeeze(-1)  # noqa: E731
    assert torch.allclose(got, torch.stack([score(3), score(2)]))
    # With pad = EOS, "the token before the first pad" would be position 0 (token 2) for row 0: another score.
    assert not torch.allclose(got[0], score(2))
