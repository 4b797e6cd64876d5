"""Subject: the shortest phrase of the sentence naming what is measured.

Two places name it: a noun right after the number and its unit ("86万件稿件",
"60万用户", "1.2元的版权收益"), or the noun phrase before the predicate
("网民规模达11.25亿人").  The phrase before is cut at the predicate (达, 为,
突破, 同比增长 ...) and read right-to-left with jieba POS tags until a word
that cannot be part of a noun phrase.  Shares follow annotations.md: "占Y的Z%"
-> Y unless the part is named right before 占.  A clause with no subject of its
own ("，同比增长5.3%") inherits the one before it (done by the extractor).
"""
from __future__ import annotations

import re

from ..clean import is_cjk, is_cjk_text
from ..segment import cut, in_dictionary, pos_tag
from .lexicon import Lexicon

NOUN_JOINERS = {"、", "和", "及", "与", "或", "/", "·", "-"}
OPEN_Q, CLOSE_Q = "“《「『\"", "”》」』\""
STRONG_VERBS = {"达", "为", "是", "有", "突破", "超", "超过", "增长", "下降", "使", "让", "带动", "推动",
                "显示", "表示", "称", "指出", "认为", "预计", "将", "拟", "占", "获得", "给予", "提供",
                "实现", "完成", "成为", "达到", "位居", "排名", "创下", "等于", "相当于", "约", "共"}
PREDICATE_NEXT = set("至到了为达")
DANGLING_PREPOSITIONS = ("以", "向", "对", "被", "把", "从", "给", "跟", "同", "替")
# Opening a phrase they make it an adverbial, not a noun (向小乙, 给用户); words of the
# dictionary that start with them are nouns all the same (对外投资额, 被执行人).
LEADING_PREPOSITIONS = DANGLING_PREPOSITIONS + ("为",)
# A是B的 (then N倍 or N%): the frame of a ratio to a base
RATIO_FRAME = re.compile(r"^(.*?[^\s，,；;：:])(?:已经|已|仍|约|将)?(?:是|为|相当于)[^是为，,；;。]{1,20}的$")
SHARE_WORD_END = re.compile(r"(?:比重|比例|份额)$")
COMPARED_WITH = re.compile(r"(?:与|同|和|跟)[^，,；;。与同和跟]{1,12}?相比$")
PROPER_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng"})
SHORT_VERBS = "达为是至到了超逾约近"
LATIN_SCRAP = re.compile(r"https?|www|[A-Za-z]\d?|[HQ][1-4]|\d+[A-Za-z]?", re.I)
TAIL_FLAGS = frozenset({"n", "nz", "vn", "eng", "j", "nt", "nw"})
LIST_JOINERS = "、和及或"
PERIOD_MORPHEMES = {"年", "月", "周", "季"}
TITLE_ONLY = re.compile(r"《[^《》]+》")
# 5集4K纪录片, 3款5G手机: a format tag between a measure word and the counted noun.
FORMAT_TAG = re.compile(r"[0-9]{0,2}[A-Za-z]{1,3}(?=[\u4e00-\u9fff])")
BREAKS = set("，,；;：:。！？!?（）()[]【】|")


def _clause_end(t: str) -> int:
    """Where the clause that ``t`` starts ends (the first break, else the end of ``t``)."""
    return next((k for k, ch in enumerate(t) if ch in BREAKS), len(t))


def _share_verb(t: str) -> int:
    """Position of the last 占 used as a verb (占Y的Z%), not inside 占比/占有率; -1 if none."""
    k = t.rfind("占")
    while k >= 0 and t[k + 1:k + 2] in ("比", "有"):
        k = t.rfind("占", 0, k)
    return k


