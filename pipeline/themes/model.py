"""The scikit-learn pipeline: TF-IDF words + char n-grams + lexicon -> one LR per theme.

One binary logistic regression per theme (themes co-occur freely, so this is
multi-label, not multi-class; MultiOutputClassifier rather than
OneVsRestClassifier because it passes ``sample_weight`` through, which the
weak labels need); ``class_weight="balanced"`` because tech and multi_screen
are rare. The positive-class probabilities are the paragraph scores; per-theme decision thresholds are chosen separately (cross-validation
on the train split) and stored beside the model.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from pipeline.themes.features import LexiconFeatures, jieba_tokens
from pipeline.themes.lexicon import Lexicon


@dataclass(frozen=True)
class ModelConfig:
    C: float = 256.0
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 4)
    min_df: int = 2
    max_char_features: int = 60000
    lexicon_weight: float = 0.5
    lexicon_head_chars: int = 60
    lexicon_groups: bool = True
    lexicon_sentence_max: bool = True
    seed: int = 13


def build_pipeline(config: ModelConfig = ModelConfig(), lexicon: Lexicon | None = None) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    tokenizer=jieba_tokens,
                    token_pattern=None,
                    lowercase=False,
                    ngram_range=config.word_ngrams,
                    min_df=config.min_df,
                    sublinear_tf=True,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=config.char_ngrams,
                    min_df=config.min_df,
                    max_features=config.max_char_features,
                    sublinear_tf=True,
                ),
            ),
            (
                "lexicon",
                LexiconFeatures(lexicon, head_chars=config.lexicon_head_chars, groups=config.lexicon_groups,
                                sentence_max=config.lexicon_sentence_max),
            ),
        ],
        transformer_weights={"words": 1.0, "chars": 1.0, "lexicon": config.lexicon_weight},
    )
    clf = MultiOutputClassifier(
        LogisticRegression(
            C=config.C, class_weight="balanced", solver="liblinear", max_iter=5000, random_state=config.seed
        )
    )
    return Pipeline([("features", features), ("clf", clf)])


def positive_proba(pipeline: Pipeline, texts: list[str]) -> np.ndarray:
    """(n, n_themes) positive-class probabilities from a fitted pipeline."""
    estimators = pipeline.named_steps["clf"].estimators_
    if not texts:
        return np.zeros((0, len(estimators)))
    columns = []
    for proba, est in zip(pipeline.predict_proba(texts), estimators):
        classes = list(est.classes_)
        columns.append(proba[:, classes.index(1)] if 1 in classes else np.zeros(len(texts)))
    return np.column_stack(columns)
