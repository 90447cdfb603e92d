"""PPO's options (both paths) and what follows from them alone: the KL controller they ask for, its band, the log
lines that report it, and the run summary written to metrics.json. Free of models, so every PPO module can import it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

from clinrank_trainer.rlhf_math import AdaptiveKLController, FixedKLController, default_kl_horizon


# 30 epochs memorised the answers (loss 0.06 nats/token): a near-deterministic reference makes every departure
# cost several nats of KL and left PPO nothing to improve; 12 (loss ~1.7) keeps the policy's entropy.
DEFAULT_SFT_EPOCHS = 12
BUILTIN_DEFAULT_LR = 3e-4  # --lr of the built-in policy's LoRA adapters and value model
HF_DEFAULT_LR = 1.41e-5  # --lr with --policy (TRL's PPO default)


@dataclass
class PPOOptions:
    """Everything `ppo` accepts, plus PPO hyper-parameters with TRL-like defaults."""

    prompts: Path
    reward_model: Path
    output: Path
    policy: Optional[Path] = None
    steps: int = 40
    batch_size: int = 16
    kl_coef: float = 0.05
    adaptive_kl: bool = False
    target_kl: float = 6.0
    kl_horizon: Optional[int] = None  # default: a tenth of the run's episodes (steps * batch_size / 10)
    kl_error_clip: float = 1.0  # Ziegler uses 0.2; with horizon = episodes/10 that cannot move beta 10x in a run
    lr: Optional[float] = None
    max_new_tokens: int = 24
    device: str = "cpu"
    seed: int = 0
    sft_epochs: Optional[int] = None
    missing_eos_penalty: Optional[float] = None
    ppo_epochs: int = 4
    minibatches: int = 2
    clip_range: float = 0.2
    clip_range_value: float = 0.2
    vf_coef: float = 0.1
    gamma: float = 1.0
    lam: float = 0.95
    temperature: float = 1.0
    max_prompt_tokens: int = 48
    policy_dim: int = 64
    policy_layers: int = 1
    lora_r: int = 8
    lora_alpha: float = 32.0
    max_prompt_length: int = 512  # --policy (Hugging Face) only: prompt tokens kept, from the right
    gradient_checkpointing: bool = True  # --policy only


def kl_horizon(options: PPOOptions) -> int:
    """--kl-horizon, or a tenth of the run's episodes."""
    return options.kl_horizon or default_kl_horizon(options.steps, options.batch_size)


def make_kl_controller(options: PPOOptions):
    """Adaptive (Ziegler) controller with --adaptive-kl, else a fixed beta."""
    if not options.adaptive_kl:
        return FixedKLController(options.kl_coef)
    return AdaptiveKLController(options.kl_coef, options.target_kl, kl_horizon(options), options.kl_error_clip)


KL_BAND = 0.5  # the KL band is target * (1 -/+ KL_BAND): where the adaptive controller is asked to hold the KL


def kl_band(options: PPOOptions) -> Tuple[float, float]:
    """Lower and upper edge of the KL band around --target-kl."""
    return options.target_kl * (1 - KL_BAND), options.target_kl * (1 + KL_BAND)


def describe_kl_control(options: PPOOptions) -> str:
    """One line saying how beta is chosen, for the log."""
    if not options.adaptive_kl:
        return f"KL control: fixed beta {options.kl_coef:g} (k1 estimator, summed over response tokens)"
    low, high = kl_band(options)
    return (f"KL control: adaptive, target {options.target_kl:g} (band {low:g}-{high:g}), beta starts at "
            f"{options.kl_coef:g}, horizon {kl_horizon(options)} episodes, error clip {options.kl_error_clip:g}")


def kl_progress(step: int, options: PPOOptions, metrics: Dict[str, float]) -> Optional[str]:
    """A progress line every tenth of the run (and at its end): KL against the band, beta, normalised score."""
    every = max(1, options.steps // 10)
    if step % every and step != options.steps:
        return None
    low, high = kl_band(options)
    band = f" (band {low:g}-{high:g})" if options.adaptive_kl else ""
    return (f"step {step}/{options.steps}: KL {metrics['objective/kl']:.2f}{band}, beta "
            f"{metrics['objective/kl_coef']:.4g}, normalised score {metrics['objective/scores']:.3f}")


def summarize_run(history: Sequence[Dict[str, float]], options: PPOOptions) -> Dict[str, float]:
    """First- and last-quarter averages of score and KL, and the KL controller's target, band and path."""
    if not history:
        raise ValueError("a PPO run summary needs at least one step")
    window = max(1, len(history) // 4)

    def average(key: str, part: Sequence[Dict[str, float]]) -> float:
        return sum(item[key] for item in part) / len(part)

    low, high = kl_band(options)
    last_kl = average("objective/kl", history[-window:])
    betas = [item["objective/kl_coef"] for item in history]
    return {"steps": len(history),
            "raw_scores_first_quarter": average("objective/raw_scores", history[:window]),
            "raw_scores_last_quarter": average("objective/raw_scores", history[-window:]), "seed": options.seed,
            "target_kl": options.target_kl, "adaptive_kl": options.adaptive_kl,
            "kl_band_low": low, "kl_band_high": high, "kl_last_quarter_in_band": low <= last_kl <= high,
            "kl_horizon": kl_horizon(options) if options.adaptive_kl else None,
            "kl_estimator": "k1: sum over response tokens of log pi - log pi_ref",
            "scores_first_quarter": average("objective/scores", history[:window]),
            "scores_last_quarter": average("objective/scores", history[-window:]),
            "kl_last_quarter": last_kl,
            "kl_max": max(item["objective/kl"] for item in history),
            "initial_kl_coef": options.kl_coef, "final_kl_coef": betas[-1],
            "min_kl_coef": min(betas), "max_kl_coef": max(betas),
            "kl_coef_by_tenth": betas[:: max(1, len(betas) // 10)]}
