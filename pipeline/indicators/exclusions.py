"""Mentions that are numbers but not indicators: dates, ordinals, names, codes, quotes.

A wrong row costs an analyst more than a missing one, so anything that looks
like a calendar reference, a rank, a product name or website furniture is
dropped here, each with a reason (kept on the mention for debugging).
"""
from __future__ import annotations

import re

from ..segment import domain_words
from .kinds import Kinds
from .lexicon import Lexicon
from .numerals import CN_DIGITS
from .scanner import BOUNDS, CN_CHARS, Mention, follows_cue, is_word_char

URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+\.[\w.]+")
DEMONSTRATIVES = set("这那此该每各其前后头首末")
YEAR_UNITS = {None, "年", "款", "版", "届", "季"}
OPERATORS = set("*×xX")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


SHORT_YEAR_TAIL = re.compile(r"\s?(?:同期|上半年|下半年|全年|前三季度|[一二三四1-4]季度|第[一二三四]季度|底|末|初|\d{1,2}\s?月)")
SHORT_YEAR_END = re.compile(r"(?:19|20)\d\d\s?年?\s?[-—~～至到/]\s?$")
BOOK_TITLE = re.compile(r"《[^《》]{1,30}》")
SESSION_REACH = 12     # how far around a figure a session number (十五届94次) is looked for
# 0时30分, 10点05分, 下午三点二十分: the minutes of a clock time, not a figure.
CLOCK_HEAD = re.compile(r"(?:[01]?\d|2[0-4]|[零〇一二两三四五六七八九十]{1,3})\s?[时点]\s?$")


