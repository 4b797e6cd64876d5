"""IndicatorExtractor: every figure of an article as a row an analyst can chart.

Pipeline per sentence: scan numerals (``scanner``) -> drop non-indicators
(``exclusions``) -> qualifier and span (``qualifiers``) -> subject
(``subjects``) -> kind / forecast (``kinds``) -> period (``periods``, carried
through the paragraph) -> cited source (``sources``).  Work is linear in the
text length; the POS-based subject heuristics only run on bounded windows,
and fall back to a cheap string rule on very long sentences or documents with
thousands of numbers.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from ..clean import is_cjk
from ..document import CleanDocument, Paragraph, Sentence
from .exclusions import Exclusions
from .kinds import Kinds
from .lexicon import Lexicon, load_lexicon
from .model import Indicator
from .periods import DocTime, Periods, TimeEvent, year_series
from .qualifiers import QualifierResult, Qualifiers
from .scanner import Mention, Scanner
from .simpledoc import split_sentences
from .sources import Sources
from .subjects import Subjects
from .textnorm import normalise

log = logging.getLogger(__name__)

RULES_VERSION = "1.30"

CLAUSE_BREAKS = "，,；;：:。！？!?()（）"
BOUNDARY_REASONS = {"year", "date", "time", "scope", "ordinal", "boilerplate", "stock-quote", "duration"}
TIME_REASONS = {"year", "date", "time", "scope", "duration"}
# 是B的N倍, 为B的30%: the units of a ratio to a base
RATIO_UNITS = frozenset({"倍", "%"})

# A short numbered sentence without figures (（二）电视作品。) heads a list: the period stays in force.
HEADING_CHARS = 20
LIST_HEADING = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])")
JOINERS = {"", "、", "和", "及", "与", "或", "以及", "，", ","}
CLAUSE_LEADS = {"", "截至", "截止", "截止到", "在", "于", "而", "但", "从", "自", "到", "至", "其中", "同时", "此外",
                "另外", "而在", "今年", "去年", "全年", "其", "公司", "该公司", "据", "另据", "原标题："}
SAME_PERIOD = ("上年同期", "去年同期", "同期")
MAX_FULL_MENTIONS = 3000       # per document; later ones get the cheap subject path
MAX_SOURCE_SENTENCE = 2000
MAX_SENTENCE_FIELD = 1000
FIGURE_GAP = 3                 # 2021年的302亿元: a year dating the figure right after it
SERIES_GAP = 4                 # 、亏损: what may separate two figures of one enumeration
SERIES_NAME_GAP = 24           # 、青岛水务集团有限公司: the name between two counts of one list
SERIES_LEADS = ("、", "和", "及", "与", "或")
SERIES_TOTALS = {"总共", "共", "共计", "合计", "总计", "一共"}
COMPARISON_MARKERS = ("比", "较", "相较于", "相比于")
YOY_LEAD = re.compile(r"\s?[，,]\s?(?:较|比|相比|相较|相较于|与)\s?")   # 37080.65 万元，较 2022 年 H1
RUN_ON_CHARS = 50             # a clause this long around a figure has lost its punctuation
PAREN_GLOSS = 24               # longest parenthetical (ticker, abbreviation, gloss) read through for a subject


def exact(value: float) -> float:
    """The value as written, without binary noise from applying a magnitude
    (17.33亿 → 1733000000.0, not 1732999999.9999998): 15 significant digits are
    more than any written figure has and fewer than a double carries."""
    return float(f"{value:.15g}")


@dataclass
class _ParaState:
    period: str | None = None
    age: int = 0
    last: str | None = None      # the last period set in the paragraph, however long ago


@dataclass
class _Item:
    m: Mention
    rule: bool
    q: QualifierResult
    follow: str = ""
    action: str = ""           # the action a time limit applies to (5个工作日内审定)


class IndicatorExtractor:
    """Rule-based extractor; resources are read once per process via :meth:`load`."""

    version: str = f"indicators-{RULES_VERSION}"

    def __init__(self, lex: Lexicon, strict: bool = False) -> None:
        self.lex = lex
        self.strict = strict
        self.version = f"indicators-{RULES_VERSION}+{lex.fingerprint}"
        self.scanner = Scanner(lex)
        self.kinds = Kinds(lex)
        self.exclusions = Exclusions(lex, self.kinds)
        self.qualifiers = Qualifiers(lex)
        self.periods = Periods(lex)
        self.subjects = Subjects(lex)
        self.sources = Sources(lex)
        self.max_sentence = int(lex.get("subjects", "max_sentence_chars", 400))

    @classmethod
    def load(cls) -> "IndicatorExtractor":
        return _load_default()

    # -- document ----------------------------------------------------------------
    def extract(self, doc: CleanDocument) -> list[Indicator]:
        text = doc.text or ""
        if not text:
            return []
        paragraphs = doc.paragraphs or _fallback_paragraphs(text)
        doc_time = self.periods.doc_time(text, doc.published)
        abbr = Sources.abbreviations(text)
        out: list[Indicator] = []
        for p in paragraphs:
            state = _ParaState()
            ptext = text[p.start:p.end]
            policy = self.kinds.is_policy_paragraph(ptext[:5000])
            sentences = p.sentences or [Sentence(p.start, p.end)]
            for sent in sentences:
                try:
                    self._sentence(text, p.para_no, sent, state, doc_time, abbr, policy, out)
                except Exception:  # one odd sentence must not cost the document its rows
                    if self.strict:
                        raise
                    log.warning("indicator extraction failed in %s at %d", doc.doc_id, sent.start, exc_info=True)
        return out

    # -- sentence --------------------------------------------------------------
    def _sentence(self, text: str, para_no: int, sent: Sentence, state: _ParaState, doc_time: DocTime,
                  abbr: dict[str, str], policy: bool, out: list[Indicator]) -> None:
        raw = text[sent.start:sent.end]
        s = normalise(raw)
        carried = state.period if self.periods.lasts(state.period, state.age) else None
        if carried is None and state.last and self.periods.renews(s):
            carried = state.last     # 报告期内，…: the reporting period the paragraph already dated
        events = self.periods.events(s, doc_time, carried)
        mentions = self.scanner.scan(s)
        kept: list[Mention] = []
        if mentions:
            self.exclusions.apply(s, mentions)
            kept = [m for m in mentions if m.excluded is None]
            if kept:
                self._emit(text, raw, s, para_no, sent, kept, mentions, events, carried, abbr, policy, out)
        last_figure = max((m.start for m in kept), default=-1)
        # 是去年7月份信息流广告推出后达到的新台阶: a time inside a remark after the figures is not
        # the period of the next sentences; one that starts a clause or dates a figure is
        lasting = [e for e in events if e.scope is None
                   and (not kept or e.period is None or e.pos < last_figure or _starts_clause(s, e.pos))]
        if lasting:
            state.period, state.age = lasting[-1].period, 0
            state.last = state.period or state.last
        elif raw.rstrip("”’」』）) ")[-1:] not in ("；", ";", "，", ",") \
                and not (not kept and len(s.strip()) <= HEADING_CHARS and LIST_HEADING.match(s)):
            state.age += 1       # clauses split on ； continue the same sentence; （二）电视作品。 is a heading

    def _emit(self, text: str, raw: str, s: str, para_no: int, sent: Sentence, kept: list[Mention],
              mentions: list[Mention], events: list[TimeEvent], carried: str | None,
              abbr: dict[str, str], policy: bool, out: list[Indicator]) -> None:
        cheap = len(s) > self.max_sentence or len(out) > MAX_FULL_MENTIONS
        breaks = [i for i, ch in enumerate(s) if ch in CLAUSE_BREAKS]
        bound_ms = sorted((m for m in mentions if m.excluded is None or m.excluded in BOUNDARY_REASONS),
                          key=lambda m: m.end)
        bounds = [m.end for m in bound_ms]
        ev_pos = [e.pos for e in events]
        source = self.sources.cited(s, abbr) if len(s) <= MAX_SOURCE_SENTENCE else None

        def clause_start(pos: int) -> int:
            k = bisect.bisect_left(breaks, pos) - 1
            return breaks[k] + 1 if k >= 0 else 0

        def paren_prefix(cs: int) -> str:
            """TVB（00511.HK）涨13%, EBITDA（税息折旧及摊销前利润）亏损: the name before a gloss."""
            if cs < 2 or s[cs - 1] not in "）)":
                return ""
            k = bisect.bisect_left(breaks, cs - 1) - 1
            while k >= 0 and s[breaks[k]] in "，," and cs - 1 - breaks[k] <= PAREN_GLOSS:
                k -= 1           # 东方甄选控股有限公司（东方甄选，01797.HK）: a gloss may list several names
            if k < 0 or s[breaks[k]] not in "（(" or cs - 1 - breaks[k] > PAREN_GLOSS:
                return ""
            inner = s[breaks[k] + 1:breaks[k + 1]]
            if s[breaks[k + 1]] in "，," and inner and all("\u4e00" <= c <= "\u9fff" for c in inner):
                return inner     # the short name the gloss gives (东方甄选)
            start = clause_start(breaks[k])
            j = bisect.bisect_right(bounds, breaks[k]) - 1
            if j >= 0 and bounds[j] > start:
                start = bounds[j]
            return s[start:breaks[k]]

        items: list[_Item] = []
        sentence_rule = self.kinds.sentence_rule(s, policy)
        for m in kept:
            ctx = self.kinds.rule_context(s, m, sentence_rule)
            q = self.qualifiers.qualify(s, m, ctx is not None)
            rule = ctx == "strong" or (ctx == "weak" and q.qualifier in ("le", "ge", "lt"))
            items.append(_Item(m, rule, q))
        for it in items:
            # 5个工作日内审定: a time limit measures the action after it, whatever stands before
            it.action = "" if cheap else self.subjects.limited_action(s, it.q.after_end, it.m.unit,
                                                                           it.q.after_cue)
            # 员工90%是女性: the part named after the percentage
            part = "" if cheap or it.m.unit != "%" else self.subjects.named_part(s, it.q.after_end)
            it.follow = it.action or part or self.subjects.following(s, it.q.after_end, cheap, skip_verb=it.m.unit == "次",
                                                has_unit=it.m.unit_class in ("currency", "percent"),
                                                spaced=s[it.q.cue_start - 1:it.q.cue_start] == " ",
                                                counted=it.m.unit_class == "measure", unit=it.m.unit)
        # "65英寸和75英寸版本": coordinated numbers share the noun after the last one
        for a, b in zip(reversed(items[:-1]), reversed(items[1:])):
            if not a.follow and b.follow and s[a.q.after_end:b.q.cue_start].strip() in JOINERS - {"，", ","}:
                a.follow = b.follow
            elif not a.follow and b.follow and _counted_series(s, a, b) and not self.subjects.verbal(b.follow):
                a.follow = b.follow

        series_period = _distribute_years(s, items)
        prev_subject: str | None = None
        prev_clause = -1
        prev_item: _Item | None = None
        prev_kind = "level"
        prev_forecast = False
        distribute: list[str] | None = None
        dist_i = 0
        for it in items:
            m, q = it.m, it.q
            cs = clause_start(q.cue_start)
            k = bisect.bisect_right(bounds, q.cue_start) - 1
            region_start = max(cs, bounds[k] if k >= 0 and bounds[k] <= q.cue_start else 0)
            # 由140字扩充为300字: the region starts right after the previous figure of the clause
            after_prev = prev_item is not None and prev_clause == cs and region_start <= prev_item.q.after_end
            if after_prev:
                region_start = max(region_start, prev_item.q.after_end)
            left = s[region_start:q.cue_start]
            if region_start == cs:
                left = paren_prefix(cs) + left
            inherited = False
            # 突破1亿https://…: a scrap after the figure names nothing; read the phrase before it
            subject = it.follow if self.subjects.usable(it.follow, single_ok=True) else ""
            with_de = s.startswith("的", q.after_end)
            if subject and not it.action and m.unit is not None and q.cue_start == m.start \
                    and not with_de and self.subjects.verbal(subject):
                # 检查场所945个排查整改…, 水果20%直接订单销往…: the noun touching the number names it
                subject = self.subjects.adjacent(left) or subject
            elif subject and not it.action and m.unit_class == "measure" and not with_de \
                    and _run_on(s, breaks, cs, q.after_end):
                # 查获外国品牌卷烟140万支陕西省…: in text that lost its punctuation the noun after the
                # count starts the next sentence; the verb's object touching the number is counted
                subject = self.subjects.counted_object(left) or subject
            if subject and not it.action and with_de and not self.subjects.names_measure(subject):
                # 常住人口不到15万的县城: the measure is named before the figure, the 县城 has it
                subject = self.subjects.measure_before(left) or subject
            cue = q.before_cue or ""
            if not subject and cue and q.cue_start + len(cue) < m.start:
                # 不超过审定实际投资额的50%, 约占上海全市1/4: the base sits between cue and number
                gap = s[region_start:m.start] if "占" in cue else s[q.cue_start + len(cue):m.start]
                subject = self.subjects.before(gap, cheap)
            if not subject and cs > 0 and s[cs - 1] in "（(" and not left.strip():
                # 《银河护卫队3》（3.58亿）: a figure in brackets belongs to the name right before them
                j = bisect.bisect_right(bounds, cs - 1) - 1
                lo = max(clause_start(cs - 1), bounds[j] if j >= 0 else 0)
                subject = self.subjects.before(s[lo:cs - 1], cheap, head_verb=False)
                if subject.startswith("《") and subject.endswith("》"):
                    subject = subject[1:-1]    # the figure glosses the work itself
            if not subject:
                lstrip = left.strip(" 、，,和及与/")
                if distribute is not None and dist_i < len(distribute) and lstrip in ("", "分别为", "分别"):
                    subject = distribute[dist_i]
                    dist_i += 1
                else:
                    distribute = None
                    if lstrip.startswith(SAME_PERIOD):
                        rest = lstrip.split("同期", 1)[1]
                        subject = self.subjects.before(rest, cheap)
                        if subject in self.subjects.nominal_verbs:
                            subject = ""       # 上年同期亏损37.22亿元: same measure as before
                    else:
                        subject = (not cheap and m.unit in RATIO_UNITS and self.subjects.ratio_frame(left)) \
                            or self.subjects.before(left, cheap, head_verb=not after_prev)
                        if region_start > cs:
                            base = self.subjects.compared_base(s[cs:q.cue_start], region_start - cs, cheap)
                            subject = subject if base is None else base
                    slashed = "/" in subject and s[m.end:m.end + 1] == "/"   # 订单量/买家数同比增40%/30%
                    if subject and ("分别" in left or slashed):
                        parts = [x for x in re.split(r"[、和及与/]" if slashed else r"[、和及与]", subject) if x]
                        if len(parts) >= 2:
                            distribute, dist_i = parts, 1
                            subject = parts[0]
            if (not self.subjects.usable(subject) or len(subject) < 2) and k >= 0 and bound_ms[k].excluded in TIME_REASONS \
                    and bound_ms[k].start > cs and not after_prev:
                # 行业规模有望从2021年的302亿元, 收入三年间缩水了6亿元: the subject precedes the date
                tm = bound_ms[k]
                j = bisect.bisect_right(bounds, tm.start) - 1
                lo = max(cs, bounds[j] if j >= 0 else 0)
                head = s[lo:tm.start] if lo > cs else paren_prefix(cs) + s[cs:tm.start]
                subject = self.subjects.before(head, cheap) or subject
            if not self.subjects.usable(subject, single_ok=bool(subject) and subject == it.follow):
                subject = ""
            if not subject:
                inherited = True
                if prev_subject and prev_clause >= 0:
                    subject = prev_subject
                elif cs > 0:
                    gloss = paren_prefix(cs)     # 星河影业（01234.HK）8月3日收盘跌4.5%
                    prev = s[clause_start(cs - 1):cs - 1]
                    subject = (gloss and self.subjects.before(gloss, cheap)) or self.subjects.tail(prev, cheap) \
                        or self.subjects.topic(prev, cheap) or None
            kind = self.kinds.kind(m, left, subject, it.rule, q.qualifier, cue)
            if prev_item is not None and prev_clause == cs and prev_item.m.unit == m.unit \
                    and s[prev_item.m.end:q.cue_start].strip(" 、/") == "":
                kind = prev_kind       # 同比增268%/245%/126%: one verb for the whole list
            fstart = cs
            first_break = breaks[0] if breaks else len(s)
            if first_break <= 12 and first_break < cs:
                fstart = 0 if self.kinds.is_forecast(s[:first_break]) else cs
            forecast = self.kinds.is_forecast(s[fstart:q.cue_start])
            if not forecast and prev_forecast and (
                    (inherited and kind in ("growth", "change")) or _glosses(s, prev_item, it)):
                # 预计收入141亿元，同比增28%: the growth of a projection is projected;
                # 预计收入15.6亿港元（约合14.5亿人民币）: so is the same amount in another currency
                forecast = True
            period = carried
            for e in reversed(events[:bisect.bisect_left(ev_pos, m.start)]):
                if e.scope == "clause" and clause_start(e.pos) != clause_start(m.start):
                    continue
                if e.scope == "figure" and (m.start - e.end > FIGURE_GAP or m.unit_class in ("multiple", "percent")):
                    continue       # 2019年同期的8倍: the year dates the base, not the multiple
                period = e.period
                break
            if period is None:
                period = _base_follows(s, q.after_end, events)
            period = series_period.get(id(it), period)
            start, end = sent.start + m.start, sent.start + m.end
            sentence = raw if len(raw) <= MAX_SENTENCE_FIELD else \
                raw[max(0, m.start - MAX_SENTENCE_FIELD // 2):m.end + MAX_SENTENCE_FIELD // 2]
            ind = Indicator(
                para_no=para_no, start=start, end=end, text=text[start:end], sentence=sentence,
                subject=subject or None, value=exact(m.value),
                value_high=None if m.value_high is None else exact(m.value_high),
                unit=m.unit, period=period, qualifier=q.qualifier, kind=kind, forecast=forecast,
                source=source, confidence=_confidence(m, subject, inherited, cheap, len(s)))
            out.append(ind)
            # 占总收入32%，同比增长15%: the growth is not of the base; 比12.4英寸的平板大28%: nor is
            # what follows a figure inside a comparison base
            if not (kind == "share" and self.subjects.names_share_base(left)) \
                    and not left.rstrip().endswith(COMPARISON_MARKERS):
                prev_subject = subject or prev_subject
            prev_clause = cs
            prev_item, prev_kind, prev_forecast = it, kind, forecast


def _counted_series(s: str, a: _Item, b: _Item) -> bool:
    """甲公司的3辆、乙公司1辆和丙公司的5辆总共9辆送水车: counts with one measure word listed
    in one clause share the noun written after the last of them."""
    if a.m.unit != b.m.unit or a.m.unit_class != "measure":
        return False
    gap = s[a.q.after_end:b.q.cue_start]
    if len(gap) > SERIES_NAME_GAP or any(c in CLAUSE_BREAKS for c in gap):
        return False
    return gap.startswith(SERIES_LEADS) or gap.strip() in SERIES_TOTALS


def _base_follows(s: str, end: int, events: list[TimeEvent]) -> str | None:
    """营业收入 37080.65 万元，较 2022 年 H1 同比增长 5.75%: the figure the next clause compares
    with a year-on-year base is of the year after that base."""
    e = next((e for e in events if e.pos >= end), None)
    if e is None or not e.base or not YOY_LEAD.fullmatch(s[end:e.pos]):
        return None
    return e.period


def _starts_clause(s: str, pos: int) -> bool:
    """A time expression at the start of its clause (after 截至, 在, 而 ...): it sets the scene."""
    k = max(s.rfind(c, 0, pos) for c in CLAUSE_BREAKS)
    return s[k + 1:pos].strip(" “\"") in CLAUSE_LEADS


def _distribute_years(s: str, items: list[_Item]) -> dict[int, str]:
    """2019年至2022年…分别为A、B、C、D / 2023-25年…为A/B/C: one year per figure, in order.

    Only when the figures after the years are an enumeration (分别, or joined by
    "/") of exactly as many figures as there are years.
    """
    out: dict[int, str] = {}
    if len(items) < 2:
        return out
    for ser in year_series(s):
        run: list[_Item] = []
        for it in items:
            if it.m.start < ser.end:
                continue
            if run:
                gap = s[run[-1].m.end:it.m.start]
                if len(gap) > SERIES_GAP or any(c in gap for c in "，,；;。：:（(") or it.m.unit != run[0].m.unit:
                    break
            elif "分别" not in s[ser.end:it.m.start] and s[it.m.end:it.m.end + 1] != "/" \
                    and s[it.m.num_end:it.m.num_end + 1] != "/":
                break
            run.append(it)
        if len(run) == len(ser.years):
            for it, y in zip(run, ser.years):
                out[id(it)] = f"{y:04d}"
    return out


# an opening bracket and a few words before a restated amount: （约合人民币, （IT之家注：约 — but not
# a comparison base ((而于2022年同期取得收入1.83亿元)
GLOSS_OPEN = re.compile(r"\s?[（(](?![^（）()]*(?:年|同期|而|较|比))[^（）()]{0,24}")


def _glosses(s: str, prev: _Item | None, it: _Item) -> bool:
    """Is ``it`` a bracketed restatement of the figure right before it (850亿美元（约合人民币5865亿元）)?"""
    return prev is not None and prev.m.unit_class == "currency" == it.m.unit_class \
        and GLOSS_OPEN.fullmatch(s, prev.q.after_end, it.q.cue_start) is not None


def _confidence(m: Mention, subject: str | None, inherited: bool, cheap: bool, sent_len: int) -> float:
    """Heuristic certainty, used to rank rows for review (not a probability)."""
    c = 0.92
    if not subject:
        c -= 0.3
    elif inherited:
        c -= 0.1
    if m.unit is None:
        c -= 0.08
    if m.chinese and m.magnitude is None and m.special is None:
        c -= 0.15
    if m.special in ("order", "half", "double"):
        c -= 0.1
    if m.value_high is not None:
        c -= 0.03
    if cheap:
        c -= 0.15
    if sent_len > 200:
        c -= 0.05
    return round(min(0.99, max(0.05, c)), 3)


def _fallback_paragraphs(text: str) -> list[Paragraph]:
    """A document built without paragraphs: one per non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(len(out), pos, pos + len(line), split_sentences(text, pos, pos + len(line))))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=1)
def _load_default() -> IndicatorExtractor:
    return IndicatorExtractor(load_lexicon())


def _run_on(s: str, breaks: list[int], cs: int, pos: int) -> bool:
    """A figure inside a long stretch of text without clause breaks (lost punctuation), a
    word rather than a list comma or a space right after it."""
    k = bisect.bisect_left(breaks, pos)
    end = breaks[k] if k < len(breaks) else len(s)
    return end - cs >= RUN_ON_CHARS and pos < len(s) and is_cjk(s[pos])
