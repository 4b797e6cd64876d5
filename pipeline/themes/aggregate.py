"""Paragraph scores -> document scores and themes.

annotations.md lists a document theme "when at least one paragraph is
substantially about it", so the document score is the maximum over the
document's substantial paragraphs (at least ``min_chars`` characters; headings,
bylines and captions are shorter), and the document has a theme when that
maximum reaches the theme's paragraph threshold. Using the maximum keeps the
two levels consistent: a document has a theme exactly when one of its
substantial paragraphs has it. A document without any substantial paragraph
(a short notice) falls back to all its paragraphs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.segment import resource_path

AGGREGATION_JSON = "themes/aggregation.json"


@dataclass(frozen=True)
class AggregationRule:
    min_chars: int = 40
    version: str = "agg-v1"

    @classmethod
    def from_file(cls, path: Path | None = None) -> "AggregationRule":
        conf = json.loads((path or resource_path(AGGREGATION_JSON)).read_text(encoding="utf-8"))
        if conf.get("rule", "max_substantial") != "max_substantial":
            raise ValueError(f"unknown aggregation rule {conf.get('rule')!r}")
        return cls(min_chars=int(conf["min_chars"]), version=str(conf["version"]))

    def document_scores(
        self, para_scores: np.ndarray, para_lengths: list[int], thresholds: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(scores per theme, 0/1 theme flags) for one document."""
        scores = np.asarray(para_scores, dtype=float)
        n_themes = len(thresholds)
        if scores.size == 0:
            return np.zeros(n_themes), np.zeros(n_themes, dtype=int)
        scores = scores.reshape(-1, n_themes)
        lengths = np.asarray(para_lengths)
        if len(lengths) != scores.shape[0]:
            raise ValueError(f"{scores.shape[0]} paragraph score rows but {len(lengths)} lengths")
        substantial = lengths >= self.min_chars
        pool = scores[substantial] if substantial.any() else scores
        doc = pool.max(axis=0)
        return doc, (doc >= np.asarray(thresholds)).astype(int)
