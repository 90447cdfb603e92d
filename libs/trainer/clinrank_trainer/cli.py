"""Command line: `python3 -m clinrank_trainer {reward-model,evaluate-reward-model,ppo,bertscore,score} ...`.

stdout carries only JSON lines (each with a "type"); human-readable text goes to stderr; bad options or
bad input files give a one-line error on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, List, Optional

from clinrank_trainer.errors import UsageError

if TYPE_CHECKING:  # the commands import torch lazily; these are for the annotations only
    from clinrank_trainer.events import EventLog
    from clinrank_trainer.ppo_config import PPOOptions

EXIT_USAGE = 2


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports errors as a single stderr line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def non_negative_float(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, got {text}")
    return value


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--seed", type=int, default=0)


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands and their options."""
    parser = OneLineParser(prog="clinrank_trainer", description="Reward models and PPO from clinician preferences.")
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    commands.required = True

    reward = commands.add_parser("reward-model", help="train a Bradley-Terry reward model")
    reward.add_argument("--train", type=Path, help="trl or ranking JSON lines (required unless --eval-only)")
    reward.add_argument("--eval", type=Path, required=True)
    reward.add_argument("--output", type=Path, required=True)
    reward.add_argument("--base-model", type=Path, help="local Hugging Face checkpoint (LoRA, bf16) or built-in model dir")
    reward.add_argument("--epochs", type=positive_int, default=8)
    reward.add_argument("--lr", type=positive_float)
    reward.add_argument("--batch-size", type=positive_int, default=4, help="prompts per step (all their pairs)")
    reward.add_argument("--max-length", type=positive_int, default=256)
    reward.add_argument("--layers", type=int, default=0, help="built-in model: transformer layers (0 = none)")
    reward.add_argument("--dim", type=positive_int, default=32, help="built-in model: width")
    reward.add_argument("--center-rewards-coef", type=non_negative_float, default=0.0)
    reward.add_argument("--logging-steps", type=positive_int, default=1)
    reward.add_argument("--keep", choices=["best", "last"], default="best",
                        help="weights to save: the epoch with the lowest eval loss (default) or the last one")
    reward.add_argument("--patience", type=positive_int, help="stop after this many epochs without a lower eval loss")
    reward.add_argument("--eval-only", action="store_true", help="evaluate --base-model on --eval without training")
    reward.add_argument("--no-gradient-checkpointing", action="store_true")
    add_common_options(reward)

    evaluate = commands.add_parser("evaluate-reward-model", help="evaluate a trained reward model")
    evaluate.add_argument("--model", type=Path, required=True)
    evaluate.add_argument("--data", type=Path, required=True)
    evaluate.add_argument("--output", type=Path, help="where to write metrics.json (default: stdout only)")
    evaluate.add_argument("--batch-size", type=positive_int, default=8)
    evaluate.add_argument("--max-length", type=positive_int)
    add_common_options(evaluate)

    ppo = commands.add_parser("ppo", help="PPO against a trained reward model")
    ppo.add_argument("--prompts", type=Path, required=True)
    ppo.add_argument("--reward-model", type=Path, required=True)
    ppo.add_argument("--output", type=Path, required=True)
    ppo.add_argument("--policy", type=Path, help="local Hugging Face causal LM (default: built-in policy, SFT first)")
    ppo.add_argument("--steps", type=positive_int, default=40)
    ppo.add_argument("--batch-size", type=positive_int, default=16, help="rollouts per PPO step")
    ppo.add_argument("--kl-coef", type=non_negative_float, default=0.05)
    ppo.add_argument("--adaptive-kl", action="store_true")
    ppo.add_argument("--target-kl", type=positive_float, default=6.0)
    ppo.add_argument("--kl-horizon", type=positive_int, help="adaptive KL horizon in episodes (default: steps × batch size ÷ 10)")
    ppo.add_argument("--lr", type=positive_float)
    ppo.add_argument("--max-new-tokens", type=positive_int, default=24)
    ppo.add_argument("--sft-epochs", type=int, default=None, help="supervised warm-up epochs (built-in policy)")
    ppo.add_argument("--missing-eos-penalty", type=non_negative_float)
    add_common_options(ppo)

    bertscore = commands.add_parser("bertscore", help="BERTScore P/R/F1 of predictions against references")
    bertscore.add_argument("--input", type=Path, required=True, help="JSON lines {id, model, language, prediction, references}")
    bertscore.add_argument("--output", type=Path, required=True)
    bertscore.add_argument("--encoder", type=Path, help="local Hugging Face checkpoint (default: built-in random encoder)")
    bertscore.add_argument("--layer", type=int, help="hidden-state layer, 0 = embeddings (default: last)")
    bertscore.add_argument("--batch-size", type=positive_int, default=32)
    add_common_options(bertscore)

    score = commands.add_parser("score", help="reward-model uncertainty of unlabelled items (least certain first)")
    score.add_argument("--model", type=Path, required=True, help="a trained reward model directory")
    score.add_argument("--items", type=Path, required=True, help="JSON lines {id, prompt, responses: [{id, text}]}")
    score.add_argument("--output", type=Path, required=True, help="JSON lines {id, rewards, reward_gap, score}")
    score.add_argument("--method", choices=["gap", "mc-dropout"], default="gap",
                       help="gap: score = -(smallest reward gap); mc-dropout: largest variance of a pair's difference")
    score.add_argument("--passes", type=positive_int, default=8, help="mc-dropout forward passes")
    score.add_argument("--batch-size", type=positive_int, default=16, help="items per forward pass")
    score.add_argument("--max-length", type=positive_int)
    add_common_options(score)
    return parser


