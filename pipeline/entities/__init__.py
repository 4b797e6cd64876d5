"""Named entities (ORG, LOC, PER, WORK) for cleaned documents.

``EntityRecognizer.load()`` loads the spaCy pipeline in ``models/ner/model``
(jieba tokenizer → statistical ner → gazetteer/title rules, see
:mod:`pipeline.entities.rules`) once per process; ``recognise()`` runs it over
paragraphs in batches and maps offsets back into ``CleanDocument.text``.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Literal

import pipeline
from pipeline.clean import is_cjk
from pipeline.document import CleanDocument
from pipeline.entities.declared import handles, short_forms
from pipeline.entities.namefinder import standalone
from pipeline.segment import pos_tag

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = Path(pipeline.__file__).resolve().parent.parent / "models" / "ner"
TRAIN_COMMAND = "python -m pipeline train-ner"
Origin = Literal["model", "rules"]


class NerModelMissing(FileNotFoundError):
    """The trained NER pipeline is not on disk."""


@dataclass(frozen=True, slots=True)
class Entity:
    para_no: int
    start: int          # offset into CleanDocument.text
    end: int            # exclusive
    text: str
    label: str          # ORG | LOC | PER | WORK
    origin: Origin      # "rules" (gazetteer / 《》 title) or "model"
    canonical: str      # alias → canonical name (广电总局 → 国家广播电视总局), else text


# Paragraphs per nlp.pipe batch. The CNN's activations grow with the tokens of a
# batch (news paragraphs run to 1,000+ tokens): 64 paragraphs peaked ~170 MB higher
# per worker than 8, at the same speed (300 pool articles: 9.0 s either way).
PIPE_BATCH = 8

# First jieba flags that make a quoted phrase after 主播/网红 a phrase, not a handle
# (verbs, adverbs, idioms, prepositions, pronouns: 主播“绑走”, 主播“退一赔三”).
HANDLE_NOT_FIRST = frozenset({"v", "vd", "vi", "d", "i", "l", "p", "c", "r", "u", "ad"})


class EntityRecognizer:
    def __init__(self, nlp, version: str, batch_size: int = PIPE_BATCH) -> None:
        from pipeline.entities.gazetteer import load_gazetteer
        from pipeline.entities.repair import NameEdges, person_end   # spaCy: imported with the model
        from pipeline.entities.senses import BrandSenses

        self.nlp = nlp
        self.version = version
        self.batch_size = batch_size
        self._gaz = load_gazetteer()
        self._senses = BrandSenses.from_rows(self._gaz.brand_senses)
        self._handle_roles = self._gaz.name_edges.get("handle_role", ())
        edges_words = {w for k in ("lead", "trail", "credit", "handle_role") for w in self._gaz.name_edges.get(k, ())}
        self._not_short_forms = frozenset(edges_words | self._gaz.generic_words | self._gaz.non_entities
                                          | self._gaz.generic_units)
        # 蔡某|出生 read as 蔡某出, 王囡|囡 as 王囡, 李萌主播: a model PER string loses what jieba
        # glued on and gains the given-name character it split off
        edges = NameEdges.from_lists(self._gaz.name_edges)
        self._person_end = partial(person_end, tails=edges.person_tails, roles=edges.roles,
                                   surnames=edges.surnames)

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "EntityRecognizer":
        """Load once per process (cached per directory)."""
        return _load_cached(str(Path(model_dir or DEFAULT_MODEL_DIR).resolve()))

    def _entity(self, para_no: int, offset: int, ent, text: str) -> Entity | None:
        s, e = offset + ent.start_char, offset + ent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            return None
        surface = text[s:e]
        label = ent.label_
        rule_id = ent.id_
        if label == "PER" and not rule_id:
            e = self._person_end(text, s, e)
            surface = text[s:e]
        if label == "WORK" and surface.startswith("《") and surface.endswith("》") and e - s > 2:
            s, e, surface = s + 1, e - 1, surface[1:-1]
        origin: Origin = "rules" if rule_id else "model"
        canonical = rule_id if rule_id and rule_id != "TITLE" else self._gaz.canonical(surface)
        return Entity(para_no, s, e, surface, label, origin, canonical)

    def recognise(self, docs: list[CleanDocument]) -> list[list[Entity]]:
        """Entities per document, in text order, with offsets into ``doc.text``."""
        jobs: list[tuple[int, int, int, str]] = []   # (doc index, para_no, offset, text)
        for i, doc in enumerate(docs):
            paragraphs = doc.paragraphs
            if paragraphs:
                for p in paragraphs:
                    if p.end > p.start:
                        jobs.append((i, p.para_no, p.start, doc.text[p.start:p.end]))
            elif doc.text:
                jobs.append((i, 0, 0, doc.text))
        out: list[list[Entity]] = [[] for _ in docs]
        bounds: list[tuple[set[int], set[int]]] = [(set(), set()) for _ in docs]
        texts = (t for _, _, _, t in jobs)
        # The zone frees the words and strings these texts add to the shared vocab
        # when it closes; without it a worker's vocab grows with every distinct
        # token of the corpus it ever saw (17,000 lexemes per 400 articles).
        with self.nlp.memory_zone():
            for (i, para_no, offset, _), sdoc in zip(jobs, self.nlp.pipe(texts, batch_size=self.batch_size)):
                if len(sdoc):
                    offsets = sdoc.to_array(["IDX", "LENGTH"]).tolist()   # no Token objects per token
                    bounds[i][0].update(offset + a for a, _ in offsets)
                    bounds[i][1].update(offset + a + n for a, n in offsets)
                for ent in sdoc.ents:
                    e = self._entity(para_no, offset, ent, docs[i].text)
                    if e is not None:
                        out[i].append(e)
        return [self._document_level(doc, ents, starts, ends) for doc, ents, (starts, ends) in zip(docs, out, bounds)]

    def _document_level(self, doc: CleanDocument, ents: list[Entity], starts: set[int], ends: set[int]
                        ) -> list[Entity]:
        """The steps that read the whole document, in order (model card, "Document level")."""
        ents = propagate_names(doc, ents, starts, ends)
        ents = self._declared_names(doc, ents, starts, ends)
        ents = self._brand_mentions(doc, ents, starts, ends)
        ents = propagate_surnames(doc, ents, starts, ends)
        return consistent_labels(trim_person_tails(ents))

    def _is_handle(self, text: str) -> bool:
        """A quoted handle, not a quoted phrase (主播“绑走”, 网友“唱反调”): it does not open with
        a verb, adverb or idiom, and is no word the rules keep out."""
        if text in self._not_short_forms or text.isdigit():
            return False
        tags = pos_tag(text)
        return bool(tags) and tags[0][1] not in HANDLE_NOT_FIRST

    def _declared_names(self, doc: CleanDocument, ents: list[Entity], starts: set[int], ends: set[int]
                        ) -> list[Entity]:
        """Handles after 网红/主播 (PER) and short forms declared after a name (declared.py)."""
        text = doc.text
        out = list(ents)

        def place(s: int, e: int, label: str, canonical: str) -> None:
            inner = [x for x in out if x.start < e and s < x.end]
            if any(x.start < s or x.end > e for x in inner) or any(
                    (x.start, x.end, x.label) == (s, e, label) for x in inner):
                return           # an entity crosses the span's edge, or it is already there
            para = _para_no(doc, s)
            if para is None:
                return
            for x in inner:
                out.remove(x)
            out.append(Entity(para, s, e, text[s:e], label, "rules", canonical))

        for s, e in handles(text, self._handle_roles, self._is_handle):
            place(s, e, "PER", self._gaz.canonical(text[s:e]))
        for full, s, e in short_forms(text, list(out), lambda x: (x.start, x.end), self._not_short_forms):
            if full.label in ("ORG", "PER", "LOC"):
                place(s, e, full.label, full.canonical)
                for a, b in standalone(text, text[s:e], starts, ends, ()):
                    place(a, b, full.label, full.canonical)
        return sorted(out, key=lambda x: (x.start, x.end))

    def _brand_mentions(self, doc: CleanDocument, ents: list[Entity], starts: set[int], ends: set[int]
                        ) -> list[Entity]:
        """苹果 in a story about iPhones: ambiguous names read as brands document-wide (senses.py)."""
        found = self._senses.mentions(doc, [(e.start, e.end) for e in ents], starts, ends)
        if not found:
            return ents
        added = []
        for name, s, e in found:
            para = _para_no(doc, s)
            if para is not None:
                added.append(Entity(para, s, e, name, "ORG", "rules", self._gaz.canonical(name)))
        return sorted(ents + added, key=lambda x: (x.start, x.end))


NAME_DOTS = "·・•‧∙"


def _para_no(doc: CleanDocument, offset: int) -> int | None:
    """The paragraph of a mention added by a document-level step (0 for a document without
    paragraphs; None for an offset between paragraphs, where nothing is added)."""
    return doc.paragraph_at(offset) if doc.paragraphs else 0


def propagate_surnames(doc: CleanDocument, ents: list[Entity], starts: set[int], ends: set[int]
                       ) -> list[Entity]:
    """After 约翰·拉塞特, a bare 拉塞特 in the same document is the same person.

    News mentions a foreign name in full once, then by its last part; the
    model, seeing only the sentence, often mislabels or misses the short form.
    Each last part (2+ characters) of a dotted PER name becomes PER wherever it
    stands on token boundaries in the document (canonical: the full name).
    """
    full: dict[str, str] = {}
    for e in ents:
        if e.label == "PER":
            parts = [p for p in re.split(f"[{NAME_DOTS}]", e.text) if p]
            if len(parts) > 1 and len(parts[-1]) >= 2:
                full.setdefault(parts[-1], e.text)
    if not full:
        return ents
    out = [Entity(e.para_no, e.start, e.end, e.text, "PER", e.origin, full[e.text])
           if e.text in full and e.origin == "model" else e for e in ents]
    taken = [(e.start, e.end) for e in out]
    for short, name in full.items():
        for s, e in standalone(doc.text, short, starts, ends, taken):
            para = _para_no(doc, s)
            if para is None:
                continue
            out.append(Entity(para, s, e, short, "PER", "rules", name))
            taken.append((s, e))
    return sorted(out, key=lambda x: (x.start, x.end))


def propagate_names(doc: CleanDocument, ents: list[Entity], starts: set[int], ends: set[int]) -> list[Entity]:
    """Where a name found once stands again, read in pieces, it is the same name.

    The model sees one sentence at a time: 宁波空谷幽水影业 found whole in one
    sentence comes out as 宁波 (LOC) + 空谷幽水影业 elsewhere, and a place inside
    an organisation's name is not an entity of its own (annotations.md).  Each
    other occurrence of a found name, on token boundaries, that holds only smaller
    entities replaces them with the whole name.
    """
    names = {e.text: e for e in ents if len(e.text) >= 3}
    if not names or len(ents) < 2:
        return ents
    spans = sorted((e.start, e.end) for e in ents)
    span_starts = [a for a, _ in spans]
    replace: dict[tuple[int, int], Entity] = {}
    for name, proto in names.items():
        for m in re.finditer(re.escape(name), doc.text):
            s, e = m.start(), m.end()
            if s not in starts or e not in ends or (s, e) in replace:
                continue
            # entities do not overlap one another: only those from the one before s to e can touch
            lo = max(0, bisect_left(span_starts, s) - 1)
            inner = [(a, b) for a, b in spans[lo:bisect_left(span_starts, e)] if a < e and s < b]
            if not inner or (s, e) in inner or any(a < s or b > e for a, b in inner):
                continue       # nothing found here, the name itself, or a span crossing its edge
            para = _para_no(doc, s)
            if para is not None:
                replace[(s, e)] = Entity(para, s, e, name, proto.label, proto.origin, proto.canonical)
    if not replace:
        return ents
    covered = [(s, e) for s, e in replace]
    kept = [x for x in ents if not any(s <= x.start and x.end <= e for s, e in covered)]
    return sorted(kept + list(replace.values()), key=lambda x: (x.start, x.end))


def trim_person_tails(ents: list[Entity]) -> list[Entity]:
    """朱丹会, 陆川携, 张兰自: a model PER that is a person of the same document plus one character.

    jieba glues a one-character verb or adverb onto a short name (朱丹|会 read as 朱丹会);
    where the document names 朱丹 elsewhere, the longer string is that person.
    """
    people: dict[str, str] = {}
    for e in ents:
        if e.label == "PER":
            people.setdefault(e.text, e.canonical)
    if len(people) < 2:
        return ents
    out = []
    for e in ents:
        short = e.text[:-1]
        if e.label == "PER" and e.origin == "model" and 2 <= len(short) <= 3 and short in people \
                and all(is_cjk(c) for c in e.text):     # Chinese names only: not 詹姆斯·哈登 after a typo's 詹姆斯·哈
            e = Entity(e.para_no, e.start, e.end - 1, short, "PER", e.origin, people[short])
        out.append(e)
    return out


RULE_VOTE = 3   # a rule match outweighs a few model guesses


def consistent_labels(ents: list[Entity]) -> list[Entity]:
    """One label per surface string within a document.

    The model labels each mention from its sentence alone and sometimes
    disagrees with itself (皮克斯 ORG here, PER there); a document-level vote
    (rule matches count RULE_VOTE times) relabels the model's minority
    mentions. Rule entities are never changed.
    """
    votes: dict[str, dict[str, int]] = {}
    for e in ents:
        v = votes.setdefault(e.text, {})
        v[e.label] = v.get(e.label, 0) + (RULE_VOTE if e.origin == "rules" else 1)
    out = []
    for e in ents:
        v = votes[e.text]
        best = max(v, key=lambda lab: (v[lab], lab == e.label))
        if e.origin == "model" and best != e.label:
            e = Entity(e.para_no, e.start, e.end, e.text, best, e.origin, e.canonical)
        out.append(e)
    return out


@lru_cache(maxsize=4)
def _load_cached(model_dir: str) -> EntityRecognizer:
    import spacy

    from pipeline.entities import rules, tokenizer  # noqa: F401  (registers the tokenizer)
    from pipeline.entities.gazetteer import load_gazetteer

    path = Path(model_dir) / "model"
    if not (path / "config.cfg").exists():
        raise NerModelMissing(
            f"NER model not found in {path}. Train it with `{TRAIN_COMMAND}` "
            f"(see `{TRAIN_COMMAND} --help` and models/ner/README.md).")
    nlp = spacy.load(path)
    gaz = load_gazetteer()
    if nlp.meta.get("av_gazetteer_sha") != gaz.sha:
        # Gazetteers were edited since the model was assembled: rebuild the
        # rule components from the current lists (no retraining needed).
        log.info("NER gazetteers changed since %s was saved; rebuilding rules", path)
        rules.add_rules(nlp, gaz)
    version = f"{nlp.meta.get('name', 'ner')}-{nlp.meta.get('version', '0')}+gaz.{gaz.sha}"
    return EntityRecognizer(nlp, version)