class Exclusions:
    def __init__(self, lex: Lexicon, kinds: Kinds | None = None) -> None:
        ex = lex.raw["exclusions"]
        self.lex = lex
        self.latin_units = lex.latin_units
        self.ordinal_prefixes = sorted(map(str, ex.get("ordinal_prefixes") or []), key=len, reverse=True)
        self.session_number = re.compile(str(ex.get("session_number") or r"(?!)"))
        self.counted_noun_blockers = frozenset(map(str, ex.get("counted_noun_blockers") or []))
        self.group_pronouns = frozenset(map(str, ex.get("group_pronouns") or []))
        self.name_suffixes = sorted(map(str, ex.get("name_suffixes") or []), key=len, reverse=True)
        self.counted_after = frozenset(map(str, ex.get("counted_after") or []))
        self.scope_prefixes = sorted(map(str, ex.get("scope_prefixes") or []), key=len, reverse=True)
        self.scope_suffixes = sorted(map(str, ex.get("scope_suffixes") or []), key=len, reverse=True)
        self.quote_chars = set(str(ex.get("quote_chars", "")))
        self.time_suffixes = tuple(map(str, ex.get("time_suffixes") or []))
        self.penalty_cues = lex.words("exclusions", "penalty_cues")
        self.within_words = tuple(lex.words("exclusions", "within_words"))
        self.kinds = kinds or Kinds(lex)       # whether a sentence sets a rule (time limits)
        # cue words that, touching a number, make it a bound (超, 破, 近 …; not 达到)
        self.bound_cues = tuple(c.cue for c in lex.before_cues if c.gap == 0 and c.qualifier != "eq")
        # names of the domain dictionary that open with a number (三只羊, 58同城)
        self.numeral_names = frozenset(w for w in domain_words() if w[0].isdigit() or w[0] in CN_CHARS)
        self.numeral_name_len = max(map(len, self.numeral_names), default=0)
        self.numeral_name_heads = frozenset(w[0] for w in self.numeral_names)

    def spans(self, s: str) -> list[tuple[int, int]]:
        """Regions of the sentence where no indicator is read (URLs, boilerplate)."""
        out = [(m.start(), m.end()) for m in URL.finditer(s)] if ("/" in s or "@" in s or "www" in s) else []
        out += [(m.start(), m.end()) for m in self.lex.boilerplate.finditer(s)]
        if "《" in s:          # 《天龙八部》, 《007》: a number inside a title is part of a name
            out += [(m.start(), m.end()) for m in BOOK_TITLE.finditer(s)]
        return out

    def apply(self, s: str, mentions: list[Mention]) -> None:
        """Set ``excluded`` on every mention that is not an indicator."""
        blocked = self.spans(s)
        for m in mentions:
            if m.excluded is None:
                m.excluded = self.reason(s, m, blocked)

    def reason(self, s: str, m: Mention, blocked: list[tuple[int, int]]) -> str | None:
        n = len(s)
        for a, b in blocked:
            if a < m.end and m.start < b:
                return "name" if s[a] == "《" else "boilerplate"
        if m.unit_class == "calendar":
            return "date"
        if m.unit in ("分", "分钟", "秒") and m.value_high is None and CLOCK_HEAD.search(s, max(0, m.start - 6), m.start):
            return "time"
        if s[m.start] in self.numeral_name_heads and any(s[m.start:m.start + k] in self.numeral_names
                                      for k in range(m.end - m.start + 1, self.numeral_name_len + 1)):
            return "name"          # 三只羊网络: a name of the domain dictionary, not 3 只
        before = s[m.start - 1] if m.start > 0 else ""
        after = s[m.num_end] if m.num_end < n else ""
        if not m.chinese and m.special is None:
            core = s[m.num_start:m.num_end].lstrip("-−+负")
            # codes and identifiers: 01024.HK, 010-85202353
            if len(core) > 1 and core[0] == "0" and core[1].isdigit():
                return "code"
            # names containing digits: 5G, 4K, H100, MT9653, A32
            if after and _is_latin(after) and m.unit_class != "latin" and m.unit not in self.latin_units \
                    and not (m.magnitude is not None and m.end > m.num_end):    # 捐款50W: the letter is 万
                return "name"
            if before and _is_latin(before):
                if not (before in OPERATORS and (m.start < 2 or not _is_latin(s[m.start - 2]))):
                    return "name"
            if before == "." and m.start >= 2 and s[m.start - 2].isdigit():
                return "name"          # version numbers 2.1.3
            if after == ":" and m.num_end + 1 < n and s[m.num_end + 1].isdigit():
                return "time"
            if before == ":" and m.start >= 2 and s[m.start - 2].isdigit():
                return "time"
            if (after in "*×" and m.unit is None) or (before in "*×" and m.start >= 2 and s[m.start - 2].isdigit()):
                return "dimensions"
            if before == "+" and m.start >= 2 and s[m.start - 2].isdigit() and m.unit is None:
                return "formula"
            v = m.value
            if m.magnitude is None and v.is_integer() and 1900 <= v <= 2100 and m.unit in YEAR_UNITS:
                return "year"
            if (m.magnitude is None and m.unit in YEAR_UNITS and m.value_high is not None
                    and v.is_integer() and m.value_high.is_integer() and 1000 <= v < m.value_high <= 2100):
                return "year"          # 从1826年到1975年: a stretch of history, not a count of years
            if m.unit == "年" and v.is_integer() and 0 <= v < 100 and SHORT_YEAR_END.search(s, 0, m.start):
                return "year"          # 2023-25年: the end of a year range
            if m.unit == "年" and len(core) == 2 and (SHORT_YEAR_TAIL.match(s, m.end)
                                                      or s[max(0, m.start - 1):m.start] in ("较", "比")):
                return "year"          # 较19年同期, 23年上半年, 22年8月: a two-digit year
            if self._in_quote(s, m):
                return "stock-quote"
        if m.unit is None and s.startswith(self.time_suffixes, m.end):
            return "date"              # 第二季度, 3季度, 2023财年: a time, which may separate subject and figure
        # ordinals and ranks: 第57次, TOP 1, NO.1
        head = s[max(0, m.start - 6):m.start]
        head_tight = head.rstrip(" ")
        spaced = len(head) - len(head_tight)       # web text: 第 21 条 (one space reads through)
        for p in self.ordinal_prefixes:
            if head_tight.endswith(p):
                if spaced > 1 or (p in self.counted_after and m.unit_class == "measure"):
                    break
                return "ordinal"
        if any(a <= m.start and m.end <= b for a, b in self._sessions(s, m)):
            return "ordinal"           # 市人民政府十五届94次常务会议: which session and meeting, not counts
        for p in self.scope_prefixes:
            if head_tight.endswith(p) and spaced <= 1 and m.unit_class == "duration":
                return "scope"
        tail = s[m.end:m.end + 4]
        if m.unit_class == "duration" and any(tail.startswith(x) for x in self.scope_suffixes):
            return "scope"             # 10个月之后, 三年前
        for suf in self.name_suffixes:
            if tail.startswith(suf):
                if len(suf) == 1 and suf != "队" and m.unit is not None:
                    # 2952名代表, 5个核心成员: a word after the unit (but 76人队 is a name, 5代 has no unit)
                    continue
                return "name"
        if m.bare:
            return "bare"
        if m.chinese:
            return self._chinese(s, m)
        return None

    def _chinese(self, s: str, m: Mention) -> str | None:
        atom = s[m.num_start:m.num_end]
        if m.special is not None:
            return None
        if m.unit_class == "duration" and (s.startswith(BOUNDS, m.end) or follows_cue(s, m.start, self.penalty_cues)):
            return None                # 处五日以上十日以下拘留, 行政拘留十日: a penalty, not narrative
        if m.inner_q is None and all(c in "十百千万亿拾佰仟" for c in atom) and not self._counted_magnitude(s, m):
            return "vague"             # 百年, 千人千面, 万人空巷
        if m.unit is None:
            nxt = s[m.end] if m.end < len(s) else ""
            if nxt and ("\u4e00" <= nxt <= "\u9fff" or nxt.isalnum()) and not self._counts_noun(m, atom, nxt):
                return "word"          # 三万里网络科技: a name, not a figure
        if m.magnitude is None and m.value_high is None:
            if (m.value == 1 or m.value == 0) and m.unit != "倍":
                return "article"       # 一个偶然的机会, 一次性 (but 增长一倍多 is a figure)
            if s[m.start:m.end] in self.group_pronouns:
                return "pronoun"       # 两人合作后: the two people named before
            if atom == "二":
                return "ordinal"       # counting uses 两 (两次); 二次传播, 二期 are ordinals
            before = s[m.start - 1] if m.start > 0 else ""
            if before in DEMONSTRATIVES:
                return "demonstrative"
            if m.value <= self.lex.get("exclusions", "small_chinese_max", 10) and m.unit_class == "duration" \
                    and not self._time_limit(s, m):
                return "duration"      # 三年, 两天: narrative, not figures
        return None

    def _sessions(self, s: str, m: Mention) -> list[tuple[int, int]]:
        if "届" not in s:
            return []
        lo, hi = max(0, m.start - SESSION_REACH), m.end + SESSION_REACH
        return [x.span() for x in self.session_number.finditer(s, lo, hi)]

    def _time_limit(self, s: str, m: Mention) -> bool:
        """应当在五个工作日内予以答复: a time limit (内 after the duration) in a sentence that sets a rule."""
        return s.startswith(self.within_words, m.end) and self.kinds.sets_rule(s)

    def _counts_noun(self, m: Mention, atom: str, nxt: str) -> bool:
        """四千万粉丝, 四千多万粉丝: a Chinese numeral with a digit and 万/亿 counts the noun after it."""
        return m.value >= 1e4 and any(c in CN_DIGITS for c in atom) and nxt not in self.counted_noun_blockers

    def _counted_magnitude(self, s: str, m: Mention) -> bool:
        """十万元, 千万台, 超千万元, 破百家, 过亿。: a bare magnitude counting money or things is a figure.

        Two magnitude characters with a currency or counter are always one
        (千万元); a single one only after a cue word that makes it a bound (超千家,
        破亿元), since 千人千面, 万人空巷, 百家争鸣 are idioms; with no unit at all
        only a bound that ends its clause (票房过亿，近千亿。).
        """
        head = s[:m.start].rstrip(" ")
        bound = head.endswith(self.bound_cues)
        if m.unit is None:
            # 票房过亿。变现超千亿，: a bound on a bare magnitude that ends its clause
            nxt = s[m.end:m.end + 1]
            return (bound or s[m.start] in self.lex.inside_for_chinese) and not (nxt and is_word_char(nxt))
        if m.unit_class not in ("currency", "measure"):
            return False               # 百年, 上百天: durations stay vague
        return m.num_end - m.num_start >= 2 or bound

    def _in_quote(self, s: str, m: Mention) -> bool:
        """(3.09, -0.04, -1.28%): a parenthesised run of numbers only."""
        i = m.start - 1
        lo = max(0, m.start - 40)
        while i >= lo and s[i] in self.quote_chars:
            i -= 1
        if i < lo or s[i] not in "(（":
            return False
        j = m.end
        hi = min(len(s), m.end + 40)
        while j < hi and s[j] in self.quote_chars:
            j += 1
        if j >= hi or s[j] not in ")）":
            return False
        inner = s[i + 1:j]
        return ("," in inner or "，" in inner) and any(c.isdigit() for c in inner)
