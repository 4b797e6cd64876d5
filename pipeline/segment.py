"""Word segmentation with jieba and the project's domain dictionary.

jieba keeps one global dictionary per process; loading it (and our user
dictionary) costs ~1 s, so it happens once per worker process, guarded by a
lock, never per document. Every stage that needs words (key terms, NER,
indicator subjects) goes through this module so they all see the same tokens.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import jieba

DOMAIN_DICT = "jieba_domain_dict.txt"
_init_lock = threading.Lock()
_initialised = False


class Token(NamedTuple):
    text: str
    start: int
    end: int


def resource_path(name: str) -> Path:
    """Path of a data file shipped in ``pipeline/resources``."""
    return Path(str(resources.files("pipeline") / "resources" / name))


@lru_cache(maxsize=1)
def dictionary_version() -> str:
    """Content hash of the domain dictionary: part of the cache key for reuse."""
    import hashlib

    return hashlib.sha256(resource_path(DOMAIN_DICT).read_bytes()).hexdigest()[:12]


def init_jieba() -> jieba.Tokenizer:
    """Load jieba's dictionary and the domain dictionary once per process."""
    global _initialised
    if _initialised:
        return jieba.dt
    with _init_lock:
        if not _initialised:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            jieba.load_userdict(str(resource_path(DOMAIN_DICT)))
            _initialised = True
    return jieba.dt


@lru_cache(maxsize=2048)
def _cut(text: str) -> tuple[str, ...]:
    # Several stages segment the same paragraph (key terms, theme features,
    # the NER tokenizer): a small per-process cache makes that one jieba pass.
    init_jieba()
    return tuple(jieba.cut(text, cut_all=False, HMM=True))


def start_batch() -> None:
    """Forget the previous batch's segmentations.

    The cache is for the stages of one batch sharing a jieba pass. Kept across
    batches it would also serve repeats of whole articles, which a nightly corpus
    rarely has and the benchmark's scaled corpus (the pool copied N times) has
    everywhere, so the benchmark would time cache hits instead of segmentation.
    """
    _cut.cache_clear()


def cut(text: str) -> list[str]:
    """Accurate-mode segmentation with the domain dictionary."""
    return list(_cut(text))


def in_dictionary(word: str) -> bool:
    """A word of jieba's or the domain dictionary (not one its HMM made up for unknown text)."""
    return bool(word_frequency(word))


def word_frequency(word: str) -> int:
    """The word's count in jieba's dictionaries (0 for a word they lack)."""
    return init_jieba().FREQ.get(word) or 0


@lru_cache(maxsize=1)
def domain_words() -> frozenset[str]:
    """The words of the domain dictionary alone (names the project curates: 三只羊, 网络视听)."""
    lines = resource_path(DOMAIN_DICT).read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip() and not line.startswith("#"))


def tokenize(text: str) -> list[Token]:
    """Tokens with character offsets into ``text`` (jieba.tokenize's default mode)."""
    out, start = [], 0
    for w in _cut(text):
        out.append(Token(w, start, start + len(w)))
        start += len(w)
    return out


def pos_tag(text: str) -> list[tuple[str, str]]:
    """(word, POS flag) pairs from jieba.posseg, sharing the same dictionary."""
    import jieba.posseg   # 0.15 s of tables: imported by the processes that tag, not the flow's

    init_jieba()
    return [(p.word, p.flag) for p in jieba.posseg.lcut(text, HMM=True)]
