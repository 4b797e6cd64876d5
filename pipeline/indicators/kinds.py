"""Kind (level growth change share multiple limit), rule context and forecast.

The cue nearest to the number in its clause decides: "同比增长5.3%" is growth,
"提升至77%" sets a level (a share, for a percentage), "占…38.7%" is a share.
Rules and policies (原则上不超过40集, 最高可获得100万元) make thresholds `limit`.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon
from .scanner import Mention

POLICY = re.compile(r"《[^《》]{0,60}(?:通知|办法|规定|意见|措施|举措|方案|细则|条例|规则|标准|政策|指南|指引)[^《》]{0,20}》"
                    r"|政策举措|若干措施|具体措施|支持标准|申报条件|参赛要求|征集要求|作品要求")
RATE_GROWTH = ("增速", "增长率", "增幅", "涨幅", "增长速度", "增长")
RATE_CHANGE = ("降幅", "跌幅", "减幅", "下降", "下滑", "减少", "差距")
# 到2030年, 至 2027 年 (web text spaces numbers): a target year ahead of the figure
TARGET_YEAR = re.compile(r"[到至]\s?20\d\d\s?年")


class Kinds:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.growth = lex.words("kinds", "growth_verbs")
        self.change = lex.words("kinds", "change_verbs")
        self.setters = lex.words("kinds", "level_setters")
        self.gaps = lex.words("kinds", "gap_verbs")
        self.cue_blockers = lex.words("kinds", "cue_blockers")
        self.rule_cues = lex.words("kinds", "rule_cues")
        self.weak_rule_cues = lex.words("kinds", "weak_rule_cues")
        self.not_rule = lex.words("kinds", "not_rule_cues")
        self.rule_blockers = lex.words("kinds", "rule_cue_blockers")
        self.grant_nouns = lex.words("kinds", "grant_nouns")
        self.forecast = lex.words("kinds", "forecast_cues")
        self.forecast_block = lex.words("kinds", "forecast_blockers")
        self._cues: list[tuple[str, str]] = sorted(
            [(w, "growth") for w in self.growth] + [(w, "change") for w in self.change]
            + [(w, "setter") for w in self.setters] + [(w, "gap") for w in self.gaps] + [("占", "share")],
            key=lambda x: len(x[0]), reverse=True)

    @staticmethod
    def is_policy_paragraph(paragraph: str) -> bool:
        return POLICY.search(paragraph) is not None

    def sentence_rule(self, sentence: str, policy_paragraph: bool) -> str | None:
        """Does the sentence set a rule (cap, floor, quota, grant) rather than report a fact?

        Returns "strong" (every figure is a limit), "weak" (figures with a bound
        qualifier are), "none" (a report: never a limit) or None.  Computed once
        per sentence.
        """
        if any(w in sentence for w in self.not_rule):
            return "none"
        for w in self.rule_blockers:
            sentence = sentence.replace(w, " ")      # 不得不提: no rule, though it holds 不得
        if any(w in sentence for w in self.rule_cues):
            return "strong"
        if policy_paragraph and "支持" in sentence:
            return "strong"
        if policy_paragraph or any(w in sentence for w in self.weak_rule_cues):
            return "weak"
        return None

    def sets_rule(self, sentence: str) -> bool:
        """Does the sentence set a rule, by its own words (no policy paragraph around it)?"""
        return self.sentence_rule(sentence, False) in ("strong", "weak")

    def rule_context(self, sentence: str, m: Mention, sentence_rule: str | None) -> str | None:
        """The sentence's rule context, or "strong" when a grant noun follows the figure."""
        if sentence_rule == "none":
            return None
        tail = sentence[m.end:m.end + 6]
        if any(tail.startswith(g) for g in self.grant_nouns):
            return "strong"
        return sentence_rule

    def _nearest_cue(self, left: str) -> tuple[str, str] | None:
        """The cue word ending closest to the number (rightmost)."""
        for b in self.cue_blockers:
            left = left.replace(b, " " * len(b))     # 增加值 is a noun, not 增加
        best: tuple[int, str, str] | None = None
        for w, kind in self._cues:
            k = left.rfind(w)
            if k < 0:
                continue
            end = k + len(w)
            if best is None or end > best[0] or (end == best[0] and len(w) > len(best[1])):
                best = (end, w, kind)
        if best is None:
            return None
        end, w, kind = best
        rest = left[end:].strip(" 了")
        if kind in ("growth", "change"):
            # 提升至77%, 增长到: the verb sets a level
            if rest[:1] in ("至", "到", "为", "达"):
                return "setter", "setter"
        return kind, rest

    def kind(self, m: Mention, left: str, subject: str | None, rule: bool, qualifier: str,
             cue: str | None = None) -> str:
        """``left``: clause text between the previous number (or clause start) and the cue before this one."""
        if m.special == "double":
            return "growth"
        nearest = self._nearest_cue(left)
        kind = nearest[0] if nearest else None
        rest = nearest[1] if nearest else ""
        if kind == "gap":
            # 增速高于全国4.8个百分点: the gap to a base named in between is a change;
            # 利润率高于5% (nothing between) is a bound, the qualifier's business
            kind = "change" if rest.strip() else None
        percent = m.unit_class in ("percent", "points")
        if m.unit_class == "multiple":
            return "growth" if kind == "growth" else "multiple"
        if rule and (qualifier in ("le", "ge", "lt") or not percent):
            return "limit"
        if percent and cue and "占" in cue:
            return "share"
        if percent and m.sign is not None:
            return "growth" if m.sign == "+" else "change"
        if percent:
            if kind in ("growth", "change"):
                return kind
            if kind == "share":
                return "share"
            subj = subject or ""
            if any(w in subj for w in RATE_GROWTH) and "率" not in subj.replace("增长率", ""):
                return "growth"
            if any(w in subj for w in RATE_CHANGE):
                return "change"
            if m.unit_class == "points":
                return "change"
            return "share"
        if kind in ("growth", "change") and len(rest) <= 2:
            return kind
        return "level"

    def is_forecast(self, text_before: str) -> bool:
        """Projection or target cue in the text leading to the number (same clause)."""
        t = text_before
        for b in self.forecast_block:
            t = t.replace(b, " " * len(b))
        return any(w in t for w in self.forecast) or TARGET_YEAR.search(t) is not None
