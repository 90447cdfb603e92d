"""The command line as the Node agent sees it: JSON lines on stdout, one-line errors with exit code 2."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guards import import_torch_or_skip

import_torch_or_skip()

TRAINER = Path(__file__).resolve().parents[1]
TRL_KEYS = {"loss", "accuracy", "margin", "mean_reward", "learning_rate", "grad_norm", "epoch", "global_step"}


def run_cli(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(TRAINER)}
    return subprocess.run([sys.executable, "-m", "clinrank_trainer", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def preference_file(path: Path, prompts: int, seed_word: str) -> Path:
    """Synthetic trl pairs: the chosen answer names the question's drug, the rejected one does not."""
    drugs = ["aspirin", "metformin", "insulin", "warfarin", "ibuprofen", "statins", "lithium", "heparin"]
    with open(path, "w") as handle:
        for index in range(prompts):
            drug = drugs[index % len(drugs)]
            prompt = f"{seed_word} question {index}: how should I take {drug} safely?"
            handle.write(json.dumps({"prompt": prompt, "chosen": f"take {drug} with food and ask your doctor",
                                     "rejected": "drink water and rest a lot"}) + "\n")
            handle.write(json.dumps({"prompt": prompt, "chosen": f"{drug} dosing depends on your kidneys",
                                     "rejected": "drink water and rest a lot"}) + "\n")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    work = tmp_path_factory.mktemp("cli")
    train = preference_file(work / "train.jsonl", 24, "train")
    evaluation = preference_file(work / "eval.jsonl", 8, "eval")
    output = work / "rm"
    result = run_cli("reward-model", "--train", train, "--eval", evaluation, "--output", output, "--epochs", "3",
                     "--seed", "3")
    assert result.returncode == 0, result.stderr
    return work, result, output


def test_stdout_is_only_typed_json_lines(trained):
    _, result, _ = trained
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(event["type"] in {"metric", "log", "artifact", "done"} for event in events)
    assert events[-1]["type"] == "done"


def test_metrics_use_trl_names_and_land_in_metrics_files(trained):
    _, result, output = trained
    lines = [json.loads(line) for line in (output / "metrics.jsonl").read_text().splitlines()]
    train_lines = [line for line in lines if "loss" in line]
    assert train_lines and all(TRL_KEYS <= set(line) for line in train_lines)
    assert [line["global_step"] for line in train_lines] == list(range(1, len(train_lines) + 1))
    assert any("eval_loss" in line and "eval_accuracy" in line for line in lines)
    summary = json.loads((output / "metrics.json").read_text())
    assert summary["eval_accuracy"] > 0.9  # the synthetic preference is learnable
    assert {"model.pt", "config.json", "tokenizer.json"} <= {p.name for p in output.iterdir()}


def test_training_is_deterministic_for_a_seed(trained, tmp_path):
    work, _, output = trained
    again = run_cli("reward-model", "--train", work / "train.jsonl", "--eval", work / "eval.jsonl", "--output",
                    tmp_path / "rm", "--epochs", "3", "--seed", "3")
    assert again.returncode == 0
    assert (tmp_path / "rm" / "metrics.json").read_text() == (output / "metrics.json").read_text()
    assert (tmp_path / "rm" / "metrics.jsonl").read_text() == (output / "metrics.jsonl").read_text()


def test_evaluate_reward_model_reproduces_the_final_eval(trained, tmp_path):
    work, _, output = trained
    result = run_cli("evaluate-reward-model", "--model", output, "--data", work / "eval.jsonl", "--output",
                     tmp_path / "eval")
    assert result.returncode == 0, result.stderr
    evaluated = json.loads((tmp_path / "eval" / "metrics.json").read_text())
    trained_metrics = json.loads((output / "metrics.json").read_text())
    assert evaluated["eval_accuracy"] == pytest.approx(trained_metrics["eval_accuracy"])
    assert evaluated["eval_loss"] == pytest.approx(trained_metrics["eval_loss"], rel=1e-5)


