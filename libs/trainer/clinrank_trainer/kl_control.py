"""The KL side of PPO's options: the controller they ask for, its band, and how a run reports it (both PPO paths).

`options` is a `ppo_trainer.PPOOptions` (steps, batch_size, kl_coef, adaptive_kl, target_kl, kl_horizon,
kl_error_clip, seed); it is not imported here so that this module stays free of the models.
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple

from clinrank_trainer.rlhf_math import AdaptiveKLController, FixedKLController, default_kl_horizon


def kl_horizon(options) -> int:
    """--kl-horizon, or a tenth of the run's episodes."""
    return options.kl_horizon or default_kl_horizon(options.steps, options.batch_size)


def make_kl_controller(options):
    """Adaptive (Ziegler) controller with --adaptive-kl, else a fixed beta."""
    if not options.adaptive_kl:
        return FixedKLController(options.kl_coef)
    return AdaptiveKLController(options.kl_coef, options.target_kl, kl_horizon(options), options.kl_error_clip)


KL_BAND = 0.5  # the KL band is target * (1 -/+ KL_BAND): where the adaptive controller is asked to hold the KL


def kl_band(options) -> Tuple[float, float]:
    """Lower and upper edge of the KL band around --target-kl."""
    return options.target_kl * (1 - KL_BAND), options.target_kl * (1 + KL_BAND)


def describe_kl_control(options) -> str:
    """One line saying how beta is chosen, for the log."""
    if not options.adaptive_kl:
        return f"KL control: fixed beta {options.kl_coef:g} (k1 estimator, summed over response tokens)"
    low, high = kl_band(options)
    return (f"KL control: adaptive, target {options.target_kl:g} (band {low:g}-{high:g}), beta starts at "
            f"{options.kl_coef:g}, horizon {kl_horizon(options)} episodes, error clip {options.kl_error_clip:g}")


def kl_progress(step: int, options, metrics: Dict[str, float]) -> Optional[str]:
    """A progress line every tenth of the run (and at its end): KL against the band, beta, normalised score."""
    every = max(1, options.steps // 10)
    if step % every and step != options.steps:
        return None
    low, high = kl_band(options)
    band = f" (band {low:g}-{high:g})" if options.adaptive_kl else ""
    return (f"step {step}/{options.steps}: KL {metrics['objective/kl']:.2f}{band}, beta "
            f"{metrics['objective/kl_coef']:.4g}, normalised score {metrics['objective/scores']:.3f}")


def summarize_run(history: Sequence[Dict[str, float]], options) -> Dict[str, float]:
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
