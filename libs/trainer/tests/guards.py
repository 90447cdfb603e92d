"""Shared skip rules: skip loudly when torch or the dataset is missing, but fail under CI=true for torch."""
import os
from pathlib import Path

import pytest


def running_in_ci() -> bool:
    """True when the CI environment variable says so."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def import_torch_or_skip():
    """Return torch, skip the calling module without it, or raise under CI=true."""
    try:
        import torch
    except ImportError as error:
        if running_in_ci():
            raise ImportError("torch is required when CI=true (apt-get install python3-torch)") from error
        pytest.skip(
            "SKIPPED: torch is not installed for this interpreter; use /usr/bin/python3 with python3-torch",
            allow_module_level=True,
        )
    return torch


def liveqa_dir_or_skip() -> Path:
    """Return the LiveQA-Med directory or skip with a message naming where it was looked for."""
    from liveqa import default_liveqa_dir

    directory = default_liveqa_dir()
    if not (directory / "questions.jsonl").is_file() or not (directory / "judgments.jsonl").is_file():
        pytest.skip(f"SKIPPED: LiveQA-Med data not found in {directory} (set CLINRANK_DATA_DIR)")
    return directory
