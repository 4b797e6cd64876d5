"""Find number mentions in one sentence: numeral, magnitude, unit, ranges, lists.

The scan is a single left-to-right pass: one regex (no nested quantifiers, so
no catastrophic backtracking) finds numeral atoms and everything else is
bounded look-ahead from each atom, so time is linear in the sentence length.
Deciding whether a mention is an indicator is left to ``exclusions``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import Lexicon
from .numerals import CN_DIGITS, parse_arabic, parse_chinese, parse_chinese_range

CN_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
ATOM = re.compile(rf"\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?")
SPECIAL = re.compile(r"一半|过半|翻了一番|翻一番|翻番|翻倍")
RANGE_CONNECTORS = ("——", "—", "–", "-", "~", "至", "到", "―", "〜")
LIST_SEPARATORS = "/、"
MAG_CHARS = "十百千万亿"
CHENG_BLOCK = set("为功本立员交果长熟都就型绩效品年人绩")
ZHE_BLOCK = set("合叠射算旧腾返损线磨服屏页痕纸")   # 三折屏, 折页: folding, not a discount
# 以上/以下/以内 right after a length (5日以下, 五日以上): a bound, so 日 is days, not a date
BOUNDS = ("以上", "以下", "以内")


@dataclass
class Mention:
    """A number with what is written around it, offsets relative to the sentence."""
    start: int
    end: int
    num_start: int
    num_end: int                 # end of the numeral itself (before magnitude/unit)
    value: float
    value_high: float | None = None
    unit: str | None = None
    unit_class: str | None = None    # percent points currency measure latin calendar
    magnitude: float | None = None
    inner_q: str | None = None       # 余/多 written inside the span
    chinese: bool = False
    special: str | None = None       # fraction cheng zhe half double order
    excluded: str | None = None      # reason, when not an indicator
    link_next: str | None = None     # '/' or '、' joining a bare number to the next one
    sign: str | None = None          # '+' or '-' written before a percentage (同比-9%)

    @property
    def bare(self) -> bool:
        return self.unit is None and self.magnitude is None and self.special is None \
            and self.unit_class is None


def _skip_spaces(s: str, i: int, limit: int = 2) -> int:
    n = len(s)
    k = 0
    while i < n and s[i] == " " and k < limit:
        i += 1
        k += 1
    return i


def is_word_char(ch: str) -> bool:
    """A letter, digit or CJK character: what a word continues with."""
    return ch.isalnum() or "\u4e00" <= ch <= "\u9fff"


JIN_LIANG = re.compile(r"(\d)两(\d(?![\d.]))?")


def follows_cue(s: str, start: int, cues: tuple[str, ...]) -> bool:
    """Does one of ``cues`` end right before ``start``, spaces aside (行政拘留|十日)?
    Only a short window is read, so the check costs the same in any sentence."""
    return s[max(0, start - 12):start].rstrip(" ").endswith(cues)


class Scanner:
    """Bound to a lexicon; ``scan(sentence)`` returns raw mentions in text order."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.mags = sorted(lex.magnitudes, key=len, reverse=True)
        self.arabic_mags = [m for m in self.mags if m in ("万亿", "千万", "百万", "十万", "亿", "万", "千", "百")]
        self.latin = sorted(lex.latin_units, key=len, reverse=True)
        self.latin_points = frozenset(map(str, lex.get("units", "latin_points", []) or []))
        self.units = lex.units
        self.max_unit = lex.max_unit_len
        self.mag_units = [u for u in self.units if u[0] in MAG_CHARS]  # 千米, 百分点 ...
        self.vague_prefixes: dict[str, str] = dict(lex.get("qualifiers", "vague_prefixes") or {})
        self.penalty_cues = lex.words("exclusions", "penalty_cues")
        self.within_words = tuple(lex.words("exclusions", "within_words"))
        wan = lex.get("units", "letter_wan") or {}
        self.wan_letters = frozenset(map(str, wan.get("letters") or []))
        self.wan_cues = tuple(map(str, wan.get("cues_before") or []))
        self.wan_window = int(wan.get("cue_window", 10))

    # -- pieces -----------------------------------------------------------
    def _magnitude(self, s: str, i: int, arabic: bool) -> tuple[str, float] | None:
        for u in self.mag_units:
            if s.startswith(u, i):
                return None
        for m in (self.arabic_mags if arabic else self.mags):
            if s.startswith(m, i):
                return m, self.lex.magnitudes[m]
        return None

    def _letter_wan(self, s: str, start: int, i: int) -> bool:
        """W written for 万 (捐款50W, 1000W韩元) rather than for watts (20W快充)."""
        if i >= len(s) or s[i] not in self.wan_letters:
            return False
        nxt = s[i + 1:i + 2]
        if nxt and nxt.isascii() and (nxt.isalnum() or nxt in "-/"):
            return False       # Wh, WiFi, W-1: not a lone letter
        unit = self._unit(s, _skip_spaces(s, i + 1, 1), chinese=False)
        if unit is not None and unit[2] == "currency":
            return True
        lo = max(0, start - self.wan_window)
        before = s[lo:start]
        before = before[max(before.rfind(c) for c in "，,；;。！？!?：:") + 1:]
        return any(c in before for c in self.wan_cues)

    def _unit(self, s: str, i: int, chinese: bool) -> tuple[int, str | None, str] | None:
        """(end, canonical unit, class) of a unit starting at ``i``."""
        n = len(s)
        if i >= n:
            return None
        ch = s[i]
        if ch == "%":
            return i + 1, "%", "percent"
        if ch.isascii() and ch.isalpha():
            for u in self.latin:
                if s.startswith(u, i):
                    e = i + len(u)
                    if e < n and s[e].isascii() and s[e].isalnum():
                        continue
                    return e, u.replace(" ", ""), "points" if u in self.latin_points else "latin"
            return None
        for length in range(min(self.max_unit, n - i), 0, -1):
            w = s[i:i + length]
            if w not in self.units:
                continue
            if length == 1:
                nxt = s[i + 1] if i + 1 < n else ""
                if nxt and nxt in self.lex.unit_blockers.get(w, ()):
                    continue
                if chinese and w == "分":
                    continue
            canon = self.units[w]
            if canon is None:       # 个国家: the counter 个 is the unit
                return i + 1, "个", "measure"
            if w in self.lex.currencies:
                cls = "currency"
            elif canon in ("个百分点", "百分点"):
                cls = "points"
            elif canon == "倍":
                cls = "multiple"
            elif canon in self.lex.duration_units:
                cls = "duration"
            else:
                cls = "measure"
            return i + length, canon, cls
        if ch in self.lex.calendar_units:
            if ch == "日" and s.startswith(BOUNDS, i + 1):
                return i + 1, "日", "duration"    # 处5日以下拘留: days as a length, not a date
            return i + 1, None, "calendar"
        return None

    def _counter_more(self, s: str, m: Mention) -> None:
        """四个多月, 2个多小时: 个 + 多 + a duration; 7两多, 3年多: 多 after the unit ending the phrase."""
        k = m.end
        if m.inner_q is None and m.unit_class in ("measure", "duration") and s.startswith("多", k) \
                and (k + 1 == len(s) or not is_word_char(s[k + 1]) or s[k + 1] == "的"):
            m.end, m.inner_q = k + 1, "gt"
            return
        if m.unit == "个" and s.startswith("多", k):
            for u, canon in (("小时", "小时"), ("月", "月")):
                if s.startswith(u, k + 1):
                    m.end, m.unit, m.unit_class, m.inner_q = k + 1 + len(u), canon, "duration", "gt"
                    return

    # -- one mention ---------------------------------------------------------
    def _parse(self, s: str, a: int, b: int) -> Mention | None:
        n = len(s)
        atom = s[a:b]
        chinese = not atom[0].isdigit()
        j = b
        if not chinese and j + 2 < n and s[j] == "." and s[j + 1] == " " and s[j + 2].isdigit():
            j += 2
            while j < n and s[j].isdigit():
                j += 1
        num_end = j
        # Chinese fractions: 三分之一, 百分之五点三, 千分之三
        if s.startswith("分之", j):
            m2 = ATOM.match(s, j + 2)
            if m2 and chinese:
                den = parse_chinese(atom)
                num = parse_chinese(m2.group()) if not m2.group()[0].isdigit() else parse_arabic(m2.group())
                if den and num is not None and den > 0:
                    val = num if den == 100 else num / den * 100
                    return Mention(a, m2.end(), a, m2.end(), val, unit="%", unit_class="percent",
                                   chinese=True, special="fraction")
            return None
        value_high = None
        if chinese:
            rng = parse_chinese_range(atom)
            if rng is not None:
                value, value_high = rng
            else:
                v = parse_chinese(atom)
                if v is None:
                    return None
                value = v
        else:
            v = parse_arabic(s[a:j])
            if v is None:
                return None
            value = v
        mention = Mention(a, num_end, a, num_end, value, value_high, chinese=chinese)
        if chinese and ("万" in atom or "亿" in atom):
            mention.magnitude = 1.0   # already inside the value (一千二百万)
        k = _skip_spaces(s, j, 1)
        if s.startswith(("个亿", "个多亿"), k) and not mention.magnitude:
            k += 1             # 5个亿: the spoken form of 5亿
        mag = self._magnitude(s, k, arabic=not chinese)
        if mag is None and not chinese and self._letter_wan(s, a, k):
            mag = (s[k], 1.0e4)     # 捐款50W: net slang's 万, not watts
        if mag:
            mention.magnitude = mag[1]
            k += len(mag[0])
            mention.end = k
        if k < n and s[k] in self.lex.inner:
            after = k + 1
            nxt = s[after] if after < n else ""
            mag2 = None if mag else self._magnitude(s, after, arabic=True)
            unit2 = self._unit(s, _skip_spaces(s, after, 1), chinese)
            if mag2 or unit2 or nxt == "" or not ("\u4e00" <= nxt <= "\u9fff"):
                mention.inner_q = self.lex.inner[s[k]]
                k = after
                mention.end = k
                if mag2:
                    mention.magnitude = mag2[1]
                    k += len(mag2[0])
                    mention.end = k
        if mention.magnitude:
            mention.value *= mention.magnitude
            if mention.value_high is not None:
                mention.value_high *= mention.magnitude
        if mention.magnitude and s.startswith(self.lex.get("qualifiers", "order_suffix", "级"), k):
            has_digit = (not chinese) or any(c in CN_DIGITS for c in atom)
            if has_digit:
                mention.special = "order"
                mention.end = k + 1
                return mention
        if not mention.magnitude and mention.inner_q is None and k < n and s[k] in "成折" and value <= 10:
            nxt = s[k + 1] if k + 1 < n else ""
            if s[k] == "成" and nxt not in CHENG_BLOCK and (chinese or nxt != "本"):
                mention.value = value * 10
                mention.value_high = None if value_high is None else value_high * 10
                mention.unit, mention.unit_class, mention.special = "%", "percent", "cheng"
                mention.end = k + 1
                return mention
            if s[k] == "折" and nxt not in ZHE_BLOCK:
                mention.value = value * 10
                mention.value_high = None if value_high is None else value_high * 10
                mention.unit, mention.unit_class, mention.special = "%", "percent", "zhe"
                mention.end = k + 1
                return mention
        if not chinese and not mention.magnitude and mention.inner_q is None and value_high is None \
                and s.startswith("折", k) and value.is_integer() and 10 < value < 100 \
                and (s[k + 1:k + 2] not in ZHE_BLOCK):
            mention.unit, mention.unit_class, mention.special = "%", "percent", "zhe"
            mention.end = k + 1
            return mention   # 85折: two digits are the percentage itself (8.5折)
        ku = _skip_spaces(s, k, 1)
        unit = self._unit(s, ku, chinese)
        if unit:
            if unit[2] == "calendar" and (mention.magnitude or not value.is_integer() or value > 31):
                return mention       # 31万点赞: not a clock time
            if unit[1:] == (None, "calendar") and s[ku] == "日" and (
                    follows_cue(s, a, self.penalty_cues) or s.startswith(self.within_words, unit[0])):
                unit = (unit[0], "日", "duration")    # 行政拘留10日, 30日内: days of a penalty or a limit
            mention.end, mention.unit, mention.unit_class = unit
            mc = JIN_LIANG.match(s, mention.end) if mention.unit == "斤" and not mention.magnitude else None
            if mc:             # 1斤6两, 1斤4两4: a market weight in 斤 and tenths (两)
                mention.value += int(mc.group(1)) / 10 + (int(mc.group(2)) / 100 if mc.group(2) else 0)
                mention.end = mc.end()
            self._counter_more(s, mention)
        return mention

    def _range(self, s: str, m1: Mention) -> Mention | None:
        """Extend ``m1`` by a second number after a range connector (70%—80%, 5-10亿元, 3至5倍)."""
        if m1.unit_class == "calendar" or m1.value_high is not None or m1.special in ("fraction", "order"):
            return None
        i = _skip_spaces(s, m1.end, 1)
        for c in RANGE_CONNECTORS:
            if s.startswith(c, i):
                break
        else:
            return None
        k = _skip_spaces(s, i + len(c), 1)
        if s.startswith(("约", "近"), k) and not m1.chinese:
            k = _skip_spaces(s, k + 1, 1)      # 约1460万元至约1830万元: one range, one qualifier
        m = ATOM.match(s, k)
        if not m or (m.group()[0].isdigit() != (not m1.chinese)):
            return None
        m2 = self._parse(s, m.start(), m.end())
        if m2 is None or m2.unit_class == "calendar" or m2.value_high is not None or m2.special == "fraction":
            return None
        if m1.unit is not None or m1.unit_class is not None:
            if m2.unit != m1.unit or (m1.magnitude or 1) != (m2.magnitude or 1):
                return None
            lo = m1.value
        elif m1.magnitude is not None:
            if m2.magnitude is None:
                return None
            lo = m1.value
        else:
            lo = m1.value * (m2.magnitude or 1)
            if m1.special or m2.special not in (None, "cheng", "zhe"):
                return None
            if m2.special in ("cheng", "zhe"):
                lo = m1.value * 10
        if not m2.value > lo:
            return None
        return replace(m2, start=m1.start, num_start=m1.num_start, value=lo, value_high=m2.value,
                       inner_q=m2.inner_q or m1.inner_q)

    # -- whole sentence ------------------------------------------------------
    def scan(self, s: str) -> list[Mention]:
        out: list[Mention] = self._specials(s) if ("半" in s or "翻" in s) else []
        special_spans = [(m.start, m.end) for m in out]
        consumed = 0
        for m in ATOM.finditer(s):
            if m.start() < consumed:
                continue
            if special_spans and any(a <= m.start() < b for a, b in special_spans):
                continue
            mention = self._parse(s, m.start(), m.end())
            if mention is None:
                consumed = m.end()
                continue
            r = self._range(s, mention)
            if r is not None:
                mention = r
            self._sign(s, mention)
            self._currency_before(s, mention)
            self._vague_prefix(s, mention)
            out.append(mention)
            consumed = max(mention.end, m.end())
        if special_spans:
            out.sort(key=lambda m: m.start)
        self._link_lists(s, out)
        return out

    def _vague_prefix(self, s: str, m: Mention) -> None:
        """上万元, 上千万次, 数百部: 上/数/几 before a bare magnitude is part of the figure ("more than")."""
        if not m.chinese or m.inner_q is not None or m.start == 0 or m.special is not None \
                or m.unit_class in ("duration", "calendar"):
            return                     # 上百年: a span of time stays vague
        q = self.vague_prefixes.get(s[m.start - 1])
        atom = s[m.num_start:m.num_end]
        if q and atom and all(c in MAG_CHARS for c in atom):
            m.start -= 1
            m.inner_q = q

    def _currency_before(self, s: str, m: Mention) -> None:
        """港币12.25亿元 is in 港元: a currency written before the number names the unit 元 stands for."""
        if m.unit != "元":
            return
        head = s[max(0, m.start - 4):m.start].rstrip(" ")
        for w, unit in self.lex.currencies.items():
            if head.endswith(w) and unit != "元":
                m.unit = unit
                return

    @staticmethod
    def _sign(s: str, m: Mention) -> None:
        """-1.28% / 负5%: an explicit sign right before an Arabic numeral."""
        i = m.start
        if m.chinese or i == 0 or s[i - 1] not in "-−+负":
            return
        before = s[i - 2] if i >= 2 else ""
        if before and (before.isalnum() and before.isascii() or before in "%)）" or before.isdigit()) \
                and s[max(0, i - 4):i - 1].lower() not in ("yoy", "qoq", "mom"):
            return                      # CCTV-1, 2023-08; but YoY-5% is a direction
        if m.unit_class in ("percent", "points"):
            # 同比+11.02%, 环比-9%: a rate's direction; the value stays positive (annotations.md "Value")
            m.sign = "+" if s[i - 1] == "+" else "-"
            return
        if s[i - 1] in "-−负":
            m.value, m.value_high = -m.value, (None if m.value_high is None else -m.value_high)
        m.start = m.num_start = i - 1

    def _specials(self, s: str) -> list[Mention]:
        extra = []
        for m in SPECIAL.finditer(s):
            w = m.group()
            if w in ("一半", "过半"):
                mm = Mention(m.start(), m.end(), m.start(), m.end(), 50.0, unit="%", unit_class="percent",
                             chinese=True, special="half")
                if w == "过半":
                    mm.inner_q = "gt"
            else:
                mm = Mention(m.start(), m.end(), m.start(), m.end(), 1.0, unit="倍", unit_class="multiple",
                             chinese=True, special="double")
            extra.append(mm)
        return extra

    def _link_lists(self, s: str, out: list[Mention]) -> None:
        """9.48/11.52/13.34亿元: bare numbers share the magnitude and unit of the last one."""
        n = len(s)
        for i in range(len(out) - 1):
            m, nxt = out[i], out[i + 1]
            if m.bare and not m.chinese and m.end < n and s[m.end] in LIST_SEPARATORS and nxt.start == m.end + 1:
                m.link_next = s[m.end]
        for i in range(len(out) - 2, -1, -1):
            m, nxt = out[i], out[i + 1]
            if not m.link_next:
                continue
            if m.link_next == "/" and nxt.bare and not nxt.link_next and i + 1 == len(out) - 1 or (
                    m.link_next == "/" and nxt.bare and not nxt.link_next):
                continue  # 1/4: a fraction, handled below
            if nxt.bare:
                continue
            if nxt.unit_class == "percent" and nxt.special:
                continue
            m.magnitude = nxt.magnitude
            m.value *= nxt.magnitude or 1
            m.unit, m.unit_class = nxt.unit, nxt.unit_class
            m.link_next = None
        fractions = []
        for i in range(len(out) - 1):
            m, nxt = out[i], out[i + 1]
            if m.link_next == "/" and nxt.bare and not nxt.link_next and m.value.is_integer() \
                    and nxt.value.is_integer() and 0 < m.value < nxt.value <= 100 \
                    and (i == 0 or not out[i - 1].link_next):
                fractions.append(i)
        for i in reversed(fractions):
            m, nxt = out[i], out[i + 1]
            out[i] = Mention(m.start, nxt.end, m.start, nxt.end, m.value / nxt.value * 100, unit="%",
                             unit_class="percent", special="fraction")
            del out[i + 1]
