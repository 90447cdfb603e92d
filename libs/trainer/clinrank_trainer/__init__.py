"""clinrank trainer: reward models and PPO from clinicians' preferences between answers."""

__version__ = "0.1.0"
