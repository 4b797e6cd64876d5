"""Gazetteer names found on the characters, kept where they fall on token edges.

The span ruler matches a name's *own* jieba segmentation (新浪微博 → one token),
but jieba segments by context, so in a sentence the same name may come out as
新浪|微博 or 腾讯|新闻 and the token pattern never fires. Searching the text
for the characters and keeping matches that start and end on token boundaries
finds those names without ever cutting a token (a name glued to a neighbour,
由谦寻, is still not found: that would split a word).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

from spacy.tokens import Doc, Span

from pipeline.segment import word_frequency


# one-character function words that jieba glues to a short name: before it
# (由谦寻, 在抖音) or after it (微博上, 快手等)
CLITICS_BEFORE = frozenset("由在对将把被从向据让给跟同和与及或为")
CLITICS_AFTER = frozenset("上下中里内外等和与及的了")
# 有, 是, 在, 说 …: jieba's most frequent one-character words (the most common given-name
# characters, 军 or 强, count under 30,000); a name does not end in one
COMMON_CHAR_COUNT = 100_000


def standalone(text: str, name: str, starts: set[int], ends: set[int], taken: Iterable[tuple[int, int]]
               ) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of ``name`` in ``text`` on token boundaries (character
    offsets in ``starts``/``ends``) that overlaps no span of ``taken``."""
    taken = list(taken)
    out = []
    for m in re.finditer(re.escape(name), text):
        s, e = m.start(), m.end()
        if s in starts and e in ends and not any(a < e and s < b for a, b in taken):
            out.append((s, e))
    return out


class NameFinder:
    def __init__(self, names: Iterable[tuple[str, str, str]]) -> None:
        self.info: dict[str, tuple[str, str]] = {}
        for name, label, canonical in names:
            if name:
                self.info.setdefault(name, (label, canonical))
        # the lengths of the names starting with each character, longest first: a scan
        # costs a few set lookups per character, however many names there are (a regex
        # alternation of 7,000 names tried them one by one)
        lengths: dict[str, set[int]] = {}
        for name in self.info:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}

    def find(self, text: str, pos: int = 0) -> tuple[int, int] | None:
        """The leftmost name at or after ``pos`` (the longest one starting there), as (start, end),
        unless a longer name starts inside it and runs past its end: 联合|国家发展改革委
        is not 联合国 + 家发展改革委."""
        lengths, info = self.lengths, self.info
        for i in range(pos, len(text)):
            for n in lengths.get(text[i], ()):
                if i + n <= len(text) and text[i:i + n] in info:
                    return self._longer_overlap(text, i, i + n)
        return None

    def _longer_overlap(self, text: str, s: int, e: int) -> tuple[int, int]:
        lengths, info = self.lengths, self.info
        j = s + 1
        while j < e:
            for n in lengths.get(text[j], ()):
                if n <= e - s or j + n <= e:
                    break       # lengths are sorted longest first
                if j + n <= len(text) and text[j:j + n] in info:
                    s, e = j, j + n
                    break
            j += 1
        return s, e

    def spans(self, doc: Doc) -> list[Span]:
        """Every name occurrence that starts and ends on token boundaries."""
        out: list[Span] = []
        text, pos = doc.text, 0
        while (m := self.find(text, pos)) is not None:
            s, e = m
            label, canonical = self.info[text[s:e]]
            span = doc.char_span(s, e, label=label, span_id=canonical)
            if span is None:
                pos = s + 1      # misaligned: a shorter name may start further on
                continue
            out.append(span)
            pos = e
        return out

    def split_words(self, text: str, words: list[str]) -> list[str]:
        """Split jieba words at the edges of gazetteer names glued to a neighbour.

        An organisation name of 3+ characters always becomes its own token
        (封面|新闻记者 → 封面新闻|记者); a shorter name, or a place (黔东南州 stays
        whole), only when the piece it is glued to is one function character
        (由谦寻 → 由|谦寻, 微博上 → 微博|上), so 中国人, 上海话 and 大理由 stay whole;
        a known person's name also off a very common character (辛巴有 → 辛巴|有;
        王菲菲 stays whole).
        Latin words are never split. ``words`` must concatenate to ``text``.
        """
        if not self.info or not words:
            return words
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w)
        ends = [st + len(w) for st, w in zip(starts, words)]

        def inside(b: int) -> int | None:
            i = bisect_right(starts, b) - 1
            return i if i >= 0 and starts[i] < b < ends[i] else None

        cuts: set[int] = set()
        pos = 0
        while (m := self.find(text, pos)) is not None:
            s, e = m
            new: list[int] = []
            ok = True
            for b, left in ((s, True), (e, False)):
                i = inside(b)
                if i is None:
                    continue
                piece = text[starts[i]:b] if left else text[b:ends[i]]
                if text[b - 1].isascii() and text[b].isascii():
                    ok = False      # never inside a Latin word (Meta | Studio)
                elif (e - s >= 3 and self.info[text[s:e]][0] != "LOC") or (
                        len(piece) == 1 and piece in (CLITICS_BEFORE if left else CLITICS_AFTER)) or (
                        not left and self.info[text[s:e]][0] == "PER" and _stolen(piece)):
                    new.append(b)
                else:
                    ok = False
            if ok:
                cuts.update(new)
            pos = e if ok else s + 1
        if not cuts:
            return words
        out: list[str] = []
        for st, w in zip(starts, words):
            last = 0
            for b in sorted(c - st for c in cuts if st < c < st + len(w)):
                out.append(w[last:b])
                last = b
            out.append(w[last:])
        return out


def _stolen(piece: str) -> bool:
    """和|辛巴有|的: jieba's HMM glued one very common character onto a name it did not know."""
    return len(piece) == 1 and word_frequency(piece) >= COMMON_CHAR_COUNT