@pytest.mark.parametrize("args,needle", [
    (["--epochs", "0"], "--epochs"),
    (["--batch-size", "x"], "--batch-size"),
    (["--device", "tpu"], "--device"),
    (["--lr", "-1"], "--lr"),
])
def test_bad_options_give_one_line_and_exit_2(trained, args, needle):
    work, _, _ = trained
    result = run_cli("reward-model", "--train", work / "train.jsonl", "--eval", work / "eval.jsonl", "--output",
                     work / "never", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and needle in result.stderr


def test_bad_file_line_is_named_with_exit_2(trained, tmp_path):
    work, _, _ = trained
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"prompt": "q", "chosen": "a", "rejected": "b"}) + "\n{oops\n")
    result = run_cli("reward-model", "--train", bad, "--eval", work / "eval.jsonl", "--output", tmp_path / "o")
    assert result.returncode == 2
    assert f"{bad}:2:" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cuda_request_without_cuda_is_refused(trained):
    import torch

    if torch.cuda.is_available():
        pytest.skip("SKIPPED: CUDA is available here")
    work, _, _ = trained
    result = run_cli("reward-model", "--train", work / "train.jsonl", "--eval", work / "eval.jsonl", "--output",
                     work / "never", "--device", "cuda")
    assert result.returncode == 2 and "--device cuda" in result.stderr


def test_base_model_must_be_a_local_checkpoint(trained, tmp_path):
    work, _, _ = trained
    result = run_cli("reward-model", "--train", work / "train.jsonl", "--eval", work / "eval.jsonl", "--output",
                     tmp_path / "o", "--base-model", tmp_path)
    assert result.returncode == 2 and "not a local Hugging Face checkpoint" in result.stderr


def test_ppo_cli_runs_on_the_builtin_policy(trained, tmp_path):
    work, _, output = trained
    result = run_cli("ppo", "--prompts", work / "train.jsonl", "--reward-model", output, "--output", tmp_path / "ppo",
                     "--steps", "2", "--batch-size", "4", "--sft-epochs", "1", "--adaptive-kl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    steps = [e for e in events if "objective/kl" in e]
    assert [e["global_step"] for e in steps] == [1, 2]
    assert events[-1]["type"] == "done"
    assert (tmp_path / "ppo" / "adapter_model.pt").is_file()
    assert (tmp_path / "ppo" / "adapter_config.json").is_file()


def test_ppo_refuses_a_reward_model_directory_it_cannot_read(trained, tmp_path):
    work, _, _ = trained
    result = run_cli("ppo", "--prompts", work / "train.jsonl", "--reward-model", tmp_path, "--output", tmp_path / "o")
    assert result.returncode == 2 and "--reward-model" in result.stderr


def test_ppo_with_a_policy_checks_its_inputs_before_needing_transformers(trained, tmp_path):
    work, _, output = trained
    common = ("ppo", "--prompts", work / "train.jsonl", "--reward-model", output, "--output", tmp_path / "o")
    result = run_cli(*common, "--policy", tmp_path)
    assert result.returncode == 2 and "--policy" in result.stderr and "no config.json" in result.stderr
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "config.json").write_text(json.dumps({"model_type": "llama", "architectures": ["LlamaForCausalLM"]}))
    # --sft-epochs and unreadable --reward-model refusals are unit-tested in test_hf_ppo_parts.py
    result = run_cli(*common, "--policy", policy)
    assert result.returncode == 2
    if "not installed" in result.stderr:  # this machine: transformers/peft absent
        assert "'transformers'" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_ppo_backend_is_chosen_by_the_policy_option():
    from clinrank_trainer.cli import make_ppo_backend
    from clinrank_trainer.hf_ppo import train_hf_ppo
    from clinrank_trainer.ppo_config import PPOOptions
    from clinrank_trainer.ppo_trainer import train_builtin_ppo

    paths = {"prompts": Path("p.jsonl"), "reward_model": Path("rm"), "output": Path("out")}
    assert make_ppo_backend(PPOOptions(**paths)) is train_builtin_ppo
    assert make_ppo_backend(PPOOptions(**paths, policy=Path("policy"))) is train_hf_ppo
    with pytest.raises(ValueError, match="no --policy"):
        train_builtin_ppo(PPOOptions(**paths, policy=Path("policy")), events=None)
