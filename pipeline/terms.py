"""Key terms per document: counts and TF-IDF weights over jieba tokens.

Weights use jieba's own IDF table (shipped with jieba, built on a large
general Chinese corpus), so a term's weight does not depend on which other
documents happen to be in this run — a nightly run and a rerun agree.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .segment import init_jieba, resource_path

STOPWORDS_FILE = "stopwords.txt"
_NUMERIC = re.compile(r"^[\d.,%％+\-—~/:：年月日亿万千百]+$")
_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    count: int
    weight: float


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = resource_path(STOPWORDS_FILE).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    init_jieba()
    import jieba.analyse

    tfidf = jieba.analyse.default_tfidf
    return tfidf.idf_freq, tfidf.median_idf


def is_term(word: str) -> bool:
    """A content word: two or more characters, not a number, not a stop word."""
    return (
        len(word) >= 2
        and word not in stopwords()
        and _HAS_WORD.search(word) is not None
        and _NUMERIC.match(word) is None
    )


def key_terms(words: list[str]) -> list[Term]:
    """Term counts and TF-IDF weights, highest weight first."""
    counts = Counter(w for w in (w.strip() for w in words) if is_term(w))
    total = sum(counts.values())
    if not total:
        return []
    idf, median = _idf()
    terms = [Term(w, c, c / total * idf.get(w, median)) for w, c in counts.items()]
    terms.sort(key=lambda t: (-t.weight, t.term))
    return terms
