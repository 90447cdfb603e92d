"""The --policy PPO loop wired to small STAND-INS for transformers/peft (installed on GPU nodes only).

This checks our glue (slicing generate's output, EOS masks, reference = adapter disabled, value head, saving,
metric lines) on CPU. It does NOT verify the real transformers/peft APIs: see the README's "not verified" list.
"""
import contextlib
import json
import sys
import types

import pytest

from guards import import_torch_or_skip

torch = import_torch_or_skip()

from clinrank_trainer.events import EventLog  # noqa: E402
from clinrank_trainer.cli import make_ppo_backend  # noqa: E402
from clinrank_trainer.ppo_config import PPOOptions  # noqa: E402

WORDS = ["<pad>", "</s>", "take", "aspirin", "with", "food", "ask", "doctor", "how", "should", "i", "metformin"]


class StandInTokenizer:
    """Word-level tokenizer with the attributes hf_ppo reads; no pad token, like many causal LMs."""

    chat_template = None
    eos_token, unk_token = "</s>", None

    def __init__(self):
        self.pad_token = None
        self.words = list(WORDS)

    @classmethod
    def from_pretrained(cls, path):
        return cls()

    def add_special_tokens(self, tokens):
        self.pad_token = tokens["pad_token"]
        self.words.append(self.pad_token)

    def __len__(self):
        return len(self.words)

    @property
    def eos_token_id(self):
        return 1

    @property
    def pad_token_id(self):
        return None if self.pad_token is None else self.words.index(self.pad_token)

    def __call__(self, text, add_special_tokens=True):
        return {"input_ids": [WORDS.index(w) if w in WORDS else 2 for w in text.lower().replace("?", "").split()]}

    def decode(self, ids, skip_special_tokens=False):
        return " ".join(WORDS[i] for i in ids.tolist() if not (skip_special_tokens and i in (0, 1)))

    def save_pretrained(self, path):
        (path_obj := __import__("pathlib").Path(path)).mkdir(parents=True, exist_ok=True)
        (path_obj / "tokenizer.json").write_text(json.dumps(WORDS))


class Output(types.SimpleNamespace):
    pass


class StandInCausalLM(torch.nn.Module):
    """Embedding + linear head; `generate` samples until every row has emitted EOS."""

    def __init__(self):
        super().__init__()
        self.config = types.SimpleNamespace(hidden_size=8)
        self.embed = torch.nn.Embedding(len(WORDS), 8)
        self.lm_head = torch.nn.Linear(8, len(WORDS))
        self.checkpointing = False

    @classmethod
    def from_pretrained(cls, path, torch_dtype=None):
        torch.manual_seed(1)
        return cls()

    def gradient_checkpointing_enable(self, gradient_checkpointing_kwargs=None):
        self.checkpointing = True

    def enable_input_require_grads(self):
        pass

    def hidden(self, input_ids, position_ids):
        return torch.tanh(self.embed(input_ids) + 0.01 * position_ids.unsqueeze(-1).float())

    def forward(self, input_ids, attention_mask=None, position_ids=None, output_hidden_states=False, use_cache=None):
        if position_ids is None:
            position_ids = torch.arange(input_ids.shape[1]).expand_as(input_ids)
        states = self.hidden(input_ids, position_ids)
        return Output(logits=self.head(states), hidden_states=(states,) if output_hidden_states else None)

    def head(self, states):
        return self.lm_head(states)

    @torch.no_grad()
    def generate(self, input_ids, attention_mask, do_sample, max_new_tokens, pad_token_id, eos_token_id, **_):
        ids, mask, done = input_ids, attention_mask, torch.zeros(input_ids.shape[0], dtype=torch.bool)
        for _ in range(max_new_tokens):
            positions = (torch.cumsum(mask, 1) - 1).clamp(min=0)
            probs = torch.softmax(self.forward(ids, mask, positions).logits[:, -1].float(), dim=-1)
            token = torch.multinomial(probs, 1).squeeze(1)
            token = torch.where(done, torch.full_like(token, pad_token_id), token)
            ids, mask = torch.cat([ids, token[:, None]], 1), torch.cat([mask, torch.ones_like(mask[:, :1])], 1)
            done = done | (token == eos_token_id)
            if done.all():
                break
        return ids


class StandInPeftModel(StandInCausalLM):
    """Frozen base + a zero-initialised low-rank delta on the head, with dropout; disable_adapter() turns it off."""

    def __init__(self, base, config):
        torch.nn.Module.__init__(self)
        self.base, self.config, self.lora_config = base, base.config, config
        base.requires_grad_(False)
        self.lora_a = torch.nn.Linear(8, config.r, bias=False)
        self.lora_b = torch.nn.Linear(config.r, len(WORDS), bias=False)
        torch.nn.init.zeros_(self.lora_b.weight)
        self.lora_dropout = torch.nn.ModuleDict({"default": torch.nn.Dropout(config.lora_dropout)})
        self.enabled = True

    def hidden(self, input_ids, position_ids):
        return self.base.hidden(input_ids, position_ids)

    def head(self, states):
        logits = self.base.lm_head(states)
        if self.enabled:
            scale = self.lora_config.lora_alpha / self.lora_config.r
            logits = logits + scale * self.lora_b(self.lora_a(self.lora_dropout["default"](states)))
        return logits

    @contextlib.contextmanager
    def disable_adapter(self):
        self.enabled = False
        try:
            yield
        finally:
            self.enabled = True

    def save_pretrained(self, path):
        torch.save({"a": self.lora_a.state_dict(), "b": self.lora_b.state_dict()}, f"{path}/adapter_model.bin")
        with open(f"{path}/adapter_config.json", "w") as handle:
            json.dump(vars(self.lora_config), handle)


