"""Build CleanDocuments for the extractor's tools and tests.

``build_document`` is the pipeline's own cleaner; the minimal builder (one
paragraph per non-empty line, sentences split after 。！？；) gives tests
documents whose layout they control exactly.
"""
from __future__ import annotations

import datetime as dt

from ..clean import clean_document
from ..document import CleanDocument, Paragraph, Sentence

_ENDS = "。！？；!?;"


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    out, s = [], start
    for i in range(start, end):
        if text[i] in _ENDS:
            out.append(Sentence(s, i + 1))
            s = i + 1
    if s < end:
        out.append(Sentence(s, end))
    return [x for x in out if text[x.start:x.end].strip()]


def minimal_document(doc_id: str, raw: str, published: dt.date | None = None) -> CleanDocument:
    lines = [ln for ln in raw.replace("\r\n", "\n").split("\n") if ln.strip()]
    text = "\n".join(lines)
    paras, pos = [], 0
    for no, ln in enumerate(lines):
        paras.append(Paragraph(no, pos, pos + len(ln), split_sentences(text, pos, pos + len(ln))))
        pos += len(ln) + 1
    return CleanDocument(doc_id=doc_id, text=text, published=published, paragraphs=paras)


def build_document(doc_id: str, raw: str, published: dt.date | None = None) -> CleanDocument:
    """The document the flow would build (``pipeline.clean.clean_document``)."""
    return clean_document(doc_id, raw, published)
