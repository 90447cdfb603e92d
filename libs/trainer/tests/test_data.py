"""Preference and prompt file parsing, grouping and error reporting."""
import json

import pytest

from guards import import_torch_or_skip

import_torch_or_skip()

from clinrank_trainer.data import load_preferences, load_prompts  # noqa: E402
from clinrank_trainer.errors import UsageError  # noqa: E402


def write_lines(path, rows):
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows))
    return path


def test_trl_lines_of_one_prompt_form_one_group_with_margins(tmp_path):
    path = write_lines(tmp_path / "p.jsonl", [
        {"prompt": "q1", "chosen": "a", "rejected": "b", "margin": 1.5},
        {"prompt": "q1", "chosen": "a", "rejected": "c"},
        {"prompt": "q2", "chosen": "x", "rejected": "y"},
    ])
    groups = load_preferences(path)
    assert [g.prompt for g in groups] == ["q1", "q2"]
    assert groups[0].completions == ["a", "b", "c"]
    assert groups[0].pairs == [(0, 1), (0, 2)]
    assert groups[0].margins == [1.5, 0.0]


def test_conversational_trl_lines_are_flattened(tmp_path):
    path = write_lines(tmp_path / "p.jsonl", [{
        "prompt": [{"role": "user", "content": "Is aspirin safe?"}],
        "chosen": [{"role": "assistant", "content": "Usually, with caveats."}],
        "rejected": [{"role": "assistant", "content": "Always."}],
    }])
    group = load_preferences(path)[0]
    assert group.prompt == "Is aspirin safe?"
    assert group.prompt_messages == [{"role": "user", "content": "Is aspirin safe?"}]
    assert group.completions == ["Usually, with caveats.", "Always."]


def test_ranking_line_gives_all_pairs_and_respects_ties(tmp_path):
    path = write_lines(tmp_path / "r.jsonl", [
        {"prompt": "q", "completions": ["a", "b", "c", "d"], "ranking": [2, 0, 3, 1]},
        {"prompt": "t", "completions": ["a", "b", "c"], "ranking": [[0, 1], 2]},
    ])
    first, second = load_preferences(path)
    assert len(first.pairs) == 6 and (2, 1) in first.pairs
    assert sorted(second.pairs) == [(0, 2), (1, 2)]


@pytest.mark.parametrize("row,needle", [
    ("{not json", ":2: invalid JSON"),
    ({"prompt": "q", "chosen": "a"}, ":2: trl line lacks 'rejected'"),
    ({"prompt": "q", "completions": ["a", "b"], "ranking": [0]}, ":2: 'ranking' must list every"),
    ({"prompt": "q", "completions": ["a", "b"], "ranking": [0, 0]}, ":2: bad 'ranking'"),
    ({"prompt": 3, "chosen": "a", "rejected": "b"}, ":2: 'prompt' must be"),
    ({"prompt": "q", "chosen": "a", "rejected": "b", "margin": "big"}, ":2: 'margin' must be a number"),
    ({"question": "q"}, ":2: line lacks 'prompt'"),
    ({"prompt": "q", "answers": ["a"]}, ":2: expected"),
])
def test_bad_lines_are_reported_with_file_and_line(tmp_path, row, needle):
    path = write_lines(tmp_path / "bad.jsonl", [{"prompt": "ok", "chosen": "a", "rejected": "b"}, row])
    with pytest.raises(UsageError) as caught:
        load_preferences(path)
    assert str(path) in str(caught.value) and needle in str(caught.value)


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="file not found"):
        load_preferences(tmp_path / "absent.jsonl")


def test_prompts_file_collects_answers_from_trl_and_ranking_lines(tmp_path):
    path = write_lines(tmp_path / "p.jsonl", [
        {"prompt": "q1", "chosen": "good", "rejected": "bad"},
        {"prompt": "q2", "completions": ["worse", "best"], "ranking": [1, 0]},
        {"prompt": "q3"},
        {"prompt": "q1", "chosen": "good", "rejected": "worse"},
    ])
    examples = load_prompts(path)
    assert [(e.prompt, e.answers) for e in examples] == [("q1", ["good"]), ("q2", ["best"]), ("q3", [])]
