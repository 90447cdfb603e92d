"""Make `clinrank_trainer` importable when pytest runs from the repository root."""
import sys
from pathlib import Path

TRAINER_ROOT = Path(__file__).resolve().parents[1]
if str(TRAINER_ROOT) not in sys.path:
    sys.path.insert(0, str(TRAINER_ROOT))
