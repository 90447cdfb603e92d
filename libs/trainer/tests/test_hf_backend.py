"""Hugging Face path: configuration and argument checks that run without transformers/peft installed."""
import importlib.util
import json

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer.errors import MissingDependency, UsageError  # noqa: E402
from clinrank_trainer.hf_backend import HFRewardBackend, policy_lora_config_kwargs, reward_lora_config_kwargs  # noqa: E402
from clinrank_trainer.hf_ppo import check_hf_ppo_inputs  # noqa: E402
from clinrank_trainer.ppo_trainer import PPOOptions  # noqa: E402

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
