"""Reward-model training loop shared by the built-in and Hugging Face backends."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import torch

from clinrank_trainer.batching import RewardBatch
from clinrank_trainer.data import PreferenceGroup, load_preferences
from clinrank_trainer.eval_stats import accuracy_with_interval
from clinrank_trainer.events import EventLog, write_json
from clinrank_trainer.rlhf_math import group_bradley_terry_loss, pairwise_accuracy
from clinrank_trainer.utils import seed_everything


@dataclass
class RewardOptions:
    """Everything `reward-model` accepts."""

    train: Optional[Path]
    eval: Path
    output: Path
    base_model: Optional[Path] = None
    device: str = "cpu"
    epochs: int = 8
    seed: int = 0
    lr: Optional[float] = None
    batch_size: int = 4
    max_length: int = 256
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_grad_norm: float = 1.0
    center_rewards_coef: float = 0.0
    logging_steps: int = 1
    dim: int = 32
    layers: int = 0  # measured on LiveQA-Med: 0 transformer layers generalise best on ~50 training questions
    heads: int = 4
    dropout: float = 0.1
    max_words: int = 8000
    eval_only: bool = False
    gradient_checkpointing: bool = True
    keep: str = "best"  # "best": the epoch with the lowest eval loss; "last": the final epoch
    patience: Optional[int] = None  # stop after this many epochs without a lower eval loss


MIN_EVAL_PROMPTS = 20  # below this, the run form and the log warn that eval accuracy is uncertain


def batches_of_groups(groups: Sequence[PreferenceGroup], batch_size: int,
                      generator: Optional[torch.Generator]) -> List[List[PreferenceGroup]]:
    """Split prompts into batches of `batch_size` prompts (shuffled when a generator is given)."""
    order = torch.randperm(len(groups), generator=generator).tolist() if generator else list(range(len(groups)))
    return [[groups[i] for i in order[start:start + batch_size]] for start in range(0, len(order), batch_size)]


def linear_schedule(warmup_steps: int, total_steps: int):
    """LambdaLR factor: linear warm-up then linear decay to zero."""
    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / max(1, warmup_steps)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))
    return factor


def pair_statistics(rewards: torch.Tensor, batch: RewardBatch) -> Dict[str, float]:
    """Accuracy, margin and mean reward of one batch (TRL names)."""
    chosen, rejected = rewards[batch.pairs[:, 0]], rewards[batch.pairs[:, 1]]
    return {"accuracy": pairwise_accuracy(chosen, rejected), "margin": float((chosen - rejected).mean()),
            "mean_reward": float(rewards.mean())}


@torch.no_grad()
def evaluate_by_prompt(backend, groups: Sequence[PreferenceGroup],
                       batch_size: int) -> Tuple[Dict[str, float], List[float], List[int]]:
    """`evaluate`'s metrics plus, per prompt, the pairs ranked right (ties count half) and its number of pairs."""
    backend.model.eval()
    losses, chosen, rejected, rewards_seen, wins, pairs = [], [], [], [], [], []
    for group_batch in batches_of_groups(groups, batch_size, None):
        batch = backend.encode(group_batch).to(backend.device)
        rewards = backend.rewards(batch).float()
        for group_index in range(len(group_batch)):
            selected = batch.pairs[batch.group_ids == group_index]
            losses.append(float(group_bradley_terry_loss(rewards, selected)))
            pairs.append(int(selected.shape[0]))
            wins.append(pairwise_accuracy(rewards[selected[:, 0]], rewards[selected[:, 1]]) * pairs[-1]
                        if pairs[-1] else 0.0)
        chosen.append(rewards[batch.pairs[:, 0]])
        rejected.append(rewards[batch.pairs[:, 1]])
        rewards_seen.append(rewards)
    chosen_all, rejected_all = torch.cat(chosen), torch.cat(rejected)
    metrics = {"eval_loss": sum(losses) / len(losses), "eval_accuracy": pairwise_accuracy(chosen_all, rejected_all),
               "eval_margin": float((chosen_all - rejected_all).mean()),
               "eval_mean_reward": float(torch.cat(rewards_seen).mean()),
               "eval_pairs": int(chosen_all.numel()), "eval_prompts": len(groups)}
    return metrics, wins, pairs


