"""Period a figure refers to: YYYY, YYYY-MM or YYYY-MM-DD, or None.

Time expressions are events in the sentence; a figure takes the last event
before it, else the period carried from the previous sentences of the same
paragraph.  Relative years (今年/去年) resolve against ``doc.published`` or, if
absent, the latest year the text states as a fact (not targets, bases or
event dates); "去年同期" and 当年/同年 against the period in force; a sentence
with "2022年同期" is about 2023.  Enumerated years (2019年至2022年…分别) are
handed out one per figure by the extractor.  A stretch of bare days
(6月21日至7月20日) is dated by its year, like a stretch written with years.
A text with no year written as a time may still name one (“昆仑2023”专项行动):
that is its current year.  No year anywhere -> None (annotations.md "Period").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import Lexicon

_D = r"(\d{1,2})"
YEAR_EXPR = re.compile(
    rf"(截至|截止到|截止|截至到)?\s?((?:19|20)\d\d)\s?财?年(?:\s?{_D}\s?月份?(?:\s?{_D}\s?[日号])?)?")
# 23Q2, 2023Q1, 24H1: analysts' quarter and half-year codes -> the year
QUARTER_CODE = re.compile(r"(?<![\d.A-Za-z])((?:19|20)\d\d|[0-4]\d)\s?(?:Q[1-4]|H[12])(?![\dA-Za-z])"
                          # 快手2023一季度, 2023上半年: a year written straight onto a part of it, without 年
                          r"|(?<![\d.A-Za-z])((?:19|20)\d\d)\s?(?=第?[一二三四]季度|[上下]半年|前三季度)")
MONTH_DAY = re.compile(rf"(截至|截止到|截止)?\s?{_D}\s?月\s?{_D}\s?[日号]")
# 7月出货量, 1月份: a month without year or day (not 个月, not 3月底至5月, not a day)
BARE_MONTH = re.compile(r"(?<![\d个.年/-])(\d{1,2})\s?月份?(?!\s?\d|[底初中末旬]|\s?[至到-])")
# 自2019年2月至2020年6月间: a stretch of time, no single period
STRETCH_START = re.compile(r"[自从于在]\s?$")   # 于2022年8月至2023年2月期间 too
STRETCH_END = re.compile(r"\s?(?:期间|之间|间)")    # 2016年至2022年期间: a stretch without 自/从
# 从1826年到1975年: a stretch that opens on a year YEAR_EXPR does not read (before 1900)
EARLY_OPENING = re.compile(r"[自从]\s?1[0-8]\d\d\s?年\s?[至到—-]\s?$")
RELATIVE_BEFORE = re.compile(r"(?:今年|本年|当年|同年|去年|上年|前年|明年|次年)\s?$")
RELATIVE = re.compile(r"(今年|本年|当年|同年|去年|上年|前年|明年|次年)(同期)?(?:\s?(\d{1,2})\s?月份?)?")
FIGURE_IN = re.compile(r"\d")
SENTENCE_BREAKS = frozenset("。！？；;\n")    # a target year's series ends at the sentence
# “昆仑2023”专项行动, 2023中国国际AI游戏产业大会: a year inside the name of a campaign or event
NAME_YEAR = re.compile(r"(?<=[\u4e00-\u9fff“\"·])((?:20)[0-3]\d)(?=[”\"]|中国|全球|世界|国际|大会|论坛|峰会|博览会|专项行动|年度)")
# （2008年6月25日）, （2020年4月29日发布）: a document's date in brackets after its name
DOC_DATE_TAIL = re.compile(r"\s?(?:发布|印发|公布|施行|通过|修订|修正)?\s?[）)]")
# 2023-08-15 07:40:15: a web page's dateline, written in the text, tells the reader its year
DATELINE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\s{0,2}\d{1,2}:\d\d(?!\d)")
DATELINE_CHARS = 400
# 6月21日至7月20日: a day that opens a stretch
STRETCH_TAIL = re.compile(r"\s?(?:起\s?)?[至到—-]")
FIGURE_AFTER_DE = re.compile(r"的\s?(?:近|约|超|逾)?\d")
# 华策影视2023一季报显示, 2023半年报: a year written into a report's short name dates its figures
REPORT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?(?:[一三]季报|半年报|中报|年中报)")
# 截至7月31日，2023年度全国电影大盘票房: the year an as-of day leaves out, written just after it
AS_OF_YEAR = re.compile(r"[，,]?\s?((?:19|20)\d\d)\s?年度?(?!\s?\d{1,2}\s?月)")


def _dates_figure(tail: str) -> bool:
    """"2021年的302亿元": the year is the period of the figure right after it."""
    return FIGURE_AFTER_DE.match(tail) is not None


def _code_year(m: re.Match) -> int:
    """The year of a QUARTER_CODE match (23Q2 -> 2023)."""
    y = int(m.group(1) or m.group(2))
    return y if y >= 1900 else 2000 + y


def _in_title(s: str, pos: int) -> bool:
    """《2023年中国网络视听发展研究报告》: a year inside a title is part of the name, not a time."""
    k = s.rfind("《", max(0, pos - 40), pos)
    return k >= 0 and s.find("》", k, pos) < 0 and s.find("》", pos, pos + 60) >= 0


def _head(s: str, start: int, n: int = 2) -> str:
    """The ``n`` characters before ``start``, spaces skipped (较 2022 年 H1: web text spaces numbers)."""
    return s[max(0, start - n - 4):start].replace(" ", "")[-n:]


# 2022 年 H1, 2022年上半年: a half or quarter right after a base year is part of that base
BASE_PART = re.compile(r"\s?(?:同期|[HQ][1-4]|[上下]半年|[一二三四1-4]季度|第[一二三四]季度|前三季度)")


ATTRIBUTIVE_CLAUSE = re.compile(r"\s?[于在]([^，,；;。：:（）()的]{1,12})的")
ATTRIBUTIVE_VERBS = ("发行", "上映", "上市", "成立", "出生", "推出", "发布", "创办", "开播", "诞生", "创立", "建立", "首播", "开业", "上线")


# 2019年至2022年 / 2023-25年 / 2020年、2021年、2022年: one year per figure that follows
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s?(?:财?年)?\s?(?:至|到|-|—|~|～)\s?((?:19|20)?\d\d)\s?财?年")
YEAR_LIST = re.compile(r"(?:(?:19|20)\d\d\s?年?\s?[、和及与/]\s?)+(?:19|20)\d\d\s?年")
SLASH_YEARS = re.compile(r"((?:19|20)\d\d)((?:\s?/\s?\d\d)+)\s?年")     # 2023/24年, 2023/24/25年
FOUR_DIGITS = re.compile(r"(?:19|20)\d\d")
MAX_SERIES = 12


@dataclass(frozen=True)
class YearSeries:
    """Years written as a range or list, to be handed out one per figure (分别, A/B/C)."""
    start: int
    end: int
    years: tuple[int, ...]


def year_series(s: str) -> list[YearSeries]:
    """Enumerated years of a sentence, in text order (a range expands to every year in it)."""
    out: list[YearSeries] = []
    for m in YEAR_RANGE.finditer(s):
        a, b = int(m.group(1)), m.group(2)
        hi = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
        if a < hi and hi - a < MAX_SERIES:
            out.append(YearSeries(m.start(), m.end(), tuple(range(a, hi + 1))))
    for m in SLASH_YEARS.finditer(s):
        first = int(m.group(1))
        ys = (first,) + tuple(first // 100 * 100 + int(y) for y in re.findall(r"\d\d", m.group(2)))
        if all(b == a + 1 for a, b in zip(ys, ys[1:])):
            out.append(YearSeries(m.start(), m.end(), ys))
    for m in YEAR_LIST.finditer(s):
        if not any(x.start <= m.start() < x.end for x in out):
            ys = tuple(int(y) for y in FOUR_DIGITS.findall(m.group()))
            if 2 <= len(ys) <= MAX_SERIES:
                out.append(YearSeries(m.start(), m.end(), ys))
    return sorted(out, key=lambda x: x.start)


@dataclass(frozen=True)
class DocTime:
    """What the whole article says about time: its current year, and dated days."""
    year: int | None = None
    days: tuple[tuple[int, int, int], ...] = ()      # (month, day, year) written with a year
    published: int | None = None                     # publication year, when known

    def day_year(self, mo: int, d: int) -> int | None:
        """A bare 8月10日 takes the year of "2023年8月10日" written elsewhere, else the publication year.

        The inferred current year is not used for bare days: an article states
        many event days (8月18日晚) whose year the reader cannot check.
        """
        years = {y for m_, d_, y in self.days if (m_, d_) == (mo, d)}
        return years.pop() if len(years) == 1 else self.published


@dataclass(frozen=True)
class TimeEvent:
    pos: int
    end: int
    period: str | None
    year: int | None
    scope: str | None = None   # "figure" (2021年的302亿元), "clause" (去年同期) or "sentence" (8月2日): not carried
    base: bool = False         # 较 2022 年 H1 同比: a year-on-year base, the period being the year after it


class Periods:
    def __init__(self, lex: Lexicon) -> None:
        p = lex.raw["periods"]
        self.relative = {str(k): int(v) for k, v in (p.get("relative_years") or {}).items()}
        self.anaphoric = frozenset(map(str, p.get("anaphoric_years") or []))
        self.reset = tuple(sorted(map(str, p.get("reset_markers") or []), key=len, reverse=True))
        self.year_parts = tuple(map(str, p.get("year_parts") or []))
        self.year_part_blockers = tuple(map(str, p.get("year_part_blockers") or []))
        self.carry = int(p.get("carry_sentences", 3))
        self.carry_dated = int(p.get("carry_sentences_dated", self.carry))
        self.base_markers = tuple(map(str, p.get("base_markers") or []))
        self.event_verbs = tuple(map(str, p.get("event_verbs") or []))
        self.target_markers = tuple(map(str, p.get("target_markers") or []))
        self.target_window = int(p.get("target_window", 8))
        self.period_heads = tuple(map(str, p.get("period_heads") or []))
        self.event_ends = tuple(map(str, p.get("event_clause_ends") or []))
        self.target_nouns = tuple(map(str, p.get("target_nouns") or []))
        self.undated_days = tuple(map(str, p.get("undated_day_tails") or []))
        self.record_heads = tuple(map(str, p.get("record_heads") or []))
        self.renewers = tuple(map(str, p.get("period_renewers") or []))
        self.name_nouns = tuple(map(str, p.get("name_year_nouns") or []))
        self.past_heads = tuple(map(str, p.get("past_event_heads") or []))
        self.future_heads = tuple(map(str, p.get("future_event_heads") or []))

    def lasts(self, period: str | None, age: int) -> bool:
        """Whether a period set ``age`` sentences ago is still in force: a year (a
        reporting period) lasts longer than a month or day (a moment of a story)."""
        return period is not None and age <= (self.carry if len(period) == 4 else self.carry_dated)

    def renews(self, s: str) -> bool:
        """报告期内，…: a sentence that opens by naming the period already in force."""
        return s.lstrip(" “\"").startswith(self.renewers)

    def doc_time(self, text: str, published: dt.date | None) -> DocTime:
        """The article's 'now' for 今年/上半年: its publication year, else the text's.

        Without a publication date the article's current year is the latest
        year it states as a fact: targets (到2030年, 预计2025年) are skipped, and
        "2022年同期" as a comparison base says the current year is 2023.  A text
        that states no year leaves 今年 null (annotations.md "Period").
        """
        best: int | None = None
        after_base: int | None = None
        days: set[tuple[int, int, int]] = set()
        target_end = -1        # where the last target year (预计2026年) ended
        for m in YEAR_EXPR.finditer(text):
            if _in_title(text, m.start()):
                continue
            y = int(m.group(2))
            if m.group(3) and m.group(4):
                days.add((int(m.group(3)), int(m.group(4)), y))
            role = self._role(text, m)
            if _head(text, m.start(2) if m.group(1) is None else m.start()).endswith(self.record_heads):
                continue       # 打破2019年暑期档创造的纪录: a past record, not the article's now
            if role == "base" and self._yoy_base(text, m.end()):
                # 较 2022 年 H1 同比增长: the text is about the year after its base (used only
                # when no year is stated as a fact)
                after_base = max(after_base or 0, y + 1)
            if text.startswith("同期", m.end()):
                continue       # 较2019年同期: a base, and not always last year (events() reads it per sentence)
            if role != "period" and not text.startswith(("至今", "以来"), m.end()):
                continue       # 自2022年开启, 成立于2020年的, 较2024年: not the article's now
            else:
                before = text[max(0, m.start(2) - self.target_window):m.start(2)]
                before = before[max(before.rfind(c) for c in "，,；;。！？\n") + 1:]
                markers = [w for w in self.target_markers if w in before]
                tail = text[m.end():m.end() + 12]
                part = next((w for w in self.year_parts if tail.startswith(w)), "")
                lo = max(text.rfind(c, 0, m.start()) for c in "，,；;。！？\n") + 1
                clause = text[lo:m.start()]
                fact = _dates_figure(tail[len(part):]) and not any(
                    w in clause for w in self.target_markers if w not in ("到", "至"))
                if markers and not (set(markers) <= {"到", "至"} and fact):
                    target_end = m.end()
                    continue   # 到2030年, 预计2025年: a target (增加到2023年上半年的47.9英寸 is a fact)
                if target_end >= 0 and not any(c in SENTENCE_BREAKS for c in text[target_end:m.start()]):
                    continue   # 预计在2026年达到500万块，2027年超过900万块: the series of targets goes on
            if best is None or y > best:
                best = y
        if best is None:
            # 快手2023一季度首次盈利, 23Q2: a year written onto a quarter is a year stated as a fact
            coded = [_code_year(m) for m in QUARTER_CODE.finditer(text) if not _in_title(text, m.start())]
            best = max(coded) if coded else None
        if best is None and after_base is None:
            # no year written as a time: “昆仑2023”专项行动 still tells the reader which year 今年 is
            named = [int(m.group(1)) for m in NAME_YEAR.finditer(text) if not _in_title(text, m.start())]
            after_base = max(named) if named else None
        written = None if published is not None else DATELINE.search(text, 0, DATELINE_CHARS)
        if written is not None:
            # a dateline in the text is the article's own date (not the crawl date)
            stamp = int(written.group(1))
            return DocTime(stamp, tuple(sorted(days)), stamp)
        year = published.year if published is not None else (best or after_base)
        return DocTime(year, tuple(sorted(days)), published.year if published is not None else None)

    def _attributive(self, s: str, end: int) -> bool:
        """诞生于1997年的, 2017年发行的: the year describes a noun, not the figures after it.

        "2021年的302亿元" is not attributive: the year dates the figure itself.
        """
        tail = s[end:end + 5]
        if _dates_figure(tail):
            return False
        part = next((w for w in self.year_parts if s.startswith(w, end)), None)
        if part is not None:
            # 2023年上半年发布的小米平板: a part of the year, then the event verb
            tail = s[end + len(part):end + len(part) + 5]
            return tail.startswith(self.event_verbs) or any(tail.startswith(v + "的") for v in ATTRIBUTIVE_VERBS)
        if tail.startswith(("的", "起", "以来", "开始")) or tail.startswith(self.event_verbs):
            return True
        if any(tail.startswith(v + "的") for v in ATTRIBUTIVE_VERBS):
            return True
        # 1997年7月11日于湖南卫视首播的《快乐大本营》: 于 + place + event verb + 的
        m = ATTRIBUTIVE_CLAUSE.match(s, end)
        return m is not None and any(m.group(1).endswith(v) for v in ATTRIBUTIVE_VERBS + self.event_verbs)

    def _role(self, s: str, m: re.Match) -> str:
        """What a YEAR_EXPR match does: "period", "event" (于2009年进入NBA) or "base" (较2024年)."""
        start = m.start(2) if m.group(1) is None else m.start()
        head = _head(s, start)
        tail = s[m.end():m.end() + 8]
        if m.group(3) is None and tail.lstrip().startswith(self.name_nouns):
            return "event"     # 2027年可转债: the year is part of what is named, not a time
        if m.group(4) and head.endswith(("（", "(")) and DOC_DATE_TAIL.match(s, m.end()):
            return "event"     # 《…规定》（2008年6月25日）: the day a document was issued, not a time of its figures
        if head.endswith(self.period_heads) or _dates_figure(tail):
            return "period"    # 按2022年的收入计, 从2021年的302亿元增长至…
        if tail.startswith("同期") and _dates_figure(tail[2:]):
            return "period"    # 较2022年同期的18.2亿港元: the base figure itself is of 2022
        if m.group(1) is not None and s.startswith("的", m.end()):
            return "period"    # 截至2023年6月30日的第二季度: an as-of date, even when it qualifies a noun
        if self._compared_with(s, start, m.end()):
            return "base"      # 与2019年暑期《哪吒》50亿元票房相比，今年…: a comparison base
        if head.endswith(self.base_markers) and BASE_PART.match(tail):
            return "base"      # 较2022年同期增长, 较 2022 年 H1 同比增长
        if tail.startswith("同期") or (head.endswith(("自", "从")) and re.match(r"\s?(?:\d{1,2}\s?月份?)?\s?(?:至今|以来至今)", tail)):
            return "period"    # 而于2022年同期取得收入, 自2023年7月至今共下架

        stretch = re.match(r"\s?[上中下]旬|\s?[至到-]|\s?底|\s?之间|\s?[初末]至", tail) is not None
        if head.endswith(("自", "从")) or self._attributive(s, m.end()) or self._before_event(s, m.end()):
            return "event"
        if (head.endswith("于") and not stretch) or _head(s, start, 3).endswith(self.past_heads):
            return "clause"    # 于2015年承包了300余亩土地, 早在2018年已登记: dates its own clause only

        if head.endswith(self.base_markers) or _head(s, start, 3).startswith("与"):
            return "base"
        if self._target(tail):
            return "target"    # 微调2024年收入预期: a forecast's year, for its own sentence only
        return "period"

    @staticmethod
    def _compared_with(s: str, start: int, end: int) -> bool:
        """The year stands inside "与/和/同/跟 … 相比" (within one clause)."""
        before = s[max(0, start - 3):start]
        if not before.endswith(("与", "和", "同", "跟")):
            return False
        close = s.find("相比", end, end + 40)
        return close >= 0 and not any(c in s[end:close] for c in "，,；;。！？")

    def _yoy_base(self, s: str, end: int) -> bool:
        """较2022年同期/H1 同比…: a year-on-year base, so the figure is of the year after it."""
        return BASE_PART.match(s, end) is not None and s.find("同比", end, end + 12) >= 0

    def _before_event(self, s: str, end: int) -> bool:
        """1994年从部队退役后，…: the time of an earlier event, ending its clause with 后."""
        clause = re.split(r"[，,；;。：:]", s[end:end + 24], maxsplit=1)
        return len(clause) > 1 and clause[0].endswith(self.event_ends) and not FIGURE_IN.search(clause[0])

    def _forecast_year(self, s: str, start: int, year: int, doc_year: int | None) -> bool:
        """预计到2025年, 到2033年, 可能在2024年底破产 (after the article's current year): a
        projection's year, for its sentence only; the sentences after it are not about that year.

        到 also opens an as-of date (到2022年底，…) and 预计2023年上半年 is a profit
        warning for a period just closed, so only 到/至 + a later year counts.
        """
        before = s[max(0, start - self.target_window):start]
        before = before[max(before.rfind(c) for c in "，,；;。！？") + 1:]
        return before.endswith(("到", "至", "在")) and not FIGURE_IN.search(before) \
            and doc_year is not None and year > doc_year

    def _target(self, tail: str) -> bool:
        """The year's own clause names an estimate (2024年收入预期, 2025年盈利预测)."""
        clause = re.split(r"[，,；;。：:（(]", tail, maxsplit=1)[0]
        return any(w in clause for w in self.target_nouns)

    def events(self, s: str, doc: DocTime, current: str | None) -> list[TimeEvent]:  # noqa: C901
        """Time expressions of one sentence, in text order, resolved left to right.

        ``current`` is the period in force when the sentence starts; 去年同期 and
        bare quarters (一季度) resolve against the period in force where they occur.
        """
        doc_year = doc.year
        raw: list[tuple[int, int, str, tuple]] = []
        taken: list[tuple[int, int]] = []

        def clause_of(pos: int) -> int:
            return max(s.rfind(c, 0, pos) for c in "，,；;：:")
        implied: int | None = None
        for m in YEAR_EXPR.finditer(s):
            if _in_title(s, m.start()):
                continue
            y, mo, d = int(m.group(2)), m.group(3), m.group(4)
            start = m.start(2) if m.group(1) is None else m.start()
            head = _head(s, start)
            taken.append((m.start(), m.end()))
            role = self._role(s, m)
            if role == "period" and self._forecast_year(s, start, y, doc_year):
                role = "target"
            if role in ("target", "clause"):
                raw.append((start, m.end(), role, (f"{y:04d}",)))
                continue
            if role == "base" and self._yoy_base(s, m.end()):
                raw.append((start, m.end(), "after_base", (f"{y + 1:04d}",)))
                continue
            if role != "period":
                continue       # 于2009年进入NBA, 成立于2020年的, 较2024年增长14倍
            opened = [a for a, b in taken[:-1] if b >= start - 2 and a < start]
            if (head.endswith(("至", "到")) and opened and (
                    any(STRETCH_START.search(s, max(0, a - 2), a) for a in opened) or STRETCH_END.match(s, m.end()))) \
                    or EARLY_OPENING.search(s, max(0, start - 12), start):
                # 自2019年2月至2020年6月间, 2016年至2022年期间, 从1826年到1975年: no single period
                raw.append((start, m.end(), "reset", ()))
                continue
            tail = s[m.end():m.end() + 8]
            period = f"{y:04d}"
            if mo and 1 <= int(mo) <= 12:
                if d and 1 <= int(d) <= 31:
                    period = f"{y:04d}-{int(mo):02d}-{int(d):02d}"
                else:
                    period = f"{y:04d}-{int(mo):02d}"
                # 截至2023年6月30日止6个月, 2023年3月下旬至2023年5月10日: a stretch -> the year
                if tail.lstrip().startswith("止") or re.match(r"\s?[上中下]旬|\s?[至到-]|\s?底|\s?之间", tail) \
                        or tail.lstrip("的 ").startswith(self.year_parts) \
                        or head.endswith(("至", "到", "-")):
                    period = f"{y:04d}"
            if s.startswith("同期", m.end()):
                raw.append((start, m.end() + 2, "same", (period, _dates_figure(s[m.end() + 2:m.end() + 8]))))
                if not head.endswith("是"):
                    implied = y + 1    # 上半年…(而于2022年同期…): the current period is 2023
                continue
            if _dates_figure(s[m.end():m.end() + 6]):
                raw.append((start, m.end(), "same", (period, True)))    # 2021年的302亿元
                continue
            raw.append((start, m.end(), "abs", (period,)))
        for m in QUARTER_CODE.finditer(s):
            y = _code_year(m)
            raw.append((m.start(), m.end(), "abs", (f"{y:04d}",)))
            taken.append((m.start(), m.end()))
        for m in REPORT_YEAR.finditer(s):
            if not any(a <= m.start() < b for a, b in taken):
                raw.append((m.start(), m.end(), "abs", (m.group(1),)))
                taken.append((m.start(), m.end()))
        for m in MONTH_DAY.finditer(s):
            if any(a <= m.start(2) < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if s[max(0, m.start() - 1):m.start()] in ("至", "到", "-", "—"):
                continue       # the end of a stretch (3月底至5月10日间)
            if s[max(0, m.start() - 2):m.start()].endswith(self.base_markers):
                continue       # 较7月31日增加199户: a comparison base
            if s[m.end():m.end() + 4].lstrip().startswith(self.undated_days):
                raw.append((m.start(), m.end(), "undated", ()))
                continue       # 8月14日收盘跌3.16%: a quote's day, with no year written
            if m.group(1) is None and STRETCH_TAIL.match(s, m.end()):
                raw.append((m.start(), m.end(), "stretch", (int(m.group(2)), int(m.group(3)))))
                continue       # 6月21日至7月20日: no single day; the year, when the text gives it
            raw.append((m.start(), m.end(), "md", (int(m.group(2)), int(m.group(3)), m.group(1) is not None)))
        for m in BARE_MONTH.finditer(s):
            if any(a <= m.start() < b for a, b in taken) or RELATIVE_BEFORE.search(s, 0, m.start()):
                continue
            head = s[max(0, m.start() - 4):m.start()]
            if head.endswith(self.base_markers + ("至", "到", "于", "将")) or (
                    head.endswith("在") and head[:-1].endswith(self.future_heads)):
                continue       # 较7月增长, 3月至7月, 将在9月推出: a base, a stretch or an event
            raw.append((m.start(), m.end(), "month", (int(m.group(1)),)))
        for m in RELATIVE.finditer(s):
            off = self.relative.get(m.group(1))
            if m.group(2) and _head(s, m.start()).endswith(self.base_markers) \
                    and not _dates_figure(s[m.end():m.end() + 6]):
                continue       # 较去年同期增长84.4%: the base of a change of the current period
            # 到今年6月，…: "by" a month at the start of a clause is an as-of date like 截至
            as_of = m.group(3) is not None and m.start() >= 1 and s[m.start() - 1] in ("到", "至") \
                and s[max(0, m.start() - 2):m.start() - 1] in ("", "，", ",", "；", ";", "：", ":")
            if off is not None and (as_of or not (s[max(0, m.start() - 1):m.start()] in ("到", "至")
                                                  and s[max(0, m.start() - 2):m.start()] not in ("截至", "截止"))):
                # 1986年诞生，到今年正好20周年: the end of a stretch, not a period
                raw.append((m.start(), m.end(), "rel", (off, bool(m.group(2)), m.group(3), m.group(1) in self.anaphoric)))
        for w in self.year_parts:
            k = s.find(w)
            while k >= 0:
                if not any(a <= k < b + 3 for a, b in taken) and not s[max(0, k - 2):k].endswith(
                        ("今年", "去年", "上年", "本年", "前年", "明年")) \
                        and not s.startswith(self.year_part_blockers, k):
                    raw.append((k, k + len(w), "part", ()))
                k = s.find(w, k + len(w))
        for w in self.reset:
            k = s.find(w)
            if k >= 0 and not any(kind == "abs" and pos < k for pos, _, kind, _ in raw):
                raw.append((k, k + len(w), "reset", ()))
        raw.sort(key=lambda r: r[0])
        ev: list[TimeEvent] = []
        cur = current
        absorbed = -1      # the year an as-of day took (截至7月31日，2023年度…)
        for pos, end, kind, data in raw:
            period: str | None
            if pos == absorbed:
                continue
            if kind == "same":   # 2022年同期: for its own clause only; 2021年的302亿元: that figure only
                ev.append(TimeEvent(pos, end, data[0], int(data[0][:4]), scope="figure" if data[1] else "clause"))
                continue
            if kind == "undated":
                ev.append(TimeEvent(pos, end, None, None, scope="sentence"))
                continue
            if kind == "after_base":   # 较 2022 年 H1 同比增长 5.75%: of 2023, unless a period is in force
                if cur is None:
                    ev.append(TimeEvent(pos, end, data[0], int(data[0]), scope="clause", base=True))
                continue
            if kind in ("target", "clause"):   # 微调2024年收入预期，上调净利润预期11%: this sentence only
                ev.append(TimeEvent(pos, end, data[0], int(data[0]), scope="sentence" if kind == "target" else "clause"))
                continue
            if kind == "abs":
                period = data[0]
            elif kind == "md":
                mo, d, as_of = data
                year = int(cur[:4]) if cur else doc.day_year(mo, d)
                follows = AS_OF_YEAR.match(s, end) if as_of else None
                if follows is not None:
                    year, absorbed = int(follows.group(1)), follows.start(1)
                period = f"{year:04d}-{mo:02d}-{d:02d}" if year and 1 <= mo <= 12 and 1 <= d <= 31 else None
                if not (as_of and period):
                    ev.append(TimeEvent(pos, end, period, year, scope="sentence"))
                    continue
                # 截至6月30日，A…；B…: the date in force for the clauses that follow
            elif kind == "stretch":
                # like 2023年6月21日至2023年7月20日, a stretch of days is dated by its year only
                year = int(cur[:4]) if cur else doc.day_year(*data)
                if not year:
                    ev.append(TimeEvent(pos, end, None, None, scope="sentence"))
                    continue
                period = f"{year:04d}"
            elif kind == "month":
                year = int(cur[:4]) if cur else doc_year
                mo = data[0]
                if not year or not 1 <= mo <= 12:
                    continue
                period = f"{year:04d}-{mo:02d}"
            elif kind == "rel":
                off, same, mo, anaphoric = data
                if anaphoric:      # 当年/同年: the year in force, never the article's
                    base = int(cur[:4]) if cur else None
                else:
                    base = (int(cur[:4]) if cur else doc_year) if same else (implied or doc_year)
                if base is None:
                    # 今年 with no known year: null for what follows, but not carried on
                    ev.append(TimeEvent(pos, end, None, None, scope="sentence"))
                    continue
                y = base + off
                period = f"{y:04d}-{int(mo):02d}" if mo and 1 <= int(mo) <= 12 and not same else f"{y:04d}"
                if same:   # 去年同期: for the figure right after it, not for what follows
                    ev.append(TimeEvent(pos, end, period, y, scope="clause"))
                    continue
            elif kind == "part":
                year = implied or (int(cur[:4]) if cur else doc_year)
                period = f"{year:04d}" if year else None
            else:
                period = None
            ev.append(TimeEvent(pos, end, period, int(period[:4]) if period else None))
            cur = period
        return ev
