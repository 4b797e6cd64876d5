"""Our own labeled domain articles as NER training sentences.

CLUENER and MSRA are news and web text of another decade: they rarely name
platforms (抖音, 快手), regulators (国家广播电视总局) or micro-drama titles,
which is exactly what analysts filter by. The development gold sets under
``tests/gold`` list each document's entities as (text, label) pairs without
offsets, so every occurrence of a listed string in the cleaned text is taken
as a mention (longest first, no overlaps); ``optional`` entities and strings
listed under two labels become *missing* tokens (neither taught as entity nor
as O). Held-out documents (``tests/gold/lists/heldout_docs.json``) are refused,
so the measurement set never leaks into training.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.clean import clean_document, normalise
from pipeline.entities.corpora import LABELS, CharExample
from pipeline.evaluation import find_source, load_gold
from pipeline.ingest import read_source

REPO_ROOT = Path(__file__).resolve().parents[2]
HELDOUT_LIST = REPO_ROOT / "tests" / "gold" / "lists" / "heldout_docs.json"
# our own labeled articles that are not in shared/corpus (dev16: tests/corpus/README.md)
EXTRA_CORPUS = REPO_ROOT / "tests" / "corpus"


def corpus_folders(corpus: Path) -> list[Path]:
    """Where a gold doc_id's text is looked up: the given corpus, then our extra articles."""
    return [corpus, EXTRA_CORPUS]


def development_gold() -> list[Path]:
    """Our development gold sets (labelled by reading); never the held-out set."""
    labeled = REPO_ROOT.parent / "shared" / "corpus" / "labeled"
    gold = REPO_ROOT / "tests" / "gold"
    paths = [labeled / "seed.jsonl", labeled / "dev.jsonl"]
    paths += [gold / f"dev{n}_{part}.jsonl" for n in (2, 3, 4, 5) for part in ("a", "b")]
    return [p for p in paths if p.exists()]


def evaluation_gold() -> list[Path]:
    """Every development gold set (those trained on and the rest), never the held-out set:
    what the model card scores, so its ``gold_not_trained`` line covers every set the
    model never saw."""
    gold = REPO_ROOT / "tests" / "gold"
    later = sorted(gold.glob("dev*_[ab].jsonl"), key=lambda p: (int(p.stem[3:].split("_")[0]), p.stem))
    paths = development_gold()
    return paths + [p for p in later if p not in paths]


class HeldOutLeak(ValueError):
    """A held-out document was offered as training data."""


def heldout_ids(path: Path = HELDOUT_LIST) -> set[str]:
    return set(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else set()


def mention_spans(text: str, entities: Iterable[dict]) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Character spans of every occurrence of the listed entities in ``text``.

    Returns (entity spans, missing spans). Longer strings claim their
    characters first, so 共青团广州市委 (ORG) hides the 广州 (LOC) inside it.
    """
    labels_of: dict[str, set[str]] = {}
    optional: set[str] = set()
    for ent in entities:
        if ent.get("label") not in LABELS:
            continue
        surface = normalise(ent["text"]).strip()
        if not surface:
            continue
        labels_of.setdefault(surface, set()).add(ent["label"])
        if ent.get("optional"):
            optional.add(surface)
    taken = [False] * len(text)
    spans: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    for surface in sorted(labels_of, key=len, reverse=True):
        labels = labels_of[surface]
        for m in re.finditer(re.escape(surface), text):
            s, e = m.start(), m.end()
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            if surface in optional or len(labels) > 1:
                missing.append((s, e))
            else:
                spans.append((s, e, next(iter(labels))))
    return sorted(spans), sorted(missing)


def read_domain_gold(gold_paths: list[Path], corpus: Path, *, refuse: set[str] | None = None
                     ) -> Iterator[CharExample]:
    """One example per sentence of every gold document found under ``corpus``."""
    refuse = heldout_ids() if refuse is None else refuse
    gold = load_gold(gold_paths)
    leaked = sorted(set(gold) & refuse)
    if leaked:
        raise HeldOutLeak(f"{len(leaked)} held-out documents in the training gold, e.g. {leaked[0]}")
    for doc_id, record in gold.items():
        source = find_source(corpus_folders(corpus), doc_id)
        if source is None:
            continue
        raw = read_source(source)
        doc = clean_document(doc_id, raw.text, published=raw.published, title=raw.title)
        for para in doc.paragraphs:
            for sent in para.sentences:
                text = doc.text[sent.start:sent.end]
                if not text.strip():
                    continue
                spans, missing = mention_spans(text, record.get("entities", []))
                yield CharExample(text, spans, missing)
