"""Make `clinrank_trainer` and the scripts' modules (`liveqa`, `learning_check`) importable from the repository root."""
import sys
from pathlib import Path

TRAINER_ROOT = Path(__file__).resolve().parents[1]
for directory in (TRAINER_ROOT, TRAINER_ROOT / "scripts"):
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))
