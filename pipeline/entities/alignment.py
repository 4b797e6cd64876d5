"""Character spans -> entity annotations on jieba-tokenised spaCy Docs.

A character entity whose boundary falls inside a jieba token (e.g. LOC 中国 in
the token 中国人) cannot be an exact token span. Modes:

- ``strict``: such spans are not used; their tokens are marked *missing* so
  the model is neither taught the entity nor taught "O" there.
- ``expand``: widen to the covering tokens (teaches wrong boundaries).
- ``contract``: shrink to the tokens fully inside (lost if none are).

The counts of each outcome are collected in :class:`AlignmentStats` so the
choice can be made, and documented, on evidence (see models/ner/README.md).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.entities.corpora import CharExample

AlignMode = Literal["strict", "expand", "contract"]


@dataclass
class AlignmentStats:
    counts: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def example_to_doc(nlp: Language, ex: CharExample, mode: AlignMode = "strict",
                   stats: AlignmentStats | None = None) -> Doc:
    stats = stats if stats is not None else AlignmentStats()
    doc = nlp.make_doc(ex.text)
    ents: list[Span] = []
    missing: list[Span] = []
    for s, e, label in ex.spans:
        stats.add("spans")
        stats.add(f"spans_{label}")
        span = doc.char_span(s, e, label=label, alignment_mode="strict")
        if span is not None:
            ents.append(span)
            continue
        stats.add("misaligned")
        stats.add(f"misaligned_{label}")
        expanded = doc.char_span(s, e, label=label, alignment_mode="expand")
        contracted = doc.char_span(s, e, label=label, alignment_mode="contract")
        if contracted is None:
            stats.add("contract_lost")
        if len(stats.samples) < 40:
            stats.samples.append(f"{ex.text[s:e]}|{label} -> expand '{expanded.text if expanded else None}'"
                                 f" contract '{contracted.text if contracted else None}'")
        chosen = {"strict": None, "expand": expanded, "contract": contracted}[mode]
        if chosen is None:
            stats.add("lost")
            if expanded is not None:
                missing.append(expanded)
        else:
            ents.append(chosen)
    for s, e in ex.missing:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            missing.append(span)
    # Resolve conflicts: entities win over missing; overlapping entities (only
    # possible after expand) keep the first, longest one.
    ents = sorted(ents, key=lambda sp: (-(sp.end - sp.start), sp.start))
    kept: list[Span] = []
    for sp in ents:
        if any(_overlaps((sp.start, sp.end), (k.start, k.end)) for k in kept):
            stats.add("dropped_overlap")
            continue
        kept.append(sp)
    missing = [m for m in missing
               if not any(_overlaps((m.start, m.end), (k.start, k.end)) for k in kept)]
    missing = _merge(doc, missing)
    doc.set_ents(sorted(kept, key=lambda sp: sp.start), missing=missing, default="outside")
    return doc


def _merge(doc: Doc, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in sorted(spans, key=lambda sp: sp.start):
        if out and sp.start < out[-1].end:
            out[-1] = doc[out[-1].start:max(out[-1].end, sp.end)]
        else:
            out.append(sp)
    return out
