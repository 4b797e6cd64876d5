"""Qualifier (eq gt ge lt le approx) from cue words, and the span convention.

annotations.md: for Arabic numerals the cue stays outside ``text``
("突破5万亿元" -> ``5万亿元``); 余/多 stay inside; Chinese-numeral phrases keep
近/过 inside (``近三分之一``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..segment import cut
from .lexicon import Cue, Lexicon
from .scanner import ATOM, Mention

CLAUSE_BREAKS = set("，,；;：:。！？!?（）()“”\"")


@dataclass
class QualifierResult:
    qualifier: str
    cue_start: int          # where the cue before the number starts (== mention.start if none)
    before_cue: str | None
    after_cue: str | None
    after_end: int          # end of a cue written after the number


def _starts_word(s: str, pos: int) -> bool:
    """The cue at ``pos`` is a word of its own, not the tail of one (违约金50万元, 预约人数3万)."""
    lo = max(0, pos - 6)
    k = lo
    for w in cut(s[lo:pos + 6]):
        if k == pos:
            return True
        if k > pos:
            return False
        k += len(w)
    return k == pos


class Qualifiers:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def _before(self, s: str, m: Mention) -> tuple[Cue, int] | None:
        i = m.start
        while i > 0 and s[i - 1] == " ":
            i -= 1
        for c in self.lex.before_cues:              # touching the number first
            if s.startswith(c.cue, i - len(c.cue)) and i - len(c.cue) >= 0:
                if c.cue in self.lex.inside_for_chinese and c.cue == "过" and not m.chinese:
                    continue                         # 通过5家, 经过3年
                if c.not_after and s[i - len(c.cue) - 1:i - len(c.cue)] in c.not_after:
                    continue                         # 打破3项纪录
                return c, i - len(c.cue)
        # cues separated by a few filler characters: 最高可获得100万元, 不超过审定实际投资额的50%
        lo = max(0, i - 20)
        window = s[lo:i]
        cut = max((window.rfind(ch) for ch in CLAUSE_BREAKS), default=-1)
        if cut >= 0:
            window, lo = window[cut + 1:], lo + cut + 1
        # never reach across another number
        last_num = None
        for a in ATOM.finditer(window):
            last_num = a
        if last_num is not None:
            window, lo = window[last_num.end():], lo + last_num.end()
        best: tuple[Cue, int] | None = None
        for c in self.lex.before_cues:
            if c.gap <= 0:
                continue
            k = window.rfind(c.cue)
            if k < 0 or (c.not_then and window.startswith(c.not_then, k + len(c.cue))):
                continue                             # 最高时速可达247km/h: a top speed, not "at most"
            gap = len(window) - (k + len(c.cue))
            if gap <= c.gap and (best is None or lo + k > best[1]) \
                    and (gap == 0 or _starts_word(s, lo + k)):
                best = (c, lo + k)
        return best

    def _after(self, s: str, m: Mention) -> tuple[Cue, int] | None:
        i = m.end
        while i < len(s) and s[i] == " " and i - m.end < 2:
            i += 1
        for c in self.lex.after_cues:
            if s.startswith(c.cue, i):
                if c.units is not None and m.unit not in c.units:
                    continue
                if c.cue in ("上下",) and s.startswith("上下游", i):
                    continue
                return c, i + len(c.cue)
        return None

    def qualify(self, s: str, m: Mention, rule_context: bool) -> QualifierResult:
        q = "eq"
        before = self._before(s, m)
        after = self._after(s, m)
        cue_start = m.start
        bq = aq = None
        if before is not None:
            c, pos = before
            bq = c.qualifier
            cue_start = pos
            if m.chinese and c.cue in self.lex.inside_for_chinese and pos == m.start - len(c.cue):
                m.start = pos   # 近三分之一: the cue is part of the phrase
        if after is not None:
            c, _ = after
            aq = (c.rule_qualifier or c.qualifier) if rule_context else c.qualifier
        if bq is not None and (bq != "eq" or aq is None):
            q = bq
        elif aq is not None:
            q = aq
        elif m.inner_q is not None:
            q = m.inner_q
        elif m.special == "order":
            q = "approx"
        if q == "eq" and m.inner_q is not None:
            q = m.inner_q
        return QualifierResult(q, cue_start, before[0].cue if before else None,
                               after[0].cue if after else None, after[1] if after else m.end)