@pytest.fixture()
def stand_ins(monkeypatch):
    transformers = types.ModuleType("transformers")
    transformers.AutoTokenizer = StandInTokenizer
    transformers.AutoModelForCausalLM = StandInCausalLM
    peft = types.ModuleType("peft")
    peft.LoraConfig = lambda **kwargs: types.SimpleNamespace(**kwargs)
    peft.get_peft_model = StandInPeftModel
    monkeypatch.setitem(sys.modules, "transformers", transformers)
    monkeypatch.setitem(sys.modules, "peft", peft)


def test_hf_ppo_loop_runs_with_stand_in_models(stand_ins, tmp_path, capsys):
    from clinrank_trainer.tiny_backend import TinyRewardBackend
    from clinrank_trainer.data import PreferenceGroup

    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "config.json").write_text("{}")
    groups = [PreferenceGroup("how should i take aspirin", ["take aspirin with food", "ask doctor"], [(0, 1)], [0.0])]
    TinyRewardBackend.create(groups, 64, torch.device("cpu"), dim=8, layers=0, heads=2).save(tmp_path / "rm")
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text("\n".join(json.dumps({"prompt": p}) for p in ["how should i take aspirin?",
                                                                      "take metformin with food?"]) + "\n")
    options = PPOOptions(prompts=prompts, reward_model=tmp_path / "rm", output=tmp_path / "out", policy=policy,
                         steps=3, batch_size=4, max_new_tokens=5, lr=1e-2, seed=0)
    events = EventLog(options.output)
    try:
        result = make_ppo_backend(options)(options, events)
    finally:
        events.close()
    steps = [json.loads(line) for line in (tmp_path / "out" / "metrics.jsonl").read_text().splitlines()]
    assert [s["global_step"] for s in steps] == [1, 2, 3]
    # the LoRA delta starts at zero, so at step 1 the policy IS the reference (adapter disabled): KL exactly 0
    assert steps[0]["objective/kl"] == pytest.approx(0.0, abs=1e-6)
    assert steps[-1]["objective/kl"] != 0.0  # PPO moved the adapter away from the reference
    for key in ("objective/scores", "objective/rlhf_reward", "policy/clipfrac_avg", "policy/approxkl_avg",
                "loss/policy_avg", "loss/value_avg", "val/num_eos_tokens"):
        assert key in steps[0]
    assert all(0 < s["val/response_length"] <= 5 for s in steps)
    assert (tmp_path / "out" / "adapter_config.json").is_file() and (tmp_path / "out" / "value_head.pt").is_file()
    assert json.loads((tmp_path / "out" / "adapter_config.json").read_text())["lora_dropout"] == 0.1
    # built-in reward head reads hand-made features: no shape can match the policy's hidden states
    assert result["value_head_init"].startswith("fresh:") and result["reward_model_kind"] == "builtin"
    assert "value head initialised: fresh" in capsys.readouterr().err


class StandInRewardModel(torch.nn.Module):
    """Sequence classifier: score head on the hidden state of the last attended token (right padding)."""

    def __init__(self):
        super().__init__()
        self.config = types.SimpleNamespace(pad_token_id=None)
        self.embed = torch.nn.Embedding(len(WORDS), 8)
        self.score = torch.nn.Linear(8, 1, bias=False)

    @classmethod
    def from_pretrained(cls, path, num_labels=1, torch_dtype=None):
        assert num_labels == 1
        torch.manual_seed(2)
        return cls()

    def get_input_embeddings(self):
        return self.embed

    def resize_token_embeddings(self, size):
        grown = torch.nn.Embedding(size, self.embed.weight.shape[1])
        with torch.no_grad():
            grown.weight[: self.embed.weight.shape[0]] = self.embed.weight
        self.embed = grown

    def forward(self, input_ids, attention_mask, output_hidden_states=False):
        states = self.embed(input_ids)
        last = attention_mask.sum(dim=1) - 1
        return Output(logits=self.score(states[torch.arange(input_ids.shape[0]), last]),
                      hidden_states=(states,) if output_hidden_states else None)


def test_value_head_starts_from_an_hf_reward_models_score_head(stand_ins, tmp_path):
    sys.modules["peft"].AutoPeftModelForSequenceClassification = StandInRewardModel
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "config.json").write_text("{}")
    reward = tmp_path / "rm"
    reward.mkdir()
    (reward / "adapter_config.json").write_text(json.dumps({"task_type": "SEQ_CLS", "peft_type": "LORA"}))
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text(json.dumps({"prompt": "how should i take aspirin?"}) + "\n")
    options = PPOOptions(prompts=prompts, reward_model=reward, output=tmp_path / "out", policy=policy, steps=1,
                         batch_size=2, max_new_tokens=3, seed=0)
    events = EventLog(options.output)
    try:
        result = make_ppo_backend(options)(options, events)
    finally:
        events.close()
    assert result["reward_model_kind"] == "hf-adapter" and result["value_head_init"] == "reward-score-head"
    head = torch.load(tmp_path / "out" / "value_head.pt", weights_only=True)
    torch.manual_seed(2)
    # value head weights = score head weights before PPO, moved by at most one step of updates after it
    assert torch.allclose(head["weight"], StandInRewardModel().score.weight, atol=0.05)
    assert head["bias"].abs().item() < 0.05  # score head has no bias: value bias starts at 0