class Subjects:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.predicates = lex.words("subjects", "predicates")
        self.noise = lex.words("subjects", "leading_noise")
        self.noun_flags = frozenset(lex.get("subjects", "noun_flags", []))
        self.nominal_verbs = frozenset(lex.get("subjects", "nominal_verbs", []))
        self.max_chars = int(lex.get("subjects", "max_chars", 24))
        self._noise_set = frozenset(self.noise)
        self.forward_excluded = frozenset(lex.get("subjects", "forward_excluded_flags", []))
        self._nominal_sorted = sorted(self.nominal_verbs, key=len, reverse=True)
        self.max_forward = int(lex.get("subjects", "max_forward_chars", 12))
        self._pred_set = frozenset(self.predicates)
        self.source_leads = tuple(map(str, lex.get("subjects", "source_leads", [])))
        self.not_subjects = frozenset(lex.get("subjects", "not_subjects", []))
        self.not_following = tuple(map(str, lex.get("subjects", "not_following", [])))
        self.when_words = tuple(map(str, lex.get("subjects", "when_words", [])))
        self.when_nouns = tuple(map(str, lex.get("subjects", "when_nouns", [])))
        self.forward_modifiers = frozenset(lex.get("subjects", "forward_modifiers", []))
        self.kind_verbs = frozenset(lex.get("kinds", "growth_verbs", []) + lex.get("kinds", "change_verbs", []))
        self.not_head_verbs = frozenset(lex.get("subjects", "not_head_verbs", []))
        self.fragments = frozenset(lex.get("subjects", "fragments", []))
        self.suffixes = frozenset(lex.get("subjects", "measure_suffixes", []))
        self.noun_classifiers = frozenset(lex.get("subjects", "noun_classifiers", []))
        self.measure_nouns = tuple(lex.get("subjects", "measure_nouns", []))
        self.measure_links = tuple(lex.get("subjects", "measure_links", []))
        self.reason_leads = tuple(lex.get("subjects", "reason_leads", []) or ())
        self.gap_verbs = frozenset(lex.get("kinds", "gap_verbs", []))   # 高于全国…: a comparison base follows
        self.passive_units = frozenset(lex.get("subjects", "passive_counted_units", []))
        self.deadline_units = frozenset(lex.get("subjects", "deadline_units", []))
        self.deadline_words = frozenset(lex.words("exclusions", "within_words"))
        self.passive_markers = frozenset(lex.get("subjects", "passive_markers", []))
        self.passive_read_through = frozenset(lex.get("subjects", "passive_read_through", []))

    # -- helpers -------------------------------------------------------------
    def _strip_predicates(self, text: str, keep: tuple[str, ...] = ()) -> str:
        t = text.rstrip(" ")
        changed = True
        while t and changed:
            changed = False
            for w in self.predicates:
                if t.endswith(w) and w not in keep:
                    t = t[: -len(w)].rstrip(" ")
                    changed = True
                    break
        return t

    def _nounish(self, word: str, flag: str) -> bool:
        if word in self._pred_set and word not in self.nominal_verbs:
            return False
        if flag in self.noun_flags:
            if flag == "x":
                return any(c.isalnum() for c in word)
            return True
        if flag == "m":   # 5G, 4K inside names; plain numbers are not
            return any(c.isascii() and c.isalpha() for c in word)
        return word in self.nominal_verbs

    def _head_verb(self, w: str, f: str) -> bool:
        """A verb right before the figure that names the counted action (获利, 逮捕, 改编, 种植)."""
        return f == "v" and len(w) >= 2 and w not in STRONG_VERBS and w not in self._pred_set \
            and w not in self.kind_verbs and w not in self.not_head_verbs

    def _np_backward(self, toks: list[tuple[str, str]], head_verb: bool = True) -> str:
        """Noun phrase at the end of ``toks`` (already stripped of the predicate)."""
        out: list[str] = []
        if len(toks) >= 2 and toks[-1][0] in self.suffixes and toks[-1][1] not in self.noun_flags:
            w, f = toks[-2]
            if is_cjk_text(w) and w not in self._pred_set and w not in self._noise_set \
                    and f in ("v", "vn"):
                # 回函|率, 留存|率 tagged as verbs: the suffix makes the word before it a measure
                toks = toks[:-2] + [(w + toks[-1][0], "n")]
        if head_verb and len(toks) >= 2 and toks[-2][0] in self.passive_markers and toks[-1][1] == "v" \
                and len(toks[-1][0]) == 1:
            return toks[-2][0] + toks[-1][0]   # 被罚120万元, 被骗3万元: the passive verb names the amount
        if toks and head_verb and self._head_verb(*toks[-1]):
            # 陈某获利648.7万元, 逮捕了65人, 录制共超过1000期: the action is what is counted
            out.append(toks[-1][0])
            toks = toks[:-1]
            k = len(toks)
            while k > 0 and toks[k - 1][1] == "d" and len(toks[k - 1][0]) <= 2 and len(toks) - k < 2:
                k -= 1           # 《中国好声音》已经播出了12季: the name before the adverb
            if k < len(toks) and k > 0 and (self._nounish(*toks[k - 1]) or toks[k - 1][0] in CLOSE_Q):
                out[:0] = [w for w, _ in toks[k:]]
                toks = toks[:k]
        else:
            # drop trailing non-nouns: adverbs, particles, time words
            while toks and not self._nounish(*toks[-1]) and toks[-1][0] not in CLOSE_Q:
                toks = toks[:-1]
        i = len(toks) - 1
        while i >= 0:
            w, f = toks[i]
            if w in CLOSE_Q and w != '"':
                j = i - 1
                while j >= 0 and toks[j][0] not in OPEN_Q:
                    j -= 1
                if j < 0 or i - j > 8:
                    break
                out[:0] = [t[0] for t in toks[j:i + 1]]
                i = j - 1
                continue
            if self._nounish(w, f):
                out.insert(0, w)
            elif w in NOUN_JOINERS and out and i > 0 and self._nounish(*toks[i - 1]):
                out.insert(0, w)
            elif f == "m" and w in PERIOD_MORPHEMES and out and \
                    (i == 0 or (toks[i - 1][1] != "m" and self._nounish(*toks[i - 1]))):
                out.insert(0, w)         # 会员年卡 (年|卡, 年 tagged a numeral): part of the noun
            elif f in ("v", "vn", "a", "b", "ad", "an", "q") and out and w not in STRONG_VERBS \
                    and w not in self._pred_set and len(w) <= 3:
                # verb/adjective modifying the noun after it: 阅读量, 关闭违法网站, 优质空间
                out.insert(0, w)
                if f == "v" and i > 0 and not self._nounish(*toks[i - 1]):
                    break
            else:
                break
            i -= 1
            if sum(len(x) for x in out) > self.max_chars:
                break
        if len(out) == 1 and len(out[0]) == 1 and i >= 0 and self._bound_morpheme_head(*toks[i]):
            out.insert(0, toks[i][0])    # 首发价: jieba tags 首发 an adverb, 价 alone names nothing
        # leading noise: 我国, 其中, 带动 ...
        while out and (out[0] in self._noise_set or out[0] in NOUN_JOINERS or out[0] in STRONG_VERBS):
            out.pop(0)
        phrase = "".join(out).strip(" 、")
        if len(phrase) > self.max_chars:
            phrase = phrase[-self.max_chars:]
        return phrase

    def _bound_morpheme_head(self, w: str, f: str) -> bool:
        """A word that may complete a one-character noun before it (首发 + 价)."""
        return len(w) >= 2 and is_cjk_text(w) and f not in ("p", "c", "u", "uj", "ul", "m", "r", "y") \
            and w not in STRONG_VERBS and w not in self._pred_set and w not in self._noise_set

    def _fwd_noun(self, w: str, f: str) -> bool:
        return f not in self.forward_excluded and self._nounish(w, f)

    def _split_compound(self, toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """送|水车, 洒|水车: jieba splits a verb-object compound noun into a one-character verb
        and a noun; rejoined it names the counted thing (10辆送水车)."""
        if len(toks) >= 2 and len(toks[0][0]) == 1 and toks[0][1] == "v" and is_cjk(toks[0][0]) \
                and toks[1][1] in ("n", "nz") and len(toks[1][0]) >= 2 and toks[0][0] not in self._pred_set:
            return [(toks[0][0] + toks[1][0], "n")] + toks[2:]
        return toks

    def _np_forward(self, toks: list[tuple[str, str]], skip_verb: bool = False, classifier: bool = False,
                    head_only: bool = False) -> str:
        """``head_only`` (after 的): the noun ends at a verb (30元的价格|出售, 30%的用户|使用短视频)."""
        out: list[str] = []
        if skip_verb and toks and toks[0][1] == "v" and len(toks) > 1:
            toks = toks[1:]          # 3次荣膺NBA得分王 -> NBA得分王
        toks = self._split_compound(toks)
        for k, (w, f) in enumerate(toks):
            if w in BREAKS or w.strip() == "":
                break
            if head_only and out and f in ("v", "vn"):
                break
            nxt_noun = k + 1 < len(toks) and self._fwd_noun(*toks[k + 1])
            if classifier and not out and f == "v" and any(t[0] == "的" for t in toks[k + 1:k + 4]) \
                    and not any(t[0] in BREAKS for t in toks[k:k + 4]):
                # 9部参与出品的影片: a verb clause, then 的 and the counted noun
                j = next(x for x in range(k + 1, k + 4) if toks[x][0] == "的")
                return self._np_forward(toks[j + 1:])
            if self._fwd_noun(w, f) or (w in NOUN_JOINERS and out and nxt_noun):
                out.append(w)
            elif not out and nxt_noun and len(w) >= 2 and len(toks[k + 1][0]) >= 2 \
                    and w not in STRONG_VERBS and w not in self._pred_set and f not in ("p", "c", "r", "m", "u", "uj"):
                out.append(w)        # 无偿资助, 立体声扬声器: a modifier before the noun
            elif not out and k < 8:
                # 11万帧独立渲染的影像: a short modifier clause, then 的 and the noun
                j = next((x for x in range(k, min(len(toks), k + 6)) if toks[x][0] == "的"), None)
                if j is None or any(t[0] in BREAKS for t in toks[k:j]):
                    break
                rest = self._np_forward(toks[j + 1:])
                return rest
            else:
                break
            if sum(len(x) for x in out) > self.max_chars:
                break
        while out and out[-1] in NOUN_JOINERS:
            out.pop()
        phrase = "".join(out)
        if phrase in self._noise_set or phrase in self._pred_set or len(phrase) < 1:
            return ""
        return phrase

    # -- public ----------------------------------------------------------------
    def usable(self, subject: str | None, single_ok: bool = False) -> bool:
        """A phrase that can name a measure: not empty, not where or when (盘中, 期间).

        Nor a fragment the POS heuristics leave behind: one character read before
        the number (后, 早, 宽), an adverb or a verb of means (实则, 惊人, 助力, 利用),
        or a scrap of Latin text (H1, https) -- the measure is then named elsewhere
        in the sentence.  A one-character noun written right after the number and
        its measure word (10个省) does name what is counted (``single_ok``).
        """
        if not subject or subject in self.not_subjects or subject in self.fragments:
            return False
        if len(subject) == 1:
            return single_ok and is_cjk(subject)
        if subject.endswith(DANGLING_PREPOSITIONS) and len(subject) > 2:
            return False       # 张某以30元价格: a phrase cut at its preposition names nothing
        if subject.startswith(self.reason_leads):
            return False       # 因涉嫌销售 (11人): why, not what
        if subject.startswith(LEADING_PREPOSITIONS) and not (len(subject) == 2 and subject[0] in self.passive_markers):
            # (被罚, 被骗: a passive verb of two characters names the amount)
            first = cut(subject)[0]
            if first in LEADING_PREPOSITIONS or not in_dictionary(first):
                return False   # 向小乙 (索要四万余元): to whom, not what
        # 《长安三万里》票房17.38亿元，《热烈》8.54亿元: a bare title names the work, not the
        # measure; the figure inherits the measure named before it
        return not LATIN_SCRAP.fullmatch(subject) and not TITLE_ONLY.fullmatch(subject)

    def following(self, s: str, pos: int, cheap: bool, skip_verb: bool = False, has_unit: bool = False,
                  spaced: bool = False, counted: bool = False, unit: str | None = None) -> str:
        """Noun right after the number (and unit): 86万件稿件, 1.2元的版权收益.

        After an amount or a percentage (``has_unit``) with no 的, a noun followed
        by a verb starts the next clause (30亿元腾讯公布…, run-on text without
        punctuation): not what is measured.  After a measure word it is (6个国家参展).
        """
        if cheap or pos >= len(s):
            return ""
        t = s[pos:pos + 28]
        rest = t.lstrip(" +")
        if len(rest) < len(t) and ("+" in t[:len(t) - len(rest)] or rest.startswith("的")
                                   or (spaced and t[:2] != "  ")):
            # 10 万 + 创作者, 30% 的创作者, 搭载 8 核 2.6GHz 处理器 (a figure padded with spaces on
            # both sides); not a space before the next headline
            t = rest
        t = t[:24]
        with_de = t.startswith("的")
        if with_de:
            t = t[1:]
        elif unit in self.noun_classifiers and (tag := FORMAT_TAG.match(t)):
            t = t[tag.end():]
        cut = _clause_end(t)
        t = t[:cut]
        if not t or not (is_cjk(t[0]) or t[0].isalpha() or t[0] in "“《"):
            return ""
        if t.startswith(self.not_following):
            return ""                         # 10万元~15万元区间: not what is measured
        if t.startswith(self.when_words) and not t.startswith(self.when_nouns):
            return ""                         # 达到500万时再来: "when", not what is measured
        if t[0] in LIST_JOINERS:
            return ""                         # 乙公司2辆和丙公司的6辆: the next item of a list starts
        if unit in self.passive_units and not with_de:
            action = self._passive_action(s[pos:pos + 48])
            if action:
                return action
        for w in self._nominal_sorted:        # 31万点赞: jieba splits 点/赞
            if t.startswith(w):
                if t[len(w):len(w) + 1] in PREDICATE_NEXT:
                    return ""                 # 302亿元增长至862亿元: the verb of the next figure
                rest = self._np_forward(pos_tag(t[len(w):])) if len(t) > len(w) else ""
                return (w + rest)[: self.max_forward]
        counted_noun = unit in self.noun_classifiers and not with_de
        if counted_noun and t[0] in "“《":
            # 279个“反诈先锋”宣传队, 8部《…》专题片: a quoted kind or a title, then the counted noun;
            # the quoted kind is part of its name, the title is a name of its own
            close = t.find("”" if t[0] == "“" else "》")
            noun = self._np_forward(pos_tag(t[close + 1:])) if close > 1 else ""
            if noun:
                return ((t[:close + 1] if t[0] == "“" else "") + noun)[: self.max_forward]
        toks = self._split_compound(pos_tag(t))
        # 9部参与出品的影片: after a classifier that needs a noun, a verb clause with 的 leads to it
        classifier = unit in self.noun_classifiers and any(w == "的" for w, _ in toks[1:4])
        # 7场推介活动, 400家相关企业: after such a classifier a verb before a noun modifies it
        if not skip_verb and not with_de and not classifier and not counted_noun and self._verb_object(toks):
            return ""                         # 警力5671人发动群防群治力量: a new predicate starts
        phrase = self._np_forward(toks, skip_verb, classifier, head_only=with_de)
        if phrase and has_unit and not with_de and self._starts_clause(toks, phrase):
            return ""
        if not phrase and counted and not with_de and len(toks) == 1 and self._counted_action(*toks[0]):
            return toks[0][0]                 # 216.2万人预约，…: the clause ends in what they did
        return phrase[: self.max_forward]

    def limited_action(self, s: str, pos: int, unit: str | None, after_cue: str | None) -> str:
        """5个工作日内审定，…: the action a time limit (a duration whose qualifier cue after it
        is 内/以内/之内) applies to, up to the end of its clause; "" for any other figure."""
        if unit not in self.deadline_units or after_cue not in self.deadline_words:
            return ""
        t = s[pos:pos + self.max_chars + 4]
        action = t[:_clause_end(t)].strip()
        return action if 2 <= len(action) <= self.max_chars and is_cjk(action[0]) else ""

    def _passive_action(self, t: str) -> str:
        """3人已被当地警方依法刑事拘留 -> 刑事拘留: what was done to the people just counted.

        Only adverbs or a reason (因涉嫌…) may stand between the count and 被, so a
        noun written there (8名犯罪嫌疑人被…) still names what is counted; after 被 the
        agent and manner are read through to the action.
        """
        end = _clause_end(t)
        if not any(mk in t[:end] for mk in self.passive_markers):
            return ""                      # most counts: no passive, no tagging
        toks = pos_tag(t[:end])
        k = next((i for i, (w, _) in enumerate(toks) if w in self.passive_markers), None)
        if k is None or k + 1 >= len(toks):
            return ""
        lead = toks[:k]
        if lead and not (toks[0][0].startswith(self.reason_leads + ("因",))
                         or all(f == "d" or w in self.passive_read_through for w, f in lead)):
            return ""
        rest = toks[k + 1:]
        # 被当地警方依法刑拘: the manner word closes the agent; else read adverbs and names through
        manner = [i for i, (w, _) in enumerate(rest[:6]) if w in self.passive_read_through and i < len(rest) - 1]
        j = manner[-1] + 1 if manner else 0
        while j < len(rest) - 1 and rest[j][1] in ("d", "r", "s", "n", "nr", "ns", "nt") \
                and any(f in ("v", "i", "j", "l") for _, f in rest[j + 1:]):
            j += 1
        phrase = "".join(w for w, _ in rest[j:])[: self.max_forward]
        return phrase if len(phrase) >= 2 else ""

    def _counted_action(self, w: str, f: str) -> bool:
        """A lone verb closing the clause after a count (N人预约, N名警察 tagged v)."""
        return f in ("v", "vn") and len(w) >= 2 and is_cjk_text(w) and w not in STRONG_VERBS \
            and w not in self._pred_set and w not in self.not_head_verbs and w not in self.kind_verbs

    def _starts_clause(self, toks: list[tuple[str, str]], phrase: str) -> bool:
        """A name followed by a verb of its own (腾讯公布, 江苏警方提醒您): the next clause's subject."""
        n, named = 0, False
        for k, (w, f) in enumerate(toks):
            n += len(w)
            named = named or f in PROPER_FLAGS
            if n >= len(phrase):
                rest = toks[k + 1:]
                if not rest or not named:
                    return False
                w2, f2 = rest[0]
                return f2.startswith("v") and w2 not in self.nominal_verbs and w2 not in self.forward_modifiers
        return False

    def verbal(self, phrase: str) -> bool:
        """A phrase that starts with a verb (排查整改): more likely the next predicate than a noun."""
        toks = self._split_compound(pos_tag(phrase[:8]))
        return bool(toks) and toks[0][1] in ("v", "vn", "d", "ad") and toks[0][0] not in self.nominal_verbs

    def adjacent(self, region: str) -> str:
        """检查场所945个, 罚金7万元: a noun phrase written right before the number, no verb between."""
        t = region.rstrip(" ")
        if not t or not is_cjk(t[-1]) or self._strip_predicates(t) != t:
            return ""
        toks = pos_tag(t[-30:])
        if not toks or toks[-1][1] not in self.noun_flags or toks[-1][1] in ("x", "f", "s", "a", "b", "z"):
            return ""
        if toks[-1][0] in self._noise_set or toks[-1][0] in self._pred_set:
            return ""
        return self._np_backward(toks)

    def counted_object(self, region: str) -> str:
        """查获外国品牌卷烟140万支, 发放宣传资料7650份: a verb and its object right before the
        count (the verb-object-quantity order); "" when no verb leads the noun (公司2辆)."""
        noun = self.adjacent(region)
        toks = pos_tag(region.rstrip(" ")[-16:]) if noun else []
        return noun if any(f == "v" for _, f in toks[-4:]) else ""

    def names_measure(self, phrase: str) -> bool:
        """播放量, 市值, 常住人口: a phrase whose head is a measure, not a thing that has one."""
        return phrase.endswith(self.measure_nouns) or (len(phrase) >= 2 and phrase[-1] in self.suffixes)

    def measure_before(self, region: str) -> str:
        """常住人口不到15万的县城, 市值达500亿元的公司: the measure named right before a figure
        that a 的-phrase follows (only predicates such as 达/超 between); "" if none.

        Only a measure noun counts: in 该剧3亿元的投资 the noun before the figure has the
        measure, and the noun after 的 names it.
        """
        t = self._strip_predicates(region)
        joint = region[max(0, len(t) - 2):]   # the noun's end and the predicates after it
        if not t or not is_cjk(t[-1]) or any(w in joint for w in self.measure_links):
            return ""
        toks = pos_tag(t[-30:])
        if not toks or toks[-1][1] in ("v", "p", "c", "d", "r", "m", "uj") or toks[-1][1] in PROPER_FLAGS:
            return ""
        phrase = self._np_backward(toks, head_verb=False)
        return phrase if self.names_measure(phrase) else ""

    def named_part(self, s: str, pos: int) -> str:
        """300多员工90%是女性, 用户有70%是新客: a percentage then 是/为 and a noun phrase that
        ends the clause measures that part; "" otherwise (30%是由于…, 10%为宜)."""
        if s[pos:pos + 1] not in ("是", "为"):
            return ""
        t = s[pos + 1:pos + 1 + self.max_forward + 1]
        t = t[:_clause_end(t)]
        if not t or not is_cjk(t[0]):
            return ""
        toks = pos_tag(t)
        if toks[0][1] not in self.noun_flags or toks[0][1] in ("a", "f", "s", "x", "z"):
            return ""
        phrase = self._np_forward(toks)
        return phrase if phrase == t else ""

    def ratio_frame(self, region: str) -> str:
        """时长为禁言期限的2至3倍, 钠的摄入量已经是推荐摄入量的两倍: in "A是B的N倍/%" the
        measure is A; B is the base it is compared with. "" when the region is not that frame."""
        m = RATIO_FRAME.search(region.rstrip(" "))
        if m is None or not m.group(1).strip():
            return ""
        return self.before(m.group(1), False)

    def _verb_object(self, toks: list[tuple[str, str]]) -> bool:
        """A verb (not a nominal one like 播放) followed by its object: the next clause, not a noun."""
        if len(toks) < 2:
            return False
        w, f = toks[0]
        return f == "v" and len(w) >= 2 and w not in self.nominal_verbs \
            and w not in self.forward_modifiers and self._fwd_noun(*toks[1])

    def before(self, region: str, cheap: bool, head_verb: bool = True) -> str:
        """Noun phrase ending the region between the clause start and the number.

        ``head_verb=False`` right after another figure of the clause: 由140字扩充为300字
        -- the verb is the change between the two, not a new measure.
        """
        t = self._strip_predicates(region)
        if not t:
            return ""
        k = _share_verb(t)
        if k >= 0:
            part, base = t[:k], t[k + 1:]
            p = self.before(part, cheap) if part.strip() else ""
            if p:
                return p
            base = SHARE_WORD_END.sub("", base.rstrip("的 ")).rstrip("的 ")   # 占全市GDP的比重: the base
            return self.before(base, cheap) if base else ""
        if not cheap:
            cut = self._comparison(t)
            if cut is not None:
                # livehouse场次较19年同期增长3倍: what is compared, not the base it is compared with
                return self.before(cut, cheap, head_verb) if cut.strip() else ""
        if cheap:
            k = len(t)
            while k > 0 and (is_cjk(t[k - 1]) or t[k - 1].isalnum()) and len(t) - k < 10:
                k -= 1
            return t[k:]
        phrase = self._np_backward(pos_tag(t[-60:]), head_verb)
        if len(phrase) == 1:
            # 屏占比达97.3%: stripping 占比 as a predicate left one character; keep the noun whole
            whole = self._strip_predicates(region, keep=("占比", "占"))
            k = whole.rfind(phrase)
            tail = pos_tag(whole[k + 1:]) if k >= 0 else []
            if len(tail) == 1 and tail[0][1].startswith("n"):
                return phrase + tail[0][0]
        return phrase

    def compared_base(self, clause: str, region_start: int, cheap: bool) -> str | None:
        """显示面积比11英寸平板大了62%: the earlier figure of the clause sits inside the base
        of a comparison; what is compared is the phrase before 比/较 (empty: inherit).

        ``clause`` runs from the clause start to the figure; ``region_start`` is where the
        text read for the subject starts (after the earlier figure).  None when no
        comparison marker precedes that figure.
        """
        if cheap or region_start <= 0:
            return None
        cut = self._comparison(clause)
        if cut is None or len(cut) >= region_start:
            return None
        return self.before(cut, cheap) if cut.strip() else ""

    def _comparison(self, t: str) -> str | None:
        """The text before a comparison base (较上期, 比去年同期, 与去年同期相比), or None."""
        m = COMPARED_WITH.search(t)
        if m:
            return t[:m.start()]
        toks = pos_tag(t[-40:])
        off = len(t) - sum(len(w) for w, _ in toks)
        pos = len(t)
        for w, f in reversed(toks):
            pos -= len(w)
            if w in ("较", "较之", "相较", "相比", "相较于") or w in self.gap_verbs or (w == "比" and f == "p"):
                return t[:pos] if pos >= off else None
        return None

    def names_share_base(self, region: str) -> bool:
        """占总收入32%: the subject is the base, not the part named before 占."""
        t = self._strip_predicates(region)
        k = _share_verb(t)
        return k >= 0 and not (t[:k].strip() and self.before(t[:k], True))

    def tail(self, clause: str, cheap: bool) -> str:
        """东方甄选的矩阵账号，累计达到8个: a clause that ends in a common noun names what the next counts.

        Only a common noun (not a place, person or time) with no verb after it.
        """
        if not clause or cheap or clause.lstrip().startswith(self.source_leads):
            return ""
        toks = pos_tag(clause[-30:])
        if not toks or toks[-1][1] not in TAIL_FLAGS or toks[-1][0] in self._noise_set \
                or toks[-1][0] in self.not_subjects:
            return ""
        phrase = self._np_backward(toks, head_verb=False)
        return phrase if self.usable(phrase) else ""

    def topic(self, clause: str, cheap: bool) -> str:
        """The noun phrase a clause starts with (用户规模增长稳定 -> 用户规模)."""
        if not clause or cheap:
            return ""
        if clause.lstrip().startswith(self.source_leads):
            return ""        # 据天风证券测算，…: a source, not the topic of the next clause
        toks = pos_tag(clause[:30])
        while toks and (toks[0][0] in self._noise_set or toks[0][1] in ("t", "m", "p", "c", "d", "r", "x")) \
                and toks[0][0] not in OPEN_Q:
            toks = toks[1:]
        # 《中国好声音》母公司星空华文股价开盘后持续走低: the whole noun phrase before the first verb
        k = next((i for i, (w, f) in enumerate(toks) if w in BREAKS
                  or (f in ("v", "d", "p", "c", "f", "uj", "ul") and w not in self.nominal_verbs)
                  or w in self._pred_set), len(toks))
        if 0 < k < len(toks):
            phrase = self._np_backward(toks[:k], head_verb=False)
            if phrase:
                return phrase.strip("“”\"")
        return self._np_forward(toks)
