"""BERTScore (Zhang et al. 2020) without idf weighting and without baseline rescaling.

Greedy matching of contextual token embeddings by cosine similarity:
  R = mean over reference tokens of the best similarity to any candidate token,
  P = mean over candidate tokens of the best similarity to any reference token,
  F = 2PR / (P + R).
With several references the reference giving the best F1 is kept (with its P and R).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import torch

from clinrank_trainer.errors import UsageError


@dataclass
class BertScoreItem:
    """One prediction with its reference answers."""

    id: str
    model: str
    language: str
    prediction: str
    references: List[str]


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float


def greedy_match(candidate: torch.Tensor, reference: torch.Tensor) -> Scores:
    """P, R, F1 of greedy cosine matching between [n, d] candidate and [m, d] reference token embeddings.

    An empty side scores 0, as the reference implementation does for empty sentences.
    """
    if candidate.shape[0] == 0 or reference.shape[0] == 0:
        return Scores(0.0, 0.0, 0.0)
    candidate = torch.nn.functional.normalize(candidate.double(), dim=1)
    reference = torch.nn.functional.normalize(reference.double(), dim=1)
    similarity = (candidate @ reference.T).clamp(-1.0, 1.0)  # rounding can push a self-similarity past 1
    precision = similarity.max(dim=1).values.mean().item()
    recall = similarity.max(dim=0).values.mean().item()
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return Scores(precision, recall, f1)


def best_of_references(candidate: torch.Tensor, references: Sequence[torch.Tensor]) -> Tuple[Scores, int]:
    """Scores against the reference with the highest F1, and that reference's index (first one on ties)."""
    best: Optional[Tuple[Scores, int]] = None
    for index, reference in enumerate(references):
        scores = greedy_match(candidate, reference)
        if best is None or scores.f1 > best[0].f1:
            best = (scores, index)
    assert best is not None, "an item always has at least one reference"
    return best


def _fail(path: Path, line_number: int, message: str):
    raise UsageError(f"{path}:{line_number}: {message}")


def _parse_item(path: Path, line_number: int, raw: object) -> BertScoreItem:
    if not isinstance(raw, dict):
        _fail(path, line_number, "expected a JSON object")
    item_id = raw.get("id")
    if not isinstance(item_id, (str, int)) or isinstance(item_id, bool) or str(item_id) == "":
        _fail(path, line_number, "id must be a non-empty string or a number")
    model = raw.get("model")
    if not isinstance(model, str) or model.strip() == "":
        _fail(path, line_number, "model must be a non-empty string")
    language = raw.get("language", "")
    if not isinstance(language, str):
        _fail(path, line_number, "language must be a string")
    prediction = raw.get("prediction")
    if not isinstance(prediction, str):
        _fail(path, line_number, "prediction must be a string")
    references = raw.get("references")
    if not isinstance(references, list) or not references or not all(isinstance(text, str) for text in references):
        _fail(path, line_number, "references must be a non-empty list of strings")
    return BertScoreItem(str(item_id), model, language, prediction, list(references))


def load_items(path: Path) -> List[BertScoreItem]:
    """Read the JSON-lines input; a bad line raises UsageError naming FILE:LINE."""
    if not path.is_file():
        raise UsageError(f"--input {path}: no such file")
    items: List[BertScoreItem] = []
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                _fail(path, line_number, f"not JSON ({error.msg})")
            items.append(_parse_item(path, line_number, raw))
    if not items:
        raise UsageError(f"--input {path}: no items")
    return items


def embed_all(encoder, texts: Sequence[str], batch_size: int) -> Dict[str, torch.Tensor]:
    """Embeddings of each distinct text, batched by similar length to limit padding."""
    distinct = sorted(set(texts), key=len)
    table: Dict[str, torch.Tensor] = {}
    for start in range(0, len(distinct), batch_size):
        chunk = distinct[start: start + batch_size]
        table.update(zip(chunk, encoder.embed(chunk)))
    return table


def score_items(items: Sequence[BertScoreItem], encoder, batch_size: int) -> List[Dict[str, object]]:
    """Per-item best-of-references P/R/F1 rows, in input order."""
    texts = [text for item in items for text in [item.prediction, *item.references]]
    table = embed_all(encoder, texts, batch_size)
    rows = []
    for item in items:
        scores, best = best_of_references(table[item.prediction], [table[text] for text in item.references])
        rows.append({"id": item.id, "model": item.model, "language": item.language, "precision": scores.precision,
                     "recall": scores.recall, "f1": scores.f1, "best_reference": best})
    return rows


def per_model_means(rows: Sequence[Dict[str, object]]) -> Dict[str, Dict[str, float]]:
    """Mean precision, recall and F1 of each model's items (models in name order), with n."""
    models: Dict[str, Dict[str, float]] = {}
    for model in sorted({str(row["model"]) for row in rows}):
        own = [row for row in rows if row["model"] == model]
        models[model] = {name: sum(float(row[name]) for row in own) / len(own) for name in ("precision", "recall", "f1")}
        models[model]["n"] = len(own)
    return models


def per_language_means(rows: Sequence[Dict[str, object]]) -> Dict[str, Dict[str, Dict[str, float]]]:
    """per_model_means within each language (languages in name order); rows without a language are left out."""
    languages = sorted({str(row["language"]) for row in rows if row.get("language")})
    return {language: per_model_means([row for row in rows if row.get("language") == language]) for language in languages}


def run_bertscore_job(input_path: Path, output: Path, encoder_path: Optional[Path], layer: Optional[int],
                      batch_size: int, device: str, seed: int, events) -> Dict[str, object]:
    """Score the input file, write DIR/bertscore.jsonl and DIR/metrics.json, emit one metric line per model."""
    from clinrank_trainer.bertscore_encoders import make_encoder
    from clinrank_trainer.events import write_json

    items = load_items(input_path)
    encoder = make_encoder(encoder_path, layer, device, seed)
    events.log(f"bertscore: {len(items)} items, encoder {encoder_path or 'built-in (random, seed %d)' % seed}, layer {encoder.layer}")
    rows = score_items(items, encoder, batch_size)
    output.mkdir(parents=True, exist_ok=True)
    with open(output / "bertscore.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    models = per_model_means(rows)
    for model, means in models.items():
        # The model is in the metric names too: the worker keeps numeric fields only, one series per name.
        events.metric(model=model, **{f"bertscore/{model}/{name}": value for name, value in means.items()})
    metrics = {"encoder": str(encoder_path) if encoder_path else "builtin", "layer": encoder.layer, "idf": False,
               "rescale_with_baseline": False, "items": len(rows), "models": models,
               "by_language": per_language_means(rows)}
    write_json(output / "metrics.json", metrics)
    events.artifact(output / "bertscore.jsonl", "bertscore")
    events.artifact(output / "metrics.json", "metrics")
    return metrics
