"""The cleaned document every analysis stage reads.

Offsets everywhere (paragraphs, sentences, indicators, entities) are character
offsets into ``CleanDocument.text``, end exclusive, so every output table can be
joined back to the text the analyst sees in ``documents.parquet``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    para_no: int
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class CleanDocument:
    doc_id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def paragraph_text(self, para_no: int) -> str:
        p = self.paragraphs[para_no]
        return self.text[p.start : p.end]

    def sentences(self) -> Iterator[tuple[int, Sentence]]:
        """Yield (para_no, sentence) in text order."""
        for p in self.paragraphs:
            for s in p.sentences:
                yield p.para_no, s

    def paragraph_at(self, offset: int) -> int | None:
        """The para_no containing a character offset, or None."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            p = self.paragraphs[mid]
            if offset < p.start:
                hi = mid - 1
            elif offset >= p.end:
                lo = mid + 1
            else:
                return p.para_no
        return None