def evaluate(backend, groups: Sequence[PreferenceGroup], batch_size: int) -> Dict[str, float]:
    """eval_loss (mean over prompts), eval_accuracy/eval_margin over all pairs, eval_mean_reward."""
    return evaluate_by_prompt(backend, groups, batch_size)[0]


def count_truncations(backend, groups: Sequence[PreferenceGroup], batch_size: int) -> int:
    """How many completion rows of `groups` must be truncated to fit max_length."""
    return sum(backend.encode(group_batch).truncated_rows for group_batch in batches_of_groups(groups, batch_size, None))


def train_reward_model(options: RewardOptions, events: EventLog, backend=None) -> Dict[str, float]:
    """Train (or only evaluate) a reward model and write metrics.json plus the model into options.output."""
    seed_everything(options.seed)
    device = torch.device(options.device)
    eval_groups = load_preferences(options.eval)
    train_groups = load_preferences(options.train) if options.train else []
    if backend is None:
        backend = make_backend(options, train_groups, device)
    summary: Dict[str, float] = {"train_prompts": len(train_groups), "train_pairs": sum(len(g.pairs) for g in train_groups)}
    for split, groups in (("train", train_groups), ("eval", eval_groups)):
        truncated = count_truncations(backend, groups, options.batch_size)
        summary[f"{split}_truncated_sequences"] = truncated
        if truncated:
            events.log(f"{split}: {truncated} sequences longer than --max-length {backend.max_length} were "
                       f"truncated (prompt first, from the left)", split=split, truncated_sequences=truncated)
    if not options.eval_only:
        summary.update(run_training(options, events, backend, train_groups, eval_groups))
    final, wins, pairs = evaluate_by_prompt(backend, eval_groups, options.batch_size)
    final.update(accuracy_with_interval(wins, pairs, options.seed))
    if options.eval_only:
        events.metric(**{k: v for k, v in final.items() if not isinstance(v, str)}, epoch=0.0)
    if final["eval_prompts"] < MIN_EVAL_PROMPTS:
        events.log(f"only {final['eval_prompts']} validation prompts: eval accuracy is uncertain "
                   f"(95% interval {final['eval_accuracy_ci_low']:.3f}-{final['eval_accuracy_ci_high']:.3f})")
    metrics = {**final, **summary, "backend": backend.name, "seed": options.seed}
    options.output.mkdir(parents=True, exist_ok=True)
    write_json(options.output / "metrics.json", metrics)
    events.artifact(options.output / "metrics.json", "metrics")
    if not options.eval_only:
        backend.save(options.output)
        events.artifact(options.output, "reward-model")
    return metrics


def make_backend(options: RewardOptions, train_groups: Sequence[PreferenceGroup], device: torch.device):
    """Built-in model (new, or reloaded for --eval-only) or a Hugging Face checkpoint with LoRA."""
    from clinrank_trainer.models import REWARD_MODEL_TYPE, is_tiny_model_dir
    from clinrank_trainer.tiny_backend import TinyRewardBackend

    if options.base_model is not None:
        if is_tiny_model_dir(options.base_model, REWARD_MODEL_TYPE):
            return TinyRewardBackend.load(options.base_model, options.max_length, device)
        from clinrank_trainer.hf_backend import HFRewardBackend

        return HFRewardBackend(options.base_model, options.max_length, device,
                               gradient_checkpointing=options.gradient_checkpointing, train=not options.eval_only)
    return TinyRewardBackend.create(train_groups, options.max_length, device, options.dim, options.layers,
                                    options.heads, options.max_words, options.dropout)


