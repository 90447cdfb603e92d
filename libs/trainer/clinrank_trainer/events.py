"""JSON-lines event stream: stdout carries only JSON objects with a "type"; humans read stderr."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any, Dict, Optional, TextIO

EVENT_TYPES = ("metric", "log", "artifact", "done")


def _json_safe(value: Any) -> Any:
    """Replace non-finite floats by None so every line stays strict JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    return value


class EventLog:
    """Writes events to stdout and metric events also to OUTPUT/metrics.jsonl."""

    def __init__(self, output_dir: Optional[Path] = None, stdout: TextIO = None, stderr: TextIO = None) -> None:
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.metrics_file = None
        if output_dir is not None:
            output_dir.mkdir(parents=True, exist_ok=True)
            self.metrics_file = open(output_dir / "metrics.jsonl", "w", encoding="utf-8")

    def emit(self, event_type: str, **fields: Any) -> Dict[str, Any]:
        """Write one event line to stdout (and metrics.jsonl for metrics)."""
        if event_type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {event_type!r}")
        event = _json_safe({"type": event_type, **fields})
        line = json.dumps(event, sort_keys=False, allow_nan=False)
        print(line, file=self.stdout, flush=True)
        if event_type == "metric" and self.metrics_file is not None:
            self.metrics_file.write(line + "\n")
            self.metrics_file.flush()
        return event

    def metric(self, **fields: Any) -> Dict[str, Any]:
        """Emit a metric line (TRL names)."""
        return self.emit("metric", **fields)

    def log(self, message: str, **fields: Any) -> None:
        """Emit a log event and echo it for humans on stderr."""
        self.emit("log", message=message, **fields)
        print(message, file=self.stderr, flush=True)

    def artifact(self, path: Path, kind: str) -> None:
        """Announce a written file or directory."""
        self.emit("artifact", path=str(path), kind=kind)

    def close(self) -> None:
        """Close metrics.jsonl."""
        if self.metrics_file is not None:
            self.metrics_file.close()
            self.metrics_file = None


def write_json(path: Path, payload: Dict[str, Any]) -> None:
    """Write a pretty JSON file with strict (finite) numbers."""
    path.write_text(json.dumps(_json_safe(payload), indent=2, allow_nan=False) + "\n", encoding="utf-8")
