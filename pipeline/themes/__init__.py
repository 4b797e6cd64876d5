"""Theme classification of paragraphs and documents (forms, tech, multi_screen, governance).

``ThemeClassifier.load()`` reads the persisted scikit-learn pipeline from
``models/themes/`` once per process (the flow calls it in every worker);
``score_paragraphs`` gives a 0-1 score per theme, ``paragraph_themes`` applies
the per-theme thresholds chosen at training time, and ``document_scores``
aggregates a document's paragraphs (see ``pipeline.themes.aggregate``).
Train with ``python -m pipeline train-themes``.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

import pipeline
from pipeline.themes.lexicon import THEMES

MODEL_FILE = "model.joblib"
TRAIN_COMMAND = "python -m pipeline train-themes"

__all__ = ["THEMES", "ThemeClassifier", "default_model_dir"]


def default_model_dir() -> Path:
    return Path(pipeline.__file__).resolve().parent.parent / "models" / "themes"


class ThemeClassifier:
    """A trained theme model with its thresholds and document aggregation rule."""

    THEMES: tuple[str, ...] = THEMES

    def __init__(self, model, thresholds, aggregation, version: str, lexicon_version: str = ""):
        self.model = model
        self.thresholds = np.asarray(thresholds, dtype=float)
        self.aggregation = aggregation
        self.version = version
        self.lexicon_version = lexicon_version

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "ThemeClassifier":
        """The model in ``model_dir`` (default: repo-root models/themes), cached per process."""
        return _load(str(Path(model_dir or default_model_dir()).resolve()))

    def score_paragraphs(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 4) scores in THEMES order, each in [0, 1]."""
        from pipeline.themes.model import positive_proba

        if not texts:
            return np.zeros((0, len(THEMES)))
        return np.clip(positive_proba(self.model, [t or "" for t in texts]), 0.0, 1.0)

    def paragraph_themes(self, scores: np.ndarray) -> list[list[str]]:
        """Theme names whose score reaches that theme's threshold, per row."""
        flags = np.asarray(scores, dtype=float).reshape(-1, len(THEMES)) >= self.thresholds
        return [[t for t, on in zip(THEMES, row) if on] for row in flags]

    def document_scores(
        self, para_scores: np.ndarray, para_lengths: list[int]
    ) -> tuple[np.ndarray, list[str]]:
        """(document score per theme, document themes): max over substantial paragraphs."""
        doc, flags = self.aggregation.document_scores(para_scores, para_lengths, self.thresholds)
        return doc, [t for t, on in zip(THEMES, flags) if on]


@lru_cache(maxsize=4)
def _load(model_dir: str) -> ThemeClassifier:
    import joblib

    path = Path(model_dir) / MODEL_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"theme model not found at {path}; train it with `{TRAIN_COMMAND}`"
        )
    raw = path.read_bytes()
    bundle = joblib.load(path)
    if tuple(bundle["themes"]) != THEMES:
        raise ValueError(f"{path} was trained for themes {bundle['themes']}, expected {THEMES}")
    version = f"themes-{bundle['trained']}-{hashlib.sha256(raw).hexdigest()[:10]}"
    return ThemeClassifier(
        bundle["pipeline"], bundle["thresholds"], bundle["aggregation"], version,
        bundle.get("lexicon_version", ""),
    )
