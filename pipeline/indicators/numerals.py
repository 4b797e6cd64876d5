"""Number words to floats: Arabic, Chinese and mixed numerals, fractions.

A hand-written parser rather than ``cn2an`` alone: cn2an rejects forms that
news text uses every day (千余, 七八十万, 三分之一) and raises on odd input.
Every function here returns ``None`` instead of raising, so one odd token can
never cost a document its indicators.
"""
from __future__ import annotations

import math

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
             "柒": 7, "捌": 8, "玖": 9, "幺": 1}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = frozenset(CN_DIGITS) | frozenset(CN_SMALL_UNITS) | frozenset(CN_BIG_UNITS)


def parse_arabic(s: str) -> float | None:
    """'12,876.61' -> 12876.61; spaces inside ('11. 72') are ignored."""
    t = s.replace(",", "").replace(" ", "")
    if not t or t.count(".") > 1:
        return None
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _small(s: str) -> int | None:
    """A Chinese number below 10 000 (no 万/亿): 一千二百三十四, 十五, 三千五."""
    if not s:
        return 0
    total, digit, last_unit = 0, None, None
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row (七八) are a range, not a number
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        # 三千五 = 3500: a trailing digit counts in the next lower unit.
        total += digit * (last_unit // 10 if last_unit and last_unit >= 100 and s[-2] not in CN_DIGITS else 1)
    return total


def _digit_string(s: str) -> int | None:
    """二〇二五 -> 2025 (digits written one by one)."""
    if len(s) >= 2 and all(ch in CN_DIGITS for ch in s):
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    return None


def parse_chinese_int(s: str) -> float | None:
    """一千二百万 -> 12000000; 万 -> 10000; 两万三 -> 23000; None when malformed."""
    if not s:
        return None
    ds = _digit_string(s)
    if ds is not None:
        return float(ds)
    for big_char, big in (("亿", 100_000_000), ("万", 10_000)):
        if big_char in s:
            i = s.find(big_char)
            left, right = s[:i], s[i + 1:]
            lv = 1.0 if left == "" else parse_chinese_int(left)
            if lv is None:
                return None
            if right == "":
                return lv * big
            # 一万二 = 12000: a lone trailing digit counts in the next lower unit.
            if len(right) == 1 and right in CN_DIGITS:
                return lv * big + CN_DIGITS[right] * big / 10
            if right[0] in "零〇":
                right = right.lstrip("零〇")
                rv = parse_chinese_int(right) if right else 0.0
            else:
                rv = parse_chinese_int(right)
            # 一亿二千万: the right part must be smaller than the unit
            if rv is None or rv >= big:
                return None
            return lv * big + rv
    v = _small(s.replace("〇", "零"))
    return None if v is None else float(v)


def parse_chinese(s: str) -> float | None:
    """Chinese numeral with an optional decimal part: 五点三 -> 5.3."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not frac or any(ch not in CN_DIGITS for ch in frac):
            return None
        w = parse_chinese_int(whole) if whole else 0.0
        if w is None:
            return None
        return float(f"{int(w)}.{''.join(str(CN_DIGITS[c]) for c in frac)}")
    return parse_chinese_int(s)


def parse_chinese_range(s: str) -> tuple[float, float] | None:
    """七八十万 -> (700000, 800000); 三四百 -> (300, 400); 五六 -> (5, 6)."""
    if len(s) < 2 or s[0] not in CN_DIGITS or s[1] not in CN_DIGITS:
        return None
    a, b = CN_DIGITS[s[0]], CN_DIGITS[s[1]]
    if not (1 <= a and b == a + 1):
        return None
    rest = s[2:]
    if rest == "":
        return float(a), float(b)
    lo, hi = parse_chinese_int(str(a_cn(a)) + rest), parse_chinese_int(str(a_cn(b)) + rest)
    if lo is None or hi is None:
        return None
    return lo, hi


def a_cn(d: int) -> str:
    return "零一二三四五六七八九"[d]


def parse_number(s: str) -> float | None:
    """Any numeral the scanner produces: Arabic, Chinese or Arabic + Chinese magnitude (3千万)."""
    try:
        s = s.strip()
        if not s:
            return None
        if s[0].isdigit():
            i = 0
            while i < len(s) and (s[i].isdigit() or s[i] in ".,  "):
                i += 1
            base = parse_arabic(s[:i])
            if base is None:
                return None
            rest = s[i:]
            if not rest:
                return base
            mult = parse_chinese_int(rest)
            if mult is None or any(ch not in "十百千万亿" for ch in rest):
                return None
            return base * mult
        return parse_chinese(s)
    except (ValueError, OverflowError, IndexError):
        return None


def cn2an_value(s: str) -> float | None:
    """cn2an as a second opinion; wrapped because it raises on odd input."""
    try:
        import cn2an

        v = cn2an.cn2an(s, "smart")
        return float(v)
    except Exception:  # cn2an raises ValueError, KeyError, IndexError on odd input
        return None
