"""spaCy tokenizer backed by the project's jieba segmentation.

NER must see exactly the tokens every other stage sees (same jieba dictionary,
same domain words), so the spaCy pipeline does not use spaCy's own Chinese
segmenter. Whitespace runs are kept as tokens, so ``doc.text == text`` and
character offsets from spaCy can be used on the cleaned text unchanged.

One refinement: where jieba glues a gazetteer name to a neighbouring word
(新浪|微博上, 由谦寻), the word is split at the name's edge
(:meth:`NameFinder.split_words`), so the rules and the model can see the name.
Character offsets are unaffected.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline import segment

TOKENIZER_NAME = "av_pipeline.jieba_tokenizer.v1"


@lru_cache(maxsize=1)
def _name_finder():
    """Gazetteer names (loaded once per process) used to split glued words."""
    from pipeline.entities.gazetteer import load_gazetteer
    from pipeline.entities.namefinder import NameFinder

    gaz = load_gazetteer()
    return NameFinder((name, label, gaz.canonical(name)) for name, label, _ in gaz.entries)


class JiebaTokenizer:
    """Callable ``str -> Doc`` using :func:`pipeline.segment.tokenize`."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [t.text for t in segment.tokenize(text)] if text else []
        words = _name_finder().split_words(text, words)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # Serialisation: nothing to store but the dictionary hash, kept so a model
    # card / debugging session can tell which segmentation it was trained on.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return json.dumps({"domain_dict_sha": segment.dictionary_version()}).encode()

    def from_bytes(self, data: bytes, **kwargs: Any) -> "JiebaTokenizer":
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, **kwargs: Any) -> "JiebaTokenizer":
        return self


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_jieba_tokenizer():
    def make(nlp: spacy.Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make


def blank_nlp() -> spacy.Language:
    """``spacy.blank("zh")`` with the jieba tokenizer."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
