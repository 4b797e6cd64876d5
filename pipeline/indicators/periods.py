"""Period a figure refers to: YYYY, YYYY-MM or YYYY-MM-DD, or None.

Time expressions are events in the sentence; a figure takes the last event
before it, else the period carried from the previous sentences of the same
paragraph.  Relative years (今年/去年) resolve against ``doc.published`` or, if
absent, the latest year stated in the text; "去年同期" against the current
period.  No year anywhere -> None (annotations.md "Period").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import Lexicon

_D = r"(\d{1,2})"
YEAR_EXPR = re.compile(
    rf"(截至|截止到|截止|截至到)?\s?((?:19|20)\d\d)\s?年(?:\s?{_D}\s?月份?(?:\s?{_D}\s?[日号])?)?")
MONTH_DAY = re.compile(rf"(截至|截止到|截止)?\s?{_D}\s?月\s?{_D}\s?[日号]")
RELATIVE = re.compile(r"(今年|本年|当年|去年|上年|前年|明年|次年)(同期)?(?:\s?(\d{1,2})\s?月份?)?")
ATTRIBUTIVE_VERBS = ("发行", "上映", "上市", "成立", "出生", "推出", "发布", "创办", "开播", "诞生", "创立", "建立")


@dataclass(frozen=True)
class TimeEvent:
    pos: int
    end: int
    period: str | None
    year: int | None
    scope: str | None = None   # "clause" (去年同期) or "sentence" (8月2日): never carried further


class Periods:
    def __init__(self, lex: Lexicon) -> None:
        p = lex.raw["periods"]
        self.relative = {str(k): int(v) for k, v in (p.get("relative_years") or {}).items()}
        self.reset = tuple(sorted(map(str, p.get("reset_markers") or []), key=len, reverse=True))
        self.year_parts = tuple(map(str, p.get("year_parts") or []))
        self.carry = int(p.get("carry_sentences", 3))
        self.base_markers = tuple(map(str, p.get("base_markers") or []))
        self.event_verbs = tuple(map(str, p.get("event_verbs") or []))

    @staticmethod
    def doc_year(text: str, published: dt.date | None) -> int | None:
        """The article's 'now' for 今年/去年: its publication year, never a guess.

        The latest year stated in the text is not used: histories and
        biographies state many years, and annotations.md leaves 今年 null
        unless the year is known.
        """
        return published.year if published is not None else None

    def _attributive(self, s: str, end: int) -> bool:
        """诞生于1997年的, 2017年发行的: the year describes a noun, not the figures after it."""
        tail = s[end:end + 5]
        if tail.startswith(("的", "起", "以来", "开始")) or tail.startswith(self.event_verbs):
            return True
        return any(tail.startswith(v + "的") for v in ATTRIBUTIVE_VERBS)

    def events(self, s: str, doc_year: int | None, current: str | None) -> list[TimeEvent]:  # noqa: C901
        """Time expressions of one sentence, in text order, resolved left to right.

        ``current`` is the period in force when the sentence starts; 去年同期 and
        bare quarters (一季度) resolve against the period in force where they occur.
        """
        raw: list[tuple[int, int, str, tuple]] = []
        taken: list[tuple[int, int]] = []

        def clause_of(pos: int) -> int:
            return max(s.rfind(c, 0, pos) for c in "，,；;：:")
        for m in YEAR_EXPR.finditer(s):
            y, mo, d = int(m.group(2)), m.group(3), m.group(4)
            start = m.start(2) if m.group(1) is None else m.start()
            head = s[max(0, start - 2):start]
            taken.append((m.start(), m.end()))
            tail = s[m.end():m.end() + 8]
            stretch = re.match(r"\s?[上中下]旬|\s?[至到-]|\s?底|\s?之间|\s?[初末]至", tail) is not None
            if head.endswith(("自", "从")) or (head.endswith("于") and not stretch) or self._attributive(s, m.end()):
                continue       # 于2009年进入NBA, 成立于2020年的: dates an event
            if head.endswith(self.base_markers) or s[max(0, start - 3):start].startswith("与"):
                continue       # 较2024年增长14倍: a comparison base
            tail = s[m.end():m.end() + 8]
            period = f"{y:04d}"
            if mo and 1 <= int(mo) <= 12:
                if d and 1 <= int(d) <= 31:
                    period = f"{y:04d}-{int(mo):02d}-{int(d):02d}"
                else:
                    period = f"{y:04d}-{int(mo):02d}"
                # 截至2023年6月30日止6个月, 2023年3月下旬至2023年5月10日: a stretch -> the year
                if tail.lstrip().startswith("止") or re.match(r"\s?[上中下]旬|\s?[至到-]|\s?底|\s?之间", tail) \
                        or head.endswith(("至", "到", "-")):
                    period = f"{y:04d}"
            raw.append((start, m.end(), "abs", (period,)))
        for m in MONTH_DAY.finditer(s):
            if any(a <= m.start(2) < b for a, b in taken):
                continue
            if s[max(0, m.start() - 1):m.start()] in ("至", "到", "-", "—"):
                continue       # the end of a stretch (3月底至5月10日间)
            raw.append((m.start(), m.end(), "md", (int(m.group(2)), int(m.group(3)))))
        for m in RELATIVE.finditer(s):
            off = self.relative.get(m.group(1))
            if off is not None:
                raw.append((m.start(), m.end(), "rel", (off, bool(m.group(2)), m.group(3))))
        for w in self.year_parts:
            k = s.find(w)
            while k >= 0:
                if not any(a <= k < b + 3 for a, b in taken) and not s[max(0, k - 2):k].endswith(
                        ("今年", "去年", "上年", "本年", "前年", "明年")):
                    raw.append((k, k + len(w), "part", ()))
                k = s.find(w, k + len(w))
        for w in self.reset:
            k = s.find(w)
            if k >= 0 and not any(kind == "abs" and pos < k for pos, _, kind, _ in raw):
                raw.append((k, k + len(w), "reset", ()))
        raw.sort(key=lambda r: r[0])
        ev: list[TimeEvent] = []
        cur = current
        for pos, end, kind, data in raw:
            period: str | None
            if kind == "abs":
                period = data[0]
            elif kind == "md":
                mo, d = data
                year = int(cur[:4]) if cur else doc_year
                period = f"{year:04d}-{mo:02d}-{d:02d}" if year and 1 <= mo <= 12 and 1 <= d <= 31 else None
                ev.append(TimeEvent(pos, end, period, year, scope="sentence"))
                continue
            elif kind == "rel":
                off, same, mo = data
                base = (int(cur[:4]) if cur else doc_year) if same else doc_year
                if base is None:
                    # 今年 with no known year: null for what follows, but not carried on
                    ev.append(TimeEvent(pos, end, None, None, scope="sentence"))
                    continue
                else:
                    y = base + off
                    period = f"{y:04d}-{int(mo):02d}" if mo and 1 <= int(mo) <= 12 and not same else f"{y:04d}"
                if same:   # 去年同期: for the figure right after it, not for what follows
                    ev.append(TimeEvent(pos, end, period, int(period[:4]) if period else None, scope="clause"))
                    continue
            elif kind == "part":
                period = cur[:4] if cur else (f"{doc_year:04d}" if doc_year else None)
            else:
                period = None
            ev.append(TimeEvent(pos, end, period, int(period[:4]) if period else None))
            cur = period
        return ev
