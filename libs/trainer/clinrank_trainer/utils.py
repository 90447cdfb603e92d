"""Helpers shared by the reward-model and PPO trainers."""
from __future__ import annotations

import random

import torch


def seed_everything(seed: int) -> None:
    """Seed python and torch RNGs."""
    random.seed(seed)
    torch.manual_seed(seed)
