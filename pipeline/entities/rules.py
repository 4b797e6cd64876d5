"""Rule components of the NER pipeline and the ruler-vs-model policy.

Pipeline: ``av_span_ruler → tok2vec → ner → av_entity_merge``.

- ``av_span_ruler`` (spaCy ``span_ruler``) writes candidate spans to
  ``doc.spans["av_rules"]``: every gazetteer name (pattern id = canonical name)
  every 《…》 title (label TITLE) and boilerplate phrases (label BOILERPLATE).
- ``av_entity_merge`` turns them into ``doc.ents`` together with the model's
  entities. Policy, in order:
  1. A title is one name: its inner text becomes WORK, or ORG if it is an
     outlet (《证券日报》); gazetteer matches inside a title are dropped.
  2. Overlapping gazetteer matches: the longest wins.
  3. Ambiguous names (理想, 荣耀, 大众 …), from the rules or the model, survive
     only in a list of ORG names (理想、蔚来等).
  4. Rule spans win over overlapping model spans, except when the model span
     strictly contains the rule span and extends it by real words into a
     different kind of name (中国侨联信息传播部 ⊃ 中国) or into a name ending
     like an organisation (河南广播电视台都市频道 ⊃ 河南广播电视台).
     Extensions made only of generic words (抖音平台, 爱奇艺等) or running
     across punctuation do not count.
  5. The model fills the rest (punctuation at span edges, e.g. 《》, is
     trimmed; PER parts around a name dot are joined: 詹姆斯·哈登), except
     single characters, spans with a percent sign, spans equal to a known non-entity
     (``non_entities.txt``: AIGC, IPTV …) and spans containing a common noun
     of the jieba domain dictionary as a whole token (网络视听, 杜比全景声 …).
  6. A model LOC/PER span ending in an organisation suffix (``org_suffixes.txt``:
     法院, 局, 公司 …) is relabelled ORG.
  7. Registered company names (…有限公司, ``company_names.tsv``) are found
     by rule from the suffix back to the nearest delimiter; they replace the
     shorter spans inside them (谦寻(杭州)文化传媒有限公司 ⊃ 杭州).
  8. Nothing is reported inside website boilerplate (``boilerplate.txt``,
     e.g. 返回搜狐，查看更多).
  9. Adjacent places form one address (浙江省杭州市滨江区, as CLUENER and
     the gold sets write addresses) when the first carries its administrative
     unit; short forms in a row stay apart (河北沧州 → 河北, 沧州).
  9b. A place followed by a newspaper word (日报, 晚报 …) is the newspaper
     (山西晚报 → ORG).
  10. Second pass (``pipeline/entities/repair.py``, ``name_edges.tsv``): model
     spans are repaired before step 4 (break/trail/lead words, Latin names
     joined, editor credits and generic authorities dropped, 沈某 → PER,
     …新区 → LOC, …新闻办 → ORG); a model LOC/PER never overrides a gazetteer
     ORG inside it; gazetteer names are also found on the characters
     (``namefinder.py``); government units join their place and sub-unit; a
     country is not joined with the city after it.
Rule entities carry their canonical name as ``span.id_`` (this is how
``origin == "rules"`` is recognised downstream); model entities have none.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.entities.gazetteer import Gazetteer, load_gazetteer
from pipeline.entities.namefinder import NameFinder
from pipeline.entities.repair import (NameEdges, cut_edges, extend_latin_orgs, extend_names, is_credit,
                                      join_latin, join_units, latin_people, masked_person, person_label,
                                      place_label, split_spaced_names)

RULES_KEY = "av_rules"
RULER_NAME = "av_span_ruler"
MERGE_NAME = "av_entity_merge"
TITLE_LABEL = "TITLE"
BOILERPLATE_LABEL = "BOILERPLATE"
LIST_SEPARATORS = ("、", "和", "与", "及", "以及", "或", "/", "，", ",")
OPENING, CLOSING = ("(", "（", "["), (")", "）", "]")
NAME_DOTS = ("·", "・", "•", "‧", "∙", ".")
TITLE_PATTERN = [{"ORTH": "《"}, {"ORTH": {"NOT_IN": ["《", "》", "\n"]}, "OP": "+"}, {"ORTH": "》"}]


# Where Chinese meets Latin letters or digits, sites such as IT之家 put a space (36 氪,
# 奇异果 TV, 小米 14): a gazetteer name written without it matches that spelling too.
SCRIPT_BOUNDARY = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")


def spaced_spelling(name: str) -> str | None:
    """36氪 → "36 氪"; None for a name with no Chinese–Latin boundary."""
    spaced = SCRIPT_BOUNDARY.sub(" ", name)
    return spaced if spaced != name else None


def build_patterns(gaz: Gazetteer) -> list[dict]:
    patterns = []
    for name, label, _ in gaz.entries:
        canonical = gaz.canonical(name)
        patterns.append({"label": label, "pattern": name, "id": canonical})
        if (spaced := spaced_spelling(name)) is not None:
            patterns.append({"label": label, "pattern": spaced, "id": canonical})
    patterns.append({"label": TITLE_LABEL, "pattern": TITLE_PATTERN, "id": TITLE_LABEL})
    patterns += [{"label": BOILERPLATE_LABEL, "pattern": b, "id": BOILERPLATE_LABEL} for b in gaz.boilerplate]
    return patterns


def add_rules(nlp: Language, gaz: Gazetteer | None = None) -> Language:
    """(Re)build the rule components from the gazetteers onto ``nlp``."""
    gaz = gaz or load_gazetteer()
    for name in (MERGE_NAME, RULER_NAME):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    # First in the pipeline: adding patterns runs every component before the
    # ruler over each pattern (2,000+ names), and only the tokenizer is needed
    # (tok2vec + ner there cost ~0.4 s of every worker's model load). The
    # ruler writes doc.spans, not doc.ents, so its place does not change results.
    ruler = nlp.add_pipe("span_ruler", name=RULER_NAME, first=True,
                         config={"spans_key": RULES_KEY, "annotate_ents": False,
                                 "overwrite": True, "validate": True})
    ruler.add_patterns(build_patterns(gaz))
    nlp.add_pipe(MERGE_NAME, config={
        "ambiguous": sorted(gaz.ambiguous),
        "generic_words": sorted(gaz.generic_words),
        "outlets": sorted(gaz.outlets),
        "outlet_suffixes": list(gaz.outlet_suffixes),
        "not_outlet_suffixes": list(gaz.not_outlet_suffixes),
        "aliases": dict(sorted(gaz.aliases.items())),
        "non_entities": sorted(gaz.non_entities | gaz.common_terms),
        "company_suffixes": list(gaz.company_suffixes),
        "company_stops": sorted(gaz.company_stops),
        "org_suffixes": list(gaz.org_suffixes),
        "name_edges": {k: list(v) for k, v in gaz.name_edges.items()},
        "generic_units": sorted(gaz.generic_units),
        "countries": sorted(gaz.countries),
        "names": [[name, label, gaz.canonical(name)] for name, label, _ in gaz.entries],
    })
    nlp.meta["av_gazetteer_sha"] = gaz.sha
    nlp.meta["av_gazetteer_version"] = gaz.version
    return nlp


def _is_punct(text: str) -> bool:
    return all(unicodedata.category(c).startswith(("P", "Z")) or c.isspace() for c in text)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# A place written with one of these ends an address part that the next place continues.
ADMIN_SUFFIXES = ("省", "市", "自治区", "特别行政区", "区", "县", "自治州", "州", "盟", "旗", "镇", "乡", "街道")


MIN_JOINED_PLACES = 3


class EntityMerge:
    """Combine rule candidates and model entities into ``doc.ents`` (see module doc)."""

    def __init__(self, ambiguous: Iterable[str], generic_words: Iterable[str], outlets: Iterable[str],
                 outlet_suffixes: Iterable[str], not_outlet_suffixes: Iterable[str],
                 aliases: dict[str, str], non_entities: Iterable[str] = (),
                 company_suffixes: Iterable[str] = (), company_stops: Iterable[str] = (),
                 org_suffixes: Iterable[str] = (),
                 name_edges: dict[str, list[str]] | None = None,
                 generic_units: Iterable[str] = (), countries: Iterable[str] = (),
                 names: Iterable[tuple[str, str, str]] = ()) -> None:
        self.ambiguous = frozenset(ambiguous)
        self.generic_words = frozenset(generic_words)
        self.outlets = frozenset(outlets)
        self.outlet_suffixes = tuple(outlet_suffixes)
        self.newspaper_words = frozenset(x for x in self.outlet_suffixes if len(x) >= 2)   # 日报, 晚报 (not 报)
        self.not_outlet_suffixes = tuple(not_outlet_suffixes)
        self.aliases = dict(aliases)
        self.non_entities = frozenset(non_entities)
        self.company_suffixes = frozenset(company_suffixes)
        self._suffix_ends = frozenset(x[-1] for x in self.company_suffixes if x)
        self.company_stops = frozenset(company_stops)
        self.org_suffixes = tuple(org_suffixes)
        self.edges = NameEdges.from_lists(name_edges or {})
        self.generic_units = frozenset(u for u in generic_units if not u.startswith("*"))
        self.generic_tails = tuple(u[1:] for u in generic_units if u.startswith("*") and len(u) > 1)
        self.countries = frozenset(countries)
        names = [tuple(n) for n in names]
        self.finder = NameFinder(names)
        self._latin_names_lower = frozenset(w.lower() for n in names for w in n[0].split() if w.isascii())

    def is_outlet(self, title: str) -> bool:
        if title in self.outlets or self.aliases.get(title, title) in self.outlets:
            return True
        if any(title.endswith(s) for s in self.not_outlet_suffixes):
            return False
        return len(title) <= 12 and any(title.endswith(s) for s in self.outlet_suffixes)

    def _titles(self, doc: Doc, spans: list[Span]) -> list[Span]:
        out = []
        for t in spans:
            if t.end - t.start < 3:
                continue
            inner = doc[t.start + 1:t.end - 1]
            text = inner.text.strip()
            if not text or _is_punct(text):
                continue
            label = "ORG" if self.is_outlet(text) else "WORK"
            out.append(Span(doc, inner.start, inner.end, label=label,
                            span_id=self.aliases.get(text, text)))
        return out

    def _companies(self, doc: Doc) -> list[Span]:
        out = []
        text = doc.text
        if not len(doc):
            return out
        offsets = doc.to_array(["IDX", "LENGTH"]).tolist()     # no Token objects: this runs on every token
        starts = [a for a, _ in offsets]
        ends = [a + n for a, n in offsets]
        for end in range(1, len(doc) + 1):
            if ends[end - 1] == starts[end - 1] or text[ends[end - 1] - 1] not in self._suffix_ends:
                continue       # cheap test first: most tokens cannot end a company suffix
            # a suffix may span several jieba tokens (有限责任 + 公司)
            first = next((end - k for k in (3, 2, 1) if end - k >= 0
                          and text[starts[end - k]:ends[end - 1]] in self.company_suffixes), None)
            if first is None:
                continue
            start = first
            depth = 0          # brackets closed inside the name: 中粮可口可乐饮料（陕西）有限公司
            while start > 0:
                prev = text[starts[start - 1]:ends[start - 1]]
                if prev in self.company_stops or prev in self.company_suffixes:
                    break
                if _is_punct(prev) and prev not in "()（）":
                    break
                if prev in "(（":
                    if depth == 0:
                        break  # 活动现场（中粮…（陕西）有限公司: an unclosed bracket is not the name's
                    depth -= 1
                elif prev in ")）":
                    depth += 1
                start -= 1
            name = text[starts[start]:ends[first - 1]] if first > start else ""
            if len(name.strip("()（） ")) >= 2 and not name.startswith(("(", "（")):
                out.append(Span(doc, start, end, label="ORG", span_id=doc[start:end].text))
        return filter_spans(out)

    @staticmethod
    def _trim(m: Span) -> Span | None:
        """Drop punctuation at the edges of a model span (（海外网张子旭, 《三体》)."""
        start, end = m.start, m.end
        text = m.text
        while start < end and _is_punct(m.doc[start].text) and not (
                m.doc[start].text in OPENING and any(c in text for c in CLOSING)):
            start += 1
        while end > start and _is_punct(m.doc[end - 1].text) and not (
                m.doc[end - 1].text in CLOSING and any(c in text for c in OPENING)):
            end -= 1
        if end - start > 2 and m.doc[start].text in OPENING and m.doc[end - 1].text in CLOSING:
            start, end = start + 1, end - 1          # wholly bracketed: （Tron）
        if start >= end:
            return None
        return m if (start, end) == (m.start, m.end) else Span(m.doc, start, end, label=m.label_)

    @staticmethod
    def _join_names(doc: Doc, ents: list[Span]) -> list[Span]:
        """Join PER parts around a name dot (克雷格・莫菲特, 詹姆斯·哈登) into one PER."""
        out: list[Span] = []
        for e in ents:
            if (out and e.label_ == "PER" and out[-1].label_ == "PER" and e.start == out[-1].end + 1
                    and doc[out[-1].end].text in NAME_DOTS):
                out[-1] = Span(doc, out[-1].start, e.end, label="PER")
            else:
                out.append(e)
        return out

    def _in_list(self, doc: Doc, span: Span, orgs: list[Span]) -> bool:
        """True when ``span`` is one item of a list of ORG names (理想、蔚来等)."""
        starts = {o.start for o in orgs if o is not span}
        ends = {o.end for o in orgs if o is not span}
        before = span.start - 1
        after = span.end
        if before >= 1 and doc[before].text in LIST_SEPARATORS and before in ends:
            return True
        if after + 1 < len(doc) and doc[after].text in LIST_SEPARATORS and after + 1 in starts:
            return True
        return False

    def _model_extends(self, m: Span, rules: list[Span]) -> bool:
        """Does model span ``m`` strictly contain the rule spans with real words?

        Only a *different kind* of name counts (a place inside an organisation:
        中国侨联信息传播部 ⊃ 中国), or a same-label name that ends like an
        organisation (河南广播电视台都市频道); otherwise the model has merely
        run on into the sentence (腾讯START云游戏四星认证).
        """
        if not all(m.start <= r.start and r.end <= m.end for r in rules):
            return False
        covered = {i for r in rules for i in range(r.start, r.end)}
        extra = [m.doc[i].text for i in range(m.start, m.end) if i not in covered]
        if not extra or any(_is_punct(w) and w not in "()（）·・" for w in extra):
            return False   # nothing added, or runs across punctuation (中国航天报“航天)
        if all(w in self.generic_words for w in extra):
            return False
        if m.label_ in ("LOC", "PER") and any(r.label_ == "ORG" for r in rules):
            return False   # a place or person does not contain an organisation (华为云全球 ⊅ 华为)
        return any(r.label_ != m.label_ for r in rules) or m.text.endswith(self.org_suffixes)

    def _newspapers(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A place followed by a newspaper word is the newspaper (山西|晚报, 郑州|晚报 → ORG)."""
        out = []
        for e in ents:
            if e.label_ == "LOC" and e.end < len(doc) and doc[e.end].text in self.newspaper_words:
                name = doc[e.start:e.end + 1].text
                out.append(Span(doc, e.start, e.end + 1, label="ORG", span_id=self.aliases.get(name, name)))
            else:
                out.append(e)
        return out

    def _generic_body(self, m: Span, rules: list[Span]) -> bool:
        """税务部门, 县局网安部门: a kind of body, not a name; with a place in front
        (广州市市场监管部门) it stays one ORG, so the place is not listed on its own."""
        return m.label_ == "ORG" and m.text.endswith(self.generic_tails) and not any(
            r.label_ == "LOC" and r.start == m.start for r in rules)

    def _join_places(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Three or more adjacent places form one address (浙江省 杭州市 滨江区 →
        浙江省杭州市滨江区) when written as one, each but the last with its
        administrative unit (省, 市, 区 …); two stay two places (福建省, 福州市), and so
        do places after a country (美国 + 洛杉矶).  The gold sets write addresses
        both ways.  Measured on LOC of dev2–dev11 (session 10, 226 articles):
        joining any run scores TP 402 / FP 105 / FN 75; never joining 416 / 111 / 60;
        joining runs of three or more 416 / 103 / 62.  Micro entity F1, joining every
        run → runs of three: dev2–5 0.927 → 0.932, dev6–9 0.826 → 0.824, dev10–11
        0.786 → 0.797, dev12 0.773 → 0.798, shared/corpus/labeled 0.957 → 0.955
        (it joins 杭州滨江区), held-out 0.754 → 0.747.  Session 4 had measured joining
        against splitting on fewer articles (11 TP / 11 FP against 12 / 34)."""
        runs: list[list[Span]] = []
        for e in sorted(ents, key=lambda x: x.start):
            prev = runs[-1][-1] if runs else None
            if (prev is not None and e.label_ == "LOC" and prev.label_ == "LOC" and e.start == prev.end
                    and prev.text not in self.countries and prev.text.endswith(ADMIN_SUFFIXES)):
                runs[-1].append(e)
            else:
                runs.append([e])
        out: list[Span] = []
        for run in runs:
            if len(run) < MIN_JOINED_PLACES:
                out.extend(run)
                continue
            first, last = run[0], run[-1]
            out.append(Span(doc, first.start, last.end, label="LOC",
                            span_id=doc[first.start:last.end].text if any(p.id_ for p in run) else 0))
        return out

    def __call__(self, doc: Doc) -> Doc:
        cands = list(doc.spans[RULES_KEY]) if RULES_KEY in doc.spans else []
        titles = self._titles(doc, [s for s in cands if s.label_ == TITLE_LABEL])
        title_outer = [s for s in cands if s.label_ == TITLE_LABEL]
        boiler = [s for s in cands if s.label_ == BOILERPLATE_LABEL]
        gaz = [s for s in cands + self.finder.spans(doc) if s.label_ not in (TITLE_LABEL, BOILERPLATE_LABEL)
               and not any(_overlap(s, t) for t in title_outer)]
        rules = filter_spans(titles + gaz)
        model = []
        cleaned = []
        for m in self._join_names(doc, list(doc.ents)):
            m = self._trim(m)
            if m is not None:
                m = cut_edges(m, self.edges)
            if m is not None:
                cleaned.extend(split_spaced_names(m))
        capitalises = any("A" <= c <= "Z" for c in doc.text)
        for m in join_latin(doc, filter_spans(cleaned), self.edges):
            if len(m.text) < 2 or is_credit(m, self.edges):   # single characters (华, 莫) are guesses
                continue
            if capitalises and m.text.isascii() and m.text.islower() and m.text not in self._latin_names_lower:
                continue       # linghaojizhe, ztcjkf: account IDs and URL parts in a text that
                               # capitalises names (not lower-cased text such as CLUENER's), unless
                               # the gazetteers know them in any case (vivo, soul for Soul)
            m = person_label(place_label(masked_person(m), self.edges), self.edges)
            if m.text in self.non_entities or m.text in self.generic_units or self._generic_body(m, rules) or any(
                    t.text in self.non_entities for t in m) or any(c in m.text for c in "%％"):
                continue       # 阿里88VIP40%: a figure ran into the span; no name holds a percent sign
            if m.label_ in ("LOC", "PER") and len(m.text) > 2 and (
                    m.text.endswith(self.org_suffixes) or self.edges.is_unit(m[-1].text, len(m) - 2)):
                m = Span(doc, m.start, m.end, label="ORG")
            model.append(m)
        # 3. ambiguous names (rule or model) need list context
        orgs = [s for s in rules if s.label_ == "ORG"] + [m for m in model if m.label_ == "ORG"]
        rules = [s for s in rules if s.text not in self.ambiguous or self._in_list(doc, s, orgs)]
        model = [m for m in model if m.text not in self.ambiguous or self._in_list(doc, m, orgs)]
        # 4./5. rules vs model
        kept_model, dropped_rules = [], set()
        for m in model:
            over = [r for r in rules if _overlap(m, r)]
            if not over:
                kept_model.append(m)
            elif self._model_extends(m, over):
                kept_model.append(m)
                dropped_rules.update((r.start, r.end) for r in over)
        final = [r for r in rules if (r.start, r.end) not in dropped_rules] + kept_model
        for c in self._companies(doc):
            final = [e for e in final if not (c.start <= e.start and e.end <= c.end)]
            if not any(_overlap(c, e) for e in final):
                final.append(c)
        final = latin_people(doc, [e for e in final if not any(_overlap(e, b) for b in boiler)], self.edges)
        final = extend_latin_orgs(doc, final)
        final = extend_names(doc, self._newspapers(doc, final), self.edges)
        placed = self._join_places(doc, filter_spans(final))
        doc.ents = filter_spans(join_units(doc, placed, self.edges, self.company_stops))
        return doc


@Language.factory(MERGE_NAME, default_config={
    "ambiguous": [], "generic_words": [], "outlets": [], "outlet_suffixes": [],
    "not_outlet_suffixes": [], "aliases": {}, "non_entities": [], "company_suffixes": [],
    "company_stops": [], "org_suffixes": [], "name_edges": {}, "generic_units": [], "countries": [],
    "names": []})
def make_entity_merge(nlp: Language, name: str, ambiguous: list[str], generic_words: list[str],
                      outlets: list[str], outlet_suffixes: list[str], not_outlet_suffixes: list[str],
                      aliases: dict[str, str], non_entities: list[str], company_suffixes: list[str],
                      company_stops: list[str], org_suffixes: list[str],
                      name_edges: dict[str, list[str]], generic_units: list[str],
                      countries: list[str], names: list[list[str]]) -> EntityMerge:
    return EntityMerge(ambiguous, generic_words, outlets, outlet_suffixes, not_outlet_suffixes, aliases,
                       non_entities, company_suffixes, company_stops, org_suffixes, name_edges,
                       generic_units, countries, names)
