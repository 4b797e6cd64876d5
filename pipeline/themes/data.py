"""Training and measurement data for the theme classifier, and its split.

There is no labeled theme corpus: paragraphs of the pool are weakly labeled by
the seed-term lexicons, and hand labels (``tests/gold/theme_paragraphs_*.jsonl``)
override them where they exist. The split is a pure function of ``doc_id`` so
that every run, on every machine, keeps the same paragraphs out of training:

* ``test``  – documents in ``tests/gold/lists/heldout_docs.json`` plus a fixed
  sha1-selected ~25 % of the other documents. Never used for training,
  lexicon tuning or threshold selection.
* ``dev``   – the documents of ``corpus/labeled/dev.jsonl`` not already in test:
  their document themes are a separate document-level measurement, so they are
  kept out of training too.
* ``train`` – everything else.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pipeline

REPO_ROOT = Path(pipeline.__file__).resolve().parent.parent
# The read-only shared material sits beside the repo; AV_SHARED_DIR overrides.
SHARED = Path(os.environ.get("AV_SHARED_DIR", REPO_ROOT.parent / "shared"))
CORPUS_DIR = SHARED / "corpus"
GOLD_DIR = REPO_ROOT / "tests" / "gold"
HELDOUT_LIST = GOLD_DIR / "lists" / "heldout_docs.json"
DEV_GOLD = CORPUS_DIR / "labeled" / "dev.jsonl"
HAND_LABEL_GLOB = "theme_paragraphs_*.jsonl"
# Folders of the pool that are not training material: encodings/ re-encodes
# articles that exist elsewhere in the pool.
SKIP_DIRS = frozenset({"encodings"})

TEST_FRACTION = 0.25
SPLIT_SALT = "themes-split-v1"


@dataclass(slots=True)
class LabeledParagraph:
    doc_id: str
    para_no: int
    text: str
    themes: list[str] = field(default_factory=list)
    source: str = "weak"  # "weak" (lexicon) or "hand"
    uncertain: bool = False


def hash_fraction(doc_id: str, salt: str = SPLIT_SALT) -> float:
    """A stable number in [0, 1) derived from the doc_id only."""
    digest = hashlib.sha1(f"{salt}:{doc_id}".encode("utf-8")).hexdigest()
    return int(digest[:8], 16) / 0x1_0000_0000


def load_doc_ids(path: Path) -> frozenset[str]:
    """doc_ids from a JSON list, a JSONL gold file or a one-per-line text list."""
    if not path.exists():
        return frozenset()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return frozenset(json.loads(text))
    if path.suffix == ".jsonl":
        return frozenset(json.loads(line)["doc_id"] for line in text.splitlines() if line.strip())
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True, slots=True)
class Split:
    """Assigns every doc_id to ``train``, ``dev`` or ``test``."""

    heldout: frozenset[str]
    dev: frozenset[str]
    test_fraction: float = TEST_FRACTION

    @classmethod
    def default(cls) -> "Split":
        return cls(heldout=load_doc_ids(HELDOUT_LIST), dev=load_doc_ids(DEV_GOLD))

    def of(self, doc_id: str) -> str:
        if doc_id in self.heldout or hash_fraction(doc_id) < self.test_fraction:
            return "test"
        if doc_id in self.dev:
            return "dev"
        return "train"

    def is_trainable(self, doc_id: str) -> bool:
        return self.of(doc_id) == "train"


def doc_id_for(path: Path, corpus_dir: Path = CORPUS_DIR) -> str:
    return path.relative_to(corpus_dir).with_suffix("").as_posix()


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    """Text files of the corpus (seed + pool), duplicates under encodings/ excluded."""
    files = []
    for path in sorted(corpus_dir.rglob("*.txt")):
        rel = path.relative_to(corpus_dir).parts
        if rel[0] == "labeled" or SKIP_DIRS.intersection(rel[:-1]):
            continue
        files.append(path)
    return files


def _simple_paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def document_paragraphs(doc_id: str, raw_text: str) -> list[str]:
    """Paragraph texts as the pipeline's cleaner produces them."""
    try:
        from pipeline import clean
    except ImportError:  # pragma: no cover - the cleaner is part of the repo
        return _simple_paragraphs(raw_text)
    doc = clean.clean_document(doc_id, raw_text)
    return [doc.paragraph_text(p.para_no) for p in doc.paragraphs]


def iter_corpus_paragraphs(corpus_dir: Path = CORPUS_DIR) -> Iterator[tuple[str, int, str]]:
    """(doc_id, para_no, text) for every paragraph of the corpus."""
    for path in corpus_files(corpus_dir):
        doc_id = doc_id_for(path, corpus_dir)
        raw = path.read_text(encoding="utf-8")
        for no, text in enumerate(document_paragraphs(doc_id, raw)):
            yield doc_id, no, text


def hand_label_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    return sorted(gold_dir.glob(HAND_LABEL_GLOB))


def load_hand_labels(paths: Iterable[Path] | None = None) -> list[LabeledParagraph]:
    """Hand-labeled paragraphs; a later file wins on a duplicate (doc_id, para_no)."""
    rows: dict[tuple[str, int], LabeledParagraph] = {}
    for path in hand_label_files() if paths is None else paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            key = (rec["doc_id"], int(rec["para_no"]))
            rows[key] = LabeledParagraph(
                doc_id=rec["doc_id"],
                para_no=int(rec["para_no"]),
                text=rec["text"],
                themes=sorted(set(rec.get("themes") or [])),
                source="hand",
                uncertain=bool(rec.get("uncertain", False)),
            )
    return list(rows.values())


def split_rows(rows: Iterable[LabeledParagraph], split: Split) -> dict[str, list[LabeledParagraph]]:
    parts: dict[str, list[LabeledParagraph]] = {"train": [], "dev": [], "test": []}
    for row in rows:
        parts[split.of(row.doc_id)].append(row)
    return parts
