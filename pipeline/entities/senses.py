"""Brand or word: a document-level reading of names that are also ordinary words.

苹果, 阿里 and 荣耀 are brands in a story about phones and ordinary words in a story
about orchards or glory. The merge step keeps such a name only inside a list of
organisations (理想、蔚来等), which is safe but misses the brand in running text
(苹果在和Epic的诉讼中…). Here the whole document decides: where it names the
brand's own world (its products, people, full name or rivals: ``brand_senses.tsv``)
and nothing of the other sense, every stand-alone mention of the name is the brand.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.document import CleanDocument
from pipeline.entities.namefinder import standalone


@dataclass(frozen=True, slots=True)
class BrandSense:
    name: str
    cues: tuple[str, ...]      # words that show the brand sense
    against: tuple[str, ...]   # words that show the other sense


def _word_pattern(words: Iterable[str]) -> re.Pattern | None:
    """Any of the words; a Latin word only as a whole word (Mac, not Machine)."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if w[:1].isascii() and w[:1].isalnum():
            p = r"(?<![A-Za-z])" + p
        if w[-1:].isascii() and w[-1:].isalnum():
            p += r"(?![A-Za-z])"
        parts.append(p)
    return re.compile("|".join(parts)) if parts else None


class BrandSenses:
    """Finds the brand mentions of ambiguous names in documents that show the brand sense."""

    def __init__(self, senses: Iterable[BrandSense]) -> None:
        self._senses = [(s, _word_pattern(s.cues), _word_pattern(s.against)) for s in senses]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]]) -> "BrandSenses":
        """(name, space-separated cues, space-separated counter-cues) rows of brand_senses.tsv."""
        return cls(BrandSense(name, tuple(cues.split()), tuple(against.split())) for name, cues, against in rows)

    def brand_names(self, text: str) -> list[str]:
        """The names whose brand sense ``text`` shows."""
        out = []
        for sense, cues, against in self._senses:
            if sense.name in text and cues is not None and cues.search(text) \
                    and not (against is not None and against.search(text)):
                out.append(sense.name)
        return out

    def mentions(self, doc: CleanDocument, taken: list[tuple[int, int]], starts: set[int], ends: set[int]
                 ) -> list[tuple[str, int, int]]:
        """(name, start, end) of each stand-alone mention to add as the brand.

        A mention starts and ends on token boundaries (苹果 in 苹果|在, not in 大苹果园 read as
        one word) and overlaps no entity already found (苹果公司, a title).
        """
        return [(name, s, e) for name in self.brand_names(doc.text)
                for s, e in standalone(doc.text, name, starts, ends, taken)]
