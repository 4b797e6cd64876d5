"""Readers for the public NER corpora (CLUENER2020, MSRA) as character spans.

Both corpora are character-level; they are read into :class:`CharExample`
(text + end-exclusive character spans in our four labels) before they meet
jieba tokens, so the token-alignment policy lives in one place
(:mod:`pipeline.entities.alignment`). See ``/work/shared/data/ner/README.md``
for the caveats handled here: CLUENER's inclusive ends, the one nested span,
title marks inside WORK spans and unannotated repeats; MSRA's full-width
characters and its unlabelled 《》 titles.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Literal

LABELS = ("ORG", "LOC", "PER", "WORK")
TITLE_RE = re.compile(r"《[^《》\n]{1,80}》")

# U+FF01..U+FF5E -> U+0021..U+007E: one character for one, so offsets survive.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}

TitlePolicy = Literal["mask", "drop", "keep"]


@dataclass(slots=True)
class CharExample:
    text: str
    spans: list[tuple[int, int, str]]            # (start, end exclusive, label)
    missing: list[tuple[int, int]] = field(default_factory=list)  # unknown regions


def fullwidth_to_ascii(text: str) -> str:
    """Length-preserving full-width ASCII -> ASCII (not NFKC, which can change lengths)."""
    return text.translate(_FULLWIDTH)


def load_label_map(data_dir: Path) -> dict[str, dict[str, str | None]]:
    return json.loads((data_dir / "label_map.json").read_text(encoding="utf-8"))


def strip_title_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """WORK is written without 《》 (annotations.md), so train and score that way."""
    if end - start > 2 and text[start] == "《" and text[end - 1] == "》":
        return start + 1, end - 1
    return start, end


def _drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longer span where two overlap (doc.ents cannot nest)."""
    kept: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def _fill_repeats(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Label unannotated repeats of a string annotated elsewhere in the sentence."""
    out = list(spans)
    for s, e, lab in spans:
        surface = text[s:e]
        for m in re.finditer(re.escape(surface), text):
            cand = (m.start(), m.end(), lab)
            if all(cand[1] <= o[0] or cand[0] >= o[1] for o in out):
                out.append(cand)
    return sorted(out)


def read_cluener(path: Path, label_map: dict[str, str | None], *, fill_repeats: bool = False
                 ) -> Iterator[CharExample]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"]
        spans: list[tuple[int, int, str]] = []
        for src_label, entities in rec.get("label", {}).items():
            label = label_map.get(src_label)
            if label is None:
                continue
            for offsets in entities.values():
                for start, end_incl in offsets:
                    s, e = start, end_incl + 1
                    if label == "WORK":
                        s, e = strip_title_marks(text, s, e)
                    spans.append((s, e, label))
        spans = _drop_overlaps(spans)
        if fill_repeats:
            spans = _fill_repeats(text, spans)
        yield CharExample(text, spans)


def _bio_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            ch, tag = line.split("\t")
            sent.append((ch, tag))
    if sent:
        yield sent


def read_msra(path: Path, label_map: dict[str, str | None], *, titles: TitlePolicy = "mask",
              max_sentences: int | None = None, stats: dict[str, int] | None = None
              ) -> Iterator[CharExample]:
    """MSRA BIO sentences. ``titles`` decides what happens to fully-O 《…》 spans,
    which MSRA leaves unlabelled although our scheme calls them WORK."""
    stats = stats if stats is not None else {}
    n = 0
    for sent in _bio_sentences(path):
        if max_sentences is not None and n >= max_sentences:
            break
        text = fullwidth_to_ascii("".join(ch for ch, _ in sent))
        spans: list[tuple[int, int, str]] = []
        start, label = None, None
        for i, (_, tag) in enumerate(sent + [("", "O")]):
            if start is not None and not tag.startswith("I-"):
                if label is not None:
                    spans.append((start, i, label))
                start, label = None, None
            if tag.startswith("B-"):
                start, label = i, label_map.get(tag[2:])
        tagged = [False] * len(text)
        for s, e, _ in spans:
            for k in range(s, e):
                tagged[k] = True
        titles_o = [(m.start(), m.end()) for m in TITLE_RE.finditer(text)
                    if not any(tagged[m.start():m.end()])]
        stats["sentences"] = stats.get("sentences", 0) + 1
        if titles_o:
            stats["sentences_with_unlabelled_title"] = stats.get("sentences_with_unlabelled_title", 0) + 1
            stats["unlabelled_titles"] = stats.get("unlabelled_titles", 0) + len(titles_o)
            if titles == "drop":
                continue
        n += 1
        yield CharExample(text, spans, missing=titles_o if titles == "mask" else [])
