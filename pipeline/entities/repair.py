"""Repairs of systematic span errors, driven by ``name_edges.tsv``.

The statistical model learnt from 1990s–2000s news sentences; on domain
articles it makes a few *classes* of boundary errors that no gazetteer can fix.
Each function here repairs one class (the word lists are data, see
``pipeline/resources/gazetteers/name_edges.tsv``):

- ``cut_edges``: a span that runs on into the sentence is cut at a break word
  (中国银河证券|发布研究报告) and loses trailing titles (…医院|主任) and leading
  role words (网红|Kai, 记者|张三); a PER loses a role or credit word after the
  name (李萌|主播);
- ``split_spaced_names``: a byline's two names with a space between (陈静 丁雪婷)
  are two people;
- ``join_latin``: a Latin name split at its spaces (Lady | Gaga, Getty | Images)
  becomes one name; lone Latin words as PER (Prompt, Live, jp) are dropped;
- ``is_credit``: names in editor credits (责任编辑：张三, 编辑 彭冲 校对 贾宁) are
  not entities (annotations.md: editor credits are nothing);
- ``place_label``: a model ORG/PER ending in 新区, 市, 县 … is a place;
- ``masked_person``: 沈某 / 段某某 are persons (optional PER in the gold sets);
- ``person_end``: a model PER string loses the character jieba glued onto the
  name (蔡某|出生 read as 蔡某出) and gains a given-name character it split off
  (王囡|囡, 吴广|进);
- ``join_units``: a government or public unit is one ORG with its place
  (江苏省 + 宿迁市宿城区人民法院) and its sub-unit (长沙市公安局 + 开福公安分局).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span

from pipeline.clean import is_cjk_text
from pipeline.segment import in_dictionary, word_frequency

LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'.+\-]*$")
CREDIT_BARS = ("丨", "|", "｜")      # 编辑丨张妍 (丨 is a CJK character, not punctuation)
MASK_HEAD = re.compile(r"^[\u4e00-\u9fff]某某?")     # 沈某, 段某某 (whole: a masked name)


# Tokens read after a place or organisation for the unit word that closes its name, the unit
# word included (青岛市 + 交通运输|综合|行政执法|支队: jieba cuts descriptive names finely).
UNIT_WORDS = 4

# a character jieba counts this often as a word of its own (来 161,501, 跟 32,393) is a word
# after the name, not its last character (军 27,200 and 路 27,626 are names' too)
NAME_CHAR_COUNT = 30_000

OPEN_BRACKETS = frozenset("(（[【")
CLOSE_BRACKETS = frozenset(")）]】")


def person_length(name: str, tails: frozenset[str], roles: frozenset[str] = frozenset()) -> int:
    """How much of a model PER string is the name: jieba's unknown-word guesses glue
    the next character on (蔡某|出生 → 蔡某出, 刘浩|为市长 → 刘浩为).

    A masked name (段某, 沈某某) ends at its mask unless one name character follows
    (周某莲); any other name of three or more Chinese characters loses one trailing
    character that no given name ends with (``tails``), or a role word (``roles``:
    李萌主播, one word to jieba's HMM, → 李萌).
    """
    if len(name) < 3 or not is_cjk_text(name):
        return len(name)
    for k in range(len(name) - 2, 1, -1):
        if name[-k:] in roles:
            return len(name) - k
    m = MASK_HEAD.match(name)
    if m is not None and m.end() < len(name):
        rest = name[m.end():]
        return m.end() if len(rest) >= 2 or rest in tails else len(name)
    return len(name) - 1 if name[-1] in tails else len(name)


def person_end(text: str, start: int, end: int, tails: frozenset[str],
               roles: frozenset[str] = frozenset(), surnames: frozenset[str] = frozenset()) -> int:
    """Where a model PER string ending at ``end`` really ends: ``person_length``, or one
    character further for a given name jieba split: a doubled one (王囡|囡通过 → 王囡囡)
    unless the doubled character starts a word (李明|明天); or, after a surname and one
    character, a third that is not a common word of its own, does not start one and is
    not a ``tails`` character (吴广|进利用 → 吴广进, 郭明|錤认为 → 郭明錤; 张勇|表示 stays)."""
    end = start + person_length(text[start:end], tails, roles)
    if end - start != 2 or end >= len(text) or not is_cjk_text(text[start:end + 1]) \
            or in_dictionary(text[end:end + 2]):
        return end
    nxt = text[end]
    if nxt == text[end - 1]:
        return end + 1
    if (text[start] in surnames and nxt not in tails and word_frequency(nxt) < NAME_CHAR_COUNT
            and not in_dictionary(text[start + 1:end + 1]) and not in_dictionary(text[start:end + 1])):
        return end + 1
    return end


def extend_names(doc: Doc, ents: list[Span], edges: NameEdges) -> list[Span]:
    """湖北日报|客户端: a word that, right after an organisation, belongs to its name."""
    out = []
    for e in ents:
        if e.label_ == "ORG" and e.end < len(doc) and doc[e.end].text in edges.extend:
            e = Span(doc, e.start, e.end + 1, label="ORG", span_id=e.id_ or 0)
        out.append(e)
    return out


def _is_punct(text: str) -> bool:
    return all(unicodedata.category(c).startswith(("P", "Z", "S")) or c.isspace() for c in text)


@dataclass(frozen=True)
class NameEdges:
    breaks: frozenset[str]
    trail: frozenset[str]
    lead: frozenset[str]
    units: frozenset[str]
    not_units: frozenset[str]
    latin_org: frozenset[str]
    credits: frozenset[str]
    places: frozenset[str]
    not_places: frozenset[str]
    extend: frozenset[str] = frozenset()
    inner_units: frozenset[str] = frozenset()
    person_tails: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    place_ends: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()

    @classmethod
    def from_lists(cls, edges: dict[str, list[str] | tuple[str, ...]]) -> "NameEdges":
        get = lambda k: frozenset(edges.get(k, ()))  # noqa: E731
        return cls(get("break"), get("trail"), get("lead"), get("unit"), get("unit_not"),
                   get("latin_org"), get("credit"),
                   get("place"), get("place_not"), get("extend"), get("unit_inner"),
                   get("person_tail"), get("surname"), get("place_end"), get("given"))

    @cached_property
    def not_unit_endings(self) -> tuple[str, ...]:
        """``not_units`` of two or more characters, for ``str.endswith`` (系 alone is exact)."""
        return tuple(w for w in self.not_units if len(w) >= 2)

    @cached_property
    def place_endings(self) -> tuple[str, ...]:
        """``places`` as a tuple for ``str.endswith``, built once rather than per span."""
        return tuple(self.places)

    @cached_property
    def not_place_endings(self) -> tuple[str, ...]:
        return tuple(self.not_places)

    @cached_property
    def roles(self) -> frozenset[str]:
        """Titles, role and credit words: none of them ends a person's name (李萌|主播)."""
        return self.trail | self.lead | self.credits

    def is_trail(self, token: str) -> bool:
        return token in self.trail or any(
            len(w) >= 2 and len(token) > len(w) and token.endswith(w) for w in self.trail)

    def is_unit(self, token: str, words_before: int = 1) -> bool:
        """``token`` ends a unit's name; ``words_before``: tokens of the name before it
        other than its place (an inner unit such as 中心 needs one)."""
        if token in self.not_units or token.endswith(self.not_unit_endings):
            return False       # 新格局, 有限公司: a longer token ending in an ordinary word
        return _ends_in(token, self.units) or (words_before >= 1 and _ends_in(token, self.inner_units))


def _ends_in(token: str, units: frozenset[str]) -> bool:
    """A unit word, or a longer token of 3+ characters ending in one (产业协会, 融媒体中心)."""
    return token in units or any(len(token) > max(len(u), 2) and token.endswith(u) for u in units)


def cut_edges(span: Span, edges: NameEdges) -> Span | None:
    """Cut a model span back to the name (None when nothing of 2+ chars is left)."""
    doc, start, end = span.doc, span.start, span.end
    if span.label_ in ("ORG", "LOC"):
        for i in range(start + 1, end):
            if doc[i].text in edges.breaks:
                end = i
                break
        while end > start + 1 and edges.is_trail(doc[end - 1].text):
            end -= 1
    elif span.label_ == "PER":
        while end > start + 1 and doc[end - 1].text in edges.roles:
            end -= 1     # 李萌|主播, 周婵|文字(：李萌): a role or credit word after the name
    if span.label_ != "WORK" and end > start + 1 and doc[end - 1].text.isdigit() and is_cjk_text(doc[end - 2].text[-1]):
        end -= 1     # 华硕|65(寸): a model number after a brand; only titles end in one (流浪地球2)
    while start < end - 1 and doc[start].text in edges.lead:
        start += 1
    # 泰州市烟草专卖局(公司: a bracket the span opens but does not close is not part of the name
    depth, opened = 0, None
    for i in range(start, end):
        if doc[i].text in OPEN_BRACKETS:
            depth, opened = depth + 1, (i if depth == 0 else opened)
        elif doc[i].text in CLOSE_BRACKETS and depth:
            depth -= 1
    if depth and opened is not None and opened > start:
        end = opened
    if (start, end) == (span.start, span.end):
        return span
    if len(doc[start:end].text.strip()) < 2:
        return None
    return Span(doc, start, end, label=span.label_)


def split_spaced_names(span: Span) -> list[Span]:
    """(陈静 丁雪婷): two Chinese names a byline separates by a space are two people."""
    doc = span.doc
    if span.label_ != "PER" or not any(t.is_space for t in span):
        return [span]
    parts, start = [], span.start
    for i in range(span.start, span.end + 1):
        if i == span.end or doc[i].is_space:
            if i > start:
                parts.append(Span(doc, start, i, label="PER"))
            start = i + 1
    if len(parts) < 2 or not all(is_cjk_text(p.text) and len(p.text) >= 2 for p in parts):
        return [span]   # Lady Gaga: Latin names keep their spaces
    return parts


def _latin(span: Span) -> bool:
    return all(LATIN.match(t.text) or t.is_space for t in span) and bool(LATIN.match(span[0].text))


def _latin_label(parts: list[Span], words: list[str], edges: NameEdges) -> str:
    labels = {p.label_ for p in parts}
    if words[-1] in edges.latin_org or any(w.isupper() and len(w) >= 2 for w in words):
        return "ORG"   # Getty Images, SVB MoffettNathanson: person names are not all-caps
    if len(labels) == 1:
        return labels.pop()
    return "PER" if "PER" in labels else parts[0].label_


def _latin_run_end(doc: Doc, end: int, taken: set[int], spaces: tuple[str, ...],
                   is_word: Callable[[str], object]) -> int:
    """Where a name ending at token ``end`` stops when it takes the Latin words after it,
    each one space away, not in ``taken`` and accepted by ``is_word``."""
    while (end + 1 < len(doc) and doc[end].text in spaces and end + 1 not in taken
           and is_word(doc[end + 1].text)):
        end += 2
    return end


def join_latin(doc: Doc, ents: list[Span], edges: NameEdges) -> list[Span]:
    """Join Latin names split at single spaces; drop lone Latin words tagged PER."""
    out: list[Span] = []
    groups: list[list[Span]] = []
    for e in sorted(ents, key=lambda x: x.start):
        prev = groups[-1][-1] if groups else None
        if (prev is not None and _latin(e) and _latin(prev) and e.start == prev.end + 1
                and doc[prev.end].text == " "):
            groups[-1].append(e)
        else:
            groups.append([e])
    taken = {i for e in ents for i in range(e.start, e.end)}
    for g in groups:
        if _latin(g[-1]):
            # Stocktrek + Images, Young Lion Holdings + Limited
            end = _latin_run_end(doc, g[-1].end, taken, (" ",),
                                 lambda w: w.isascii() and w.isalpha() and w[0].isupper())
            if end > g[-1].end:
                g.append(Span(doc, g[-1].end + 1, end, label=g[-1].label_))
        if len(g) == 1:
            e = g[0]
            if e.label_ == "PER" and _latin(e) and " " not in e.text:
                continue   # Prompt, Live, jp: a lone Latin word is rarely a person here
            out.append(e)
            continue
        words = [t.text for p in g for t in p if not t.is_space]
        out.append(Span(doc, g[0].start, g[-1].end, label=_latin_label(g, words, edges)))
    return out


CAPITALISED = re.compile(r"^[A-Z][a-z]+(?:[A-Z'\-][a-z]+)*$")     # Gurman, McDonald, O'Neil
NAME_SPACES = (" ", "\xa0")      # one space between the words of a Latin name
MAX_NAME_WORDS = 3               # words after the given name (Yvonne Gonzalez Rogers)


def latin_people(doc: Doc, ents: list[Span], edges: NameEdges) -> list[Span]:
    """A Latin given name and one to three capitalised words after it is a person
    (Mark Gurman, Pat Gelsinger, Yvonne Gonzalez Rogers).

    The model, trained on Chinese text, reads such names as ORG or misses them;
    IT news quotes analysts and executives by their Latin names. A gazetteer name
    in the way wins; model spans the person overlaps give way to it.
    """
    if not edges.given_names:
        return ents
    n = len(doc)
    people: list[Span] = []
    i = 0
    while i < n:
        t = doc[i].text
        if t not in edges.given_names or (i >= 2 and doc[i - 1].is_space and LATIN.match(doc[i - 2].text)):
            i += 1
            continue   # a given name inside a longer Latin phrase (Power On Mark …) is not one
        end = i + 1
        while end + 1 < n and (end - i) // 2 < MAX_NAME_WORDS and doc[end].text in NAME_SPACES \
                and CAPITALISED.match(doc[end + 1].text) and doc[end + 1].text not in edges.latin_org:
            end += 2            # a space token, then the next word
        if end > i + 1:
            people.append(Span(doc, i, end, label="PER", span_id=doc[i:end].text))
        i = end
    if not people:
        return ents
    rules = [e for e in ents if e.id_]
    people = [p for p in people if not any(p.start < r.end and r.start < p.end for r in rules)]
    kept = [e for e in ents if not any(e.start < p.end and p.start < e.end for p in people)]
    return kept + people


WORD_CASED = re.compile(r"^[A-Z][a-z]+$")      # Display, Music, Israel (not MAX, GPT, T7H)
MODEL_CODE = re.compile(r"^(?:[A-Za-z]|[A-Za-z]*\d[A-Za-z\d]*)$")   # E, X2, Fold2, V2: a product model


def extend_latin_orgs(doc: Doc, ents: list[Span]) -> list[Span]:
    """A Latin organisation name and the capitalised words after it are one name
    (LG + Display, Beats + Music, Facebook + Israel, Twitter + Blue).

    ``join_latin`` does this for the model's spans; gazetteer names need it too,
    since the rules otherwise stop at the brand. A run that goes on into a model
    code (Tecno Phantom X2, HTC Wildfire E Star) names a product, not an
    organisation, and is left alone.
    """
    n = len(doc)
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        if e.label_ == "ORG" and _latin(e):
            end = _latin_run_end(doc, e.end, taken, NAME_SPACES, WORD_CASED.match)
            code_follows = end + 1 < n and doc[end].text in NAME_SPACES and MODEL_CODE.match(doc[end + 1].text)
            if end > e.end and not code_follows:
                name = doc[e.start:end].text
                e = Span(doc, e.start, end, label="ORG", span_id=name)
        out.append(e)
    return out


def is_credit(span: Span, edges: NameEdges) -> bool:
    """A PER right after an editor-credit word (编辑, 责任编辑：, 审核丨) is a credit."""
    if span.label_ != "PER":
        return False
    doc, i = span.doc, span.start - 1
    while i >= 0 and span.start - i <= 3 and (_is_punct(doc[i].text) or doc[i].text in CREDIT_BARS):
        i -= 1          # 责任编辑：张三, 编辑丨张妍, 编辑 彭冲
    if i < 0:
        return False
    word = doc[i].text
    return word in edges.credits or any(len(word) > len(c) and word.endswith(c) for c in edges.credits)


def place_label(span: Span, edges: NameEdges) -> Span:
    """A model ORG/PER that ends like an administrative place is a place (上海浦东新区)."""
    text = span.text
    if (span.label_ in ("ORG", "PER") and len(text) >= 3 and text.endswith(edges.place_endings)
            and not text.endswith(edges.not_place_endings)):
        return Span(span.doc, span.start, span.end, label="LOC")
    return span


def person_label(span: Span, edges: NameEdges) -> Span:
    """A model LOC shaped like a Chinese name is a person (井元林, 马兴瑞): a surname and two
    characters, no place ending, and not a word of the dictionary, which knows the places
    such names could be (马德里, 石家庄)."""
    text = span.text
    if (span.label_ == "LOC" and len(text) == 3 and is_cjk_text(text) and text[0] in edges.surnames
            and text[-1] not in edges.place_ends and not text.endswith(edges.place_endings)
            and not in_dictionary(text)):
        return Span(span.doc, span.start, span.end, label="PER")
    return span


def masked_person(span: Span) -> Span:
    """段某 / 沈某某 are persons whatever label the model gave them."""
    if span.label_ != "PER" and MASK_HEAD.fullmatch(span.text):
        return Span(span.doc, span.start, span.end, label="PER")
    return span


def _unit_end(doc: Doc, start: int, taken: set[int], edges: NameEdges, stops: frozenset[str]) -> int | None:
    """End of the first unit word within ``UNIT_WORDS`` plain tokens from ``start``, if any."""
    for j in range(start, min(start + UNIT_WORDS, len(doc))):
        t = doc[j].text
        if j in taken or not is_cjk_text(t) or t in stops:
            return None
        if edges.is_unit(t, j - start):
            return j + 1
    return None


def join_units(doc: Doc, ents: list[Span], edges: NameEdges, stops: frozenset[str]) -> list[Span]:
    """A government/public unit is one ORG with its place and its sub-unit.

    1. LOC, or an ORG that is itself a unit, directly followed by a model ORG ending in a
       unit word → one ORG (江苏省 + 宿迁市宿城区人民法院, 清华大学 + 美术学院);
       places written right before a unit's name are part of it (六安市 + 叶集区 + 人民检察院);
    2. a LOC or ORG followed by plain words ending in a unit word (``UNIT_WORDS`` tokens at most) →
       extended to it (广州市 + 农业农村局, 长沙市公安局 + 开福公安分局, 大兴 + 融媒), and on to
       each sub-unit written after it (扬州 + 市委 + 宣传部).
    3. any place written right before an organisation's name is part of it (杭州 + 新东方,
       重庆 + 国资委): over every gold set, 14 of 18 such pairs were listed joined.
    Rule names (gazetteer ORGs, ``id_`` set) are extended only when they are units themselves
    (清华大学 + 美术学院), not platforms or companies (抖音 + 直播 + 中心 is not one name).
    """
    ents = sorted(ents, key=lambda x: x.start)
    taken = {i for e in ents for i in range(e.start, e.end)}

    def is_unit_name(e: Span) -> bool:
        return e.label_ == "ORG" and edges.is_unit(doc[e.end - 1].text, e.end - 1 - e.start)

    out: list[Span] = []
    for e in ents:
        if (out and e.label_ == "ORG" and out[-1].end == e.start and not e.id_
                and (out[-1].label_ == "LOC" or is_unit_name(out[-1]))
                and edges.is_unit(doc[e.end - 1].text, e.end - 1 - e.start)):
            e = Span(doc, out.pop().start, e.end, label="ORG")
        elif e.label_ == "LOC" or (e.label_ == "ORG" and (not e.id_ or is_unit_name(e))):
            end = e.end
            while (nxt := _unit_end(doc, end, taken, edges, stops)) is not None:
                end = nxt          # 扬州 + 市委 + 宣传部: a unit and its sub-unit
            if end > e.end:
                e = Span(doc, e.start, end, label="ORG")
        if e.label_ == "ORG":
            while out and out[-1].label_ == "LOC" and out[-1].end == e.start:
                e = Span(doc, out.pop().start, e.end, label="ORG", span_id=e.id_)   # 六安市 + 叶集区 + 人民检察院
        out.append(e)
    return out
