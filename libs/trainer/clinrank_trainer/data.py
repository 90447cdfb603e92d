"""Preference files (trl pairs or rankings) and prompt files, validated line by line."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from clinrank_trainer.errors import UsageError
from clinrank_trainer.rlhf_math import ranking_to_pairs

Message = Dict[str, str]


@dataclass
class PreferenceGroup:
    """All completions of one prompt and the (winner, loser) pairs among them."""

    prompt: str
    completions: List[str]
    pairs: List[Tuple[int, int]]
    margins: List[float]
    prompt_messages: Optional[List[Message]] = None
    line: int = 0


@dataclass
class PromptExample:
    """A prompt for PPO rollouts, with answers usable for supervised warm-up when the file has them."""

    prompt: str
    answers: List[str] = field(default_factory=list)
    prompt_messages: Optional[List[Message]] = None


def messages_to_text(messages: List[Message]) -> str:
    """Flatten chat messages for the built-in model: a lone user message is its content, else 'role: content' lines."""
    if len(messages) == 1 and messages[0]["role"] == "user":
        return messages[0]["content"]
    return "\n".join(f"{message['role']}: {message['content']}" for message in messages)


def read_json_lines(path: Path) -> List[Tuple[int, Dict[str, Any]]]:
    """(line number, object) for each non-blank line; a clear error for an unreadable file or bad JSON."""
    if not path.is_file():
        raise UsageError(f"{path}: file not found")
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as error:
                raise UsageError(f"{path}:{number}: invalid JSON ({error.msg})") from None
            if not isinstance(row, dict):
                raise UsageError(f"{path}:{number}: expected a JSON object")
            rows.append((number, row))
    if not rows:
        raise UsageError(f"{path}: no JSON lines found")
    return rows


def _where(path: Path, line: int) -> str:
    return f"{path}:{line}"


def _parse_messages(value: Any, where: str, name: str) -> List[Message]:
    if not isinstance(value, list) or not value:
        raise UsageError(f"{where}: '{name}' must be a non-empty list of {{role, content}} messages")
    for message in value:
        if not isinstance(message, dict) or not isinstance(message.get("role"), str) \
                or not isinstance(message.get("content"), str):
            raise UsageError(f"{where}: every message in '{name}' needs string 'role' and 'content'")
    return value


def _parse_prompt(row: Dict[str, Any], where: str) -> Tuple[str, Optional[List[Message]]]:
    if "prompt" not in row:
        raise UsageError(f"{where}: line lacks 'prompt'")
    prompt = row["prompt"]
    if isinstance(prompt, str):
        if not prompt.strip():
            raise UsageError(f"{where}: 'prompt' is empty")
        return prompt, None
    if isinstance(prompt, list):
        messages = _parse_messages(prompt, where, "prompt")
        return messages_to_text(messages), messages
    raise UsageError(f"{where}: 'prompt' must be a string or a list of messages")


def _parse_completion(value: Any, where: str, name: str) -> str:
    if isinstance(value, str):
        if not value.strip():
            raise UsageError(f"{where}: '{name}' is empty")
        return value
    if isinstance(value, list):
        messages = _parse_messages(value, where, name)
        if messages[-1]["role"] != "assistant":
            raise UsageError(f"{where}: '{name}' must end with an assistant message")
        return messages[-1]["content"]
    raise UsageError(f"{where}: '{name}' must be a string or a list with one assistant message")


def _parse_margin(row: Dict[str, Any], where: str) -> float:
    margin = row.get("margin", 0.0)
    if isinstance(margin, bool) or not isinstance(margin, (int, float)):
        raise UsageError(f"{where}: 'margin' must be a number")
    return float(margin)


class _GroupBuilder:
    """Collects completions of one prompt, deduplicating identical texts."""

    def __init__(self, prompt: str, messages: Optional[List[Message]], line: int) -> None:
        self.group = PreferenceGroup(prompt, [], [], [], messages, line)
        self.index_of: Dict[str, int] = {}

    def completion_index(self, text: str) -> int:
        if text not in self.index_of:
            self.index_of[text] = len(self.group.completions)
            self.group.completions.append(text)
        return self.index_of[text]


def load_preferences(path: Path) -> List[PreferenceGroup]:
    """Read a trl or ranking JSON-lines file into one PreferenceGroup per prompt."""
    builders: Dict[str, _GroupBuilder] = {}
    for line, row in read_json_lines(path):
        where = _where(path, line)
        prompt, messages = _parse_prompt(row, where)
        key = json.dumps(messages) if messages is not None else prompt
        builder = builders.setdefault(key, _GroupBuilder(prompt, messages, line))
        if "chosen" in row or "rejected" in row:
            _add_trl_row(builder, row, where)
        elif "completions" in row or "ranking" in row:
            _add_ranking_row(builder, row, where)
        else:
            raise UsageError(f"{where}: expected 'chosen'/'rejected' (trl) or 'completions'/'ranking' (ranking) keys")
    groups = [builder.group for builder in builders.values() if builder.group.pairs]
    if not groups:
        raise UsageError(f"{path}: no preference pairs (every ranking is a single tie group)")
    return groups


def _add_trl_row(builder: _GroupBuilder, row: Dict[str, Any], where: str) -> None:
    for name in ("chosen", "rejected"):
        if name not in row:
            raise UsageError(f"{where}: trl line lacks '{name}'")
    chosen = _parse_completion(row["chosen"], where, "chosen")
    rejected = _parse_completion(row["rejected"], where, "rejected")
    if chosen == rejected:
        raise UsageError(f"{where}: 'chosen' and 'rejected' are identical")
    builder.group.pairs.append((builder.completion_index(chosen), builder.completion_index(rejected)))
    builder.group.margins.append(_parse_margin(row, where))


def _add_ranking_row(builder: _GroupBuilder, row: Dict[str, Any], where: str) -> None:
    completions, ranking = row.get("completions"), row.get("ranking")
    if not isinstance(completions, list) or len(completions) < 2:
        raise UsageError(f"{where}: 'completions' must be a list of at least two answers")
    if not isinstance(ranking, list):
        raise UsageError(f"{where}: 'ranking' must be a list of completion indices, best first")
    texts = [_parse_completion(item, where, f"completions[{i}]") for i, item in enumerate(completions)]
    try:
        pairs = ranking_to_pairs(ranking)
    except (ValueError, TypeError) as error:
        raise UsageError(f"{where}: bad 'ranking' ({error})") from None
    ranked = {index for item in ranking for index in ([item] if isinstance(item, int) else item)}
    if ranked != set(range(len(texts))):
        raise UsageError(f"{where}: 'ranking' must list every completion index 0..{len(texts) - 1} exactly once")
    ids = [builder.completion_index(text) for text in texts]
    for winner, loser in pairs:
        if ids[winner] != ids[loser]:
            builder.group.pairs.append((ids[winner], ids[loser]))
            builder.group.margins.append(0.0)


def _preferred_answers(row: Dict[str, Any], where: str) -> List[str]:
    """Answers a prompt line offers for supervised warm-up (chosen, best-ranked, or references)."""
    answers: List[str] = []
    if "chosen" in row:
        answers.append(_parse_completion(row["chosen"], where, "chosen"))
    if "completions" in row and isinstance(row.get("ranking"), list) and row["ranking"]:
        best = row["ranking"][0]
        for index in [best] if isinstance(best, int) else best:
            if not isinstance(index, int) or not 0 <= index < len(row["completions"]):
                raise UsageError(f"{where}: bad 'ranking'")
            answers.append(_parse_completion(row["completions"][index], where, "completions"))
    for name in ("answer", "reference", "references", "reference_answers"):
        value = row.get(name)
        for item in [value] if isinstance(value, str) else (value or []):
            answers.append(_parse_completion(item, where, name))
    return answers


def load_prompts(path: Path) -> List[PromptExample]:
    """Read a prompts file (any line with 'prompt'; trl and ranking files work too), merging repeated prompts."""
    examples: Dict[str, PromptExample] = {}
    for line, row in read_json_lines(path):
        where = _where(path, line)
        prompt, messages = _parse_prompt(row, where)
        key = json.dumps(messages) if messages is not None else prompt
        example = examples.setdefault(key, PromptExample(prompt, [], messages))
        for answer in _preferred_answers(row, where):
            if answer not in example.answers:
                example.answers.append(answer)
    return list(examples.values())


def write_json_lines(path: Path, rows: List[Dict[str, Any]]) -> None:
    """Write rows as JSON lines."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
