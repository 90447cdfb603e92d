"""Checkpoint hygiene shared by every loader of a user-named model directory."""
from pathlib import Path

from clinrank_trainer.errors import UsageError

PICKLED_WEIGHTS = ("*.bin", "*.pt", "*.pth", "*.ckpt", "*.pkl")


def refuse_pickled_only(path: Path, option: str) -> None:
    """Pickled weights can run code when they are loaded: a checkpoint with pickles and no safetensors is refused."""
    pickled = sorted(entry.name for pattern in PICKLED_WEIGHTS for entry in Path(path).glob(pattern))
    if pickled and not any(Path(path).glob("*.safetensors")):
        raise UsageError(f"{option} {path}: has only pickled weights ({', '.join(pickled[:3])}), which can run code when "
                         f"loaded; convert it to safetensors (save_pretrained(..., safe_serialization=True))")
