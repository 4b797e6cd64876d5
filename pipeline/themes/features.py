"""Features for Chinese paragraphs: jieba words, character n-grams, lexicon scores.

scikit-learn's default token pattern treats a run of Chinese characters as a
single token, so words come from jieba with the project's domain dictionary
(``pipeline.segment.cut``) and character n-grams cover what the segmenter
splits badly. The seed-term lexicon scores are a third block, so the model can
lean on curated evidence where hand labels are few (multi_screen) and learn
where the lexicon misleads. Everything here is module-level so the fitted
pipeline pickles.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from pipeline import segment
from pipeline.themes.lexicon import Lexicon


def _is_word(token: str) -> bool:
    """Keep tokens with a CJK character or a Latin letter; drop numbers and punctuation."""
    return any("\u4e00" <= c <= "\u9fff" or c.isascii() and c.isalpha() for c in token)


def jieba_tokens(text: str) -> list[str]:
    """Word tokens for TfidfVectorizer(tokenizer=jieba_tokens, token_pattern=None)."""
    return [w.lower() for w in segment.cut(text) if w.strip() and _is_word(w)]


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """log1p of each theme's lexicon score (negative totals clipped at 0).

    The lexicon is copied into the estimator at fit time, so a persisted model
    keeps scoring with the lexicon it was trained with even after the resource
    files change.
    """

    def __init__(self, lexicon: Lexicon | None = None, head_chars: int = 0):
        self.lexicon = lexicon
        self.head_chars = head_chars

    def fit(self, X, y=None):  # noqa: N803 - scikit-learn signature
        self.lexicon_ = self.lexicon if self.lexicon is not None else Lexicon.load()
        return self

    def transform(self, X):  # noqa: N803
        texts = list(X)
        blocks = [self.lexicon_.score_many(texts)]
        if self.head_chars:
            # The headline and lead (原标题…) say what the paragraph is about.
            blocks.append(self.lexicon_.score_many([t[: self.head_chars] for t in texts]))
        return sparse.csr_matrix(np.log1p(np.clip(np.hstack(blocks), 0, None)))

    def get_feature_names_out(self, input_features=None):
        from pipeline.themes.lexicon import THEMES

        names = [f"lexicon_{t}" for t in THEMES]
        if self.head_chars:
            names += [f"lexicon_head_{t}" for t in THEMES]
        return np.array(names, dtype=object)