def run_training(options: RewardOptions, events: EventLog, backend, train_groups: Sequence[PreferenceGroup],
                 eval_groups: Sequence[PreferenceGroup]) -> Dict[str, float]:
    """AdamW with linear warm-up/decay, gradient clipping, per-step TRL-named metric lines, eval every epoch.

    Keeps the weights of the epoch with the lowest eval loss (`keep="best"`) or of the last one, and stops once
    `patience` epochs pass without a lower eval loss. Returns best_epoch, best_eval_loss, epochs_run, stopped_early.
    """
    generator = torch.Generator().manual_seed(options.seed)
    steps_per_epoch = -(-len(train_groups) // options.batch_size)
    total_steps = steps_per_epoch * options.epochs
    lr = options.lr if options.lr is not None else backend.default_lr
    optimizer = torch.optim.AdamW(backend.trainable_parameters(), lr=lr, weight_decay=options.weight_decay)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, linear_schedule(int(options.warmup_ratio * total_steps), total_steps))
    selection = BestEpoch(backend, options.patience)
    global_step, window, epoch = 0, [], 0
    for epoch in range(1, options.epochs + 1):
        for group_batch in batches_of_groups(train_groups, options.batch_size, generator):
            backend.model.train()
            batch = backend.encode(group_batch).to(backend.device)
            rewards = backend.rewards(batch).float()
            loss = group_bradley_terry_loss(rewards, batch.pairs, batch.group_ids, batch.margins,
                                            options.center_rewards_coef)
            optimizer.zero_grad()
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(backend.trainable_parameters(), options.max_grad_norm)
            learning_rate = scheduler.get_last_lr()[0]
            optimizer.step()
            scheduler.step()
            global_step += 1
            window.append({"loss": float(loss), "grad_norm": float(grad_norm), **pair_statistics(rewards.detach(), batch)})
            if global_step % options.logging_steps == 0 or global_step == total_steps:
                averaged = {key: sum(item[key] for item in window) / len(window) for key in window[0]}
                events.metric(**averaged, learning_rate=learning_rate,
                              epoch=round(global_step / steps_per_epoch, 4), global_step=global_step)
                window = []
        scores = evaluate(backend, eval_groups, options.batch_size)
        events.metric(**scores, epoch=float(epoch), global_step=global_step)
        if selection.observe(epoch, scores["eval_loss"]):
            events.log(f"early stop after epoch {epoch}: eval loss has not improved for {options.patience} epochs "
                       f"(best {selection.best_loss:.4f} at epoch {selection.best_epoch})")
            break
    if options.keep == "best" and selection.best_epoch != epoch:
        selection.restore()
        events.log(f"kept epoch {selection.best_epoch} (lowest eval loss {selection.best_loss:.4f}), not epoch {epoch}")
    return {"best_epoch": selection.best_epoch, "best_eval_loss": selection.best_loss, "epochs_run": epoch,
            "stopped_early": epoch < options.epochs, "keep": options.keep}


class BestEpoch:
    """Remembers the trainable weights of the epoch with the lowest eval loss, and when to stop early."""

    def __init__(self, backend, patience: Optional[int]) -> None:
        self.backend = backend
        self.patience = patience
        self.best_epoch = 0
        self.best_loss = float("inf")
        self.saved: List[torch.Tensor] = []

    def observe(self, epoch: int, eval_loss: float) -> bool:
        """Record one epoch's eval loss; True when training should stop."""
        if self.best_epoch == 0 or eval_loss < self.best_loss:  # the first epoch counts even if its loss is nan
            self.best_epoch, self.best_loss = epoch, eval_loss
            self.saved = [p.detach().clone() for p in self.backend.trainable_parameters()]
        return self.patience is not None and epoch - self.best_epoch >= self.patience

    @torch.no_grad()
    def restore(self) -> None:
        """Put the best epoch's weights back."""
        for parameter, saved in zip(self.backend.trainable_parameters(), self.saved):
            parameter.copy_(saved)
