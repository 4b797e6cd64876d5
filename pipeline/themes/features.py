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

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from pipeline import segment
from pipeline.themes.lexicon import THEMES, Lexicon


def _is_word(token: str) -> bool:
    """Keep tokens with a CJK character or a Latin letter; drop numbers and punctuation."""
    return any("\u4e00" <= c <= "\u9fff" or c.isascii() and c.isalpha() for c in token)


def jieba_tokens(text: str) -> list[str]:
    """Word tokens for TfidfVectorizer(tokenizer=jieba_tokens, token_pattern=None)."""
    return [w.lower() for w in segment.cut(text) if w.strip() and _is_word(w)]


SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def sentences(text: str) -> list[str]:
    """Sentences split on 。！？；, the cleaner's sentence ends (the whole text if none)."""
    parts = [s for s in SENTENCE_END.split(text) if s.strip()]
    return parts or [text]


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """log1p of each theme's lexicon score (negative totals clipped at 0).

    Optional blocks: the same on the first ``head_chars`` characters
    (headline/lead), per term-group scores (``groups``: for forms, named formats
    versus carrier platforms, which the hand labels treat differently), and the
    best single sentence (``sentence_max``: a theme stated in one sentence of a
    long paragraph). The lexicon is copied into the estimator at fit time, so a
    persisted model keeps scoring with the lexicon it was trained with even
    after the resource files change.
    """

    def __init__(self, lexicon: Lexicon | None = None, head_chars: int = 0, groups: bool = False,
                 sentence_max: bool = False):
        self.lexicon = lexicon
        self.head_chars = head_chars
        self.groups = groups
        self.sentence_max = sentence_max

    def fit(self, X, y=None):  # noqa: N803 - scikit-learn signature
        self.lexicon_ = self.lexicon if self.lexicon is not None else Lexicon.load()
        return self

    def transform(self, X):  # noqa: N803
        texts = list(X)
        blocks = [self.lexicon_.score_many(texts)]
        if self.head_chars:
            # The headline and lead (原标题…) say what the paragraph is about.
            blocks.append(self.lexicon_.score_many([t[: self.head_chars] for t in texts]))
        if self.groups:
            blocks.append(self.lexicon_.group_scores(texts).reshape(len(texts), -1))
        if self.sentence_max:
            blocks.append(np.vstack([self.lexicon_.score_many(sentences(t)).max(axis=0) for t in texts])
                          if texts else np.zeros((0, len(THEMES))))
        return sparse.csr_matrix(np.log1p(np.clip(np.hstack(blocks), 0, None)))

    def get_feature_names_out(self, input_features=None):
        names = [f"lexicon_{t}" for t in THEMES]
        if self.head_chars:
            names += [f"lexicon_head_{t}" for t in THEMES]
        if self.groups:
            names += [f"lexicon_{t}_{g}" for t, g in self.lexicon_.group_keys]
        if self.sentence_max:
            names += [f"lexicon_sentmax_{t}" for t in THEMES]
        return np.array(names, dtype=object)