def check_device(device: str) -> None:
    """Refuse --device cuda where CUDA is unavailable."""
    import torch

    if device == "cuda" and not torch.cuda.is_available():
        raise UsageError("--device cuda: CUDA is not available on this machine")


def run_reward_model(args: argparse.Namespace) -> None:
    from clinrank_trainer.events import EventLog
    from clinrank_trainer.reward_trainer import RewardOptions, train_reward_model

    if args.eval_only and args.base_model is None:
        raise UsageError("--eval-only needs --base-model (the trained reward model to evaluate)")
    if args.layers < 0:
        raise UsageError(f"--layers must be zero or more, got {args.layers}")
    if args.max_length < 8:
        raise UsageError(f"--max-length must be at least 8, got {args.max_length}")
    if not args.eval_only and args.train is None:
        raise UsageError("--train is required (or use --eval-only)")
    options = RewardOptions(train=None if args.eval_only else args.train, eval=args.eval, output=args.output,
                            base_model=args.base_model, device=args.device, epochs=args.epochs, seed=args.seed,
                            lr=args.lr, batch_size=args.batch_size, max_length=args.max_length,
                            center_rewards_coef=args.center_rewards_coef, layers=args.layers, dim=args.dim, logging_steps=args.logging_steps,
                            eval_only=args.eval_only, gradient_checkpointing=not args.no_gradient_checkpointing,
                            keep=args.keep, patience=args.patience)
    events = EventLog(args.output)
    try:
        metrics = train_reward_model(options, events)
        events.emit("done", command="reward-model", metrics=metrics)
    finally:
        events.close()


def run_evaluate(args: argparse.Namespace) -> None:
    from clinrank_trainer.events import EventLog
    from clinrank_trainer.reward_trainer import RewardOptions, train_reward_model

    output = args.output
    options = RewardOptions(train=None, eval=args.data, output=output or Path(), base_model=args.model,
                            device=args.device, seed=args.seed, batch_size=args.batch_size,
                            max_length=args.max_length or 0, eval_only=True)
    if not args.model.is_dir():
        raise UsageError(f"--model {args.model}: not a directory")
    events = EventLog(output)
    try:
        if output is None:
            from clinrank_trainer.reward_trainer import evaluate, make_backend
            from clinrank_trainer.data import load_preferences
            import torch

            backend = make_backend(options, [], torch.device(args.device))
            metrics = evaluate(backend, load_preferences(args.data), args.batch_size)
            events.metric(**metrics)
        else:
            metrics = train_reward_model(options, events)
        events.emit("done", command="evaluate-reward-model", metrics=metrics)
    finally:
        events.close()


def make_ppo_backend(options: PPOOptions) -> Callable[[PPOOptions, EventLog], Dict[str, float]]:
    """The PPO loop for the policy asked for: a local Hugging Face causal LM (--policy) or the built-in one."""
    if options.policy is not None:
        from clinrank_trainer.hf_ppo import train_hf_ppo

        return train_hf_ppo
    from clinrank_trainer.ppo_trainer import train_builtin_ppo

    return train_builtin_ppo


def run_ppo(args: argparse.Namespace) -> None:
    from clinrank_trainer.events import EventLog
    from clinrank_trainer.ppo_config import PPOOptions

    if args.sft_epochs is not None and args.sft_epochs < 0:
        raise UsageError(f"--sft-epochs must be zero or more, got {args.sft_epochs}")
    options = PPOOptions(prompts=args.prompts, reward_model=args.reward_model, output=args.output,
                         policy=args.policy, steps=args.steps, batch_size=args.batch_size, kl_coef=args.kl_coef,
                         adaptive_kl=args.adaptive_kl, target_kl=args.target_kl, kl_horizon=args.kl_horizon,
                         lr=args.lr, max_new_tokens=args.max_new_tokens, device=args.device, seed=args.seed,
                         sft_epochs=args.sft_epochs, missing_eos_penalty=args.missing_eos_penalty)
    events = EventLog(args.output)
    try:
        metrics = make_ppo_backend(options)(options, events)
        events.emit("done", command="ppo", metrics=metrics)
    finally:
        events.close()


def run_bertscore(args: argparse.Namespace) -> None:
    from clinrank_trainer.bertscore import run_bertscore_job
    from clinrank_trainer.events import EventLog

    events = EventLog(args.output)
    try:
        metrics = run_bertscore_job(args.input, args.output, args.encoder, args.layer, args.batch_size, args.device, args.seed, events)
        events.emit("done", command="bertscore", metrics=metrics)
    finally:
        events.close()


def run_score(args: argparse.Namespace) -> None:
    from clinrank_trainer.events import EventLog
    from clinrank_trainer.scorer import run_scoring

    events = EventLog(None)  # never the model directory's metrics.jsonl
    metrics = run_scoring(args.model, args.items, args.output, args.device, args.batch_size, args.max_length,
                          args.method, args.passes, args.seed, events)
    events.emit("done", command="score", metrics=metrics)


COMMANDS = {"reward-model": run_reward_model, "evaluate-reward-model": run_evaluate, "ppo": run_ppo,
            "bertscore": run_bertscore, "score": run_score}


def main(argv: Optional[List[str]] = None) -> int:
    """Parse arguments, run the command, map UsageError to a one-line stderr message and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        check_device(args.device)
        COMMANDS[args.command](args)
    except UsageError as error:
        print(f"clinrank_trainer {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
