"""The current run's tables as the review app needs them, reloaded on change.

The run swaps the output folder atomically, so the app keeps the tables in
memory and reloads them (under the swap lock) when the files' identity changes;
a request never reads half of an old run and half of a new one.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.review.store import swap_lock

_FILES = ("indicators.parquet", "documents.parquet", "entities.parquet")
_IND_COLS = (
    "indicator_id", "doc_id", "para_no", "sentence", "start", "end", "text", "subject",
    "value", "value_high", "unit", "period", "qualifier", "kind", "forecast", "source",
    "themes", "confidence", "run_id",
)


def _signature(output_dir: Path) -> tuple:
    sig = []
    for name in (*_FILES, "manifest.json"):
        try:
            st = (output_dir / name).stat()
            sig.append((name, st.st_ino, st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            sig.append((name, None))
    return tuple(sig)


def _as_list(v: Any) -> list[str]:
    if v is None or (isinstance(v, float) and v != v):
        return []
    return [str(x) for x in (v.tolist() if hasattr(v, "tolist") else v)]


def sentence_offsets(doc_text: str | None, sentence: str, text: str,
                     start: int, end: int) -> tuple[int, int] | None:
    """Where the indicator's span falls inside its sentence.

    Offsets are into the document text; the sentence string is located around
    them so the highlight is the exact span even when the same number occurs
    twice in the sentence. Falls back to the first occurrence of ``text``.
    """
    if doc_text and sentence and 0 <= start <= end <= len(doc_text):
        lo = max(0, end - len(sentence))
        s0 = doc_text.find(sentence, lo, start + len(sentence))
        if s0 != -1 and s0 <= start and end <= s0 + len(sentence):
            return start - s0, end - s0
    if sentence and text:
        i = sentence.find(text)
        if i != -1:
            return i, i + len(text)
    return None


@dataclass
class RunData:
    """One loaded run: indicators with their document title, documents, entities."""

    indicators: pd.DataFrame
    documents: pd.DataFrame
    entities: pd.DataFrame
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def run_id(self) -> str | None:
        rid = self.manifest.get("run_id") or self.manifest.get("id")
        if rid:
            return str(rid)
        if len(self.indicators) and "run_id" in self.indicators:
            return str(self.indicators["run_id"].iloc[0])
        return None

    @classmethod
    def read(cls, output_dir: Path) -> "RunData":
        ind = _read(output_dir / "indicators.parquet")
        for c in _IND_COLS:
            if c not in ind.columns:
                ind[c] = None
        ind["themes"] = ind["themes"].map(_as_list)
        ind["confidence"] = pd.to_numeric(ind["confidence"], errors="coerce")
        docs = _read(output_dir / "documents.parquet")
        for c in ("doc_id", "title", "text", "themes"):
            if c not in docs.columns:
                docs[c] = None
        ents = _read(output_dir / "entities.parquet")
        for c in ("doc_id", "para_no", "text", "label", "canonical", "start"):
            if c not in ents.columns:
                ents[c] = None
        if len(ents):
            ents["canonical"] = ents["canonical"].where(ents["canonical"].notna(), ents["text"])
        titles = docs.set_index("doc_id")["title"] if len(docs) else pd.Series(dtype=object)
        ind["title"] = ind["doc_id"].map(titles)
        ind = ind.reset_index(drop=True)
        manifest: dict[str, Any] = {}
        mpath = output_dir / "manifest.json"
        if mpath.exists():
            try:
                manifest = json.loads(mpath.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                manifest = {}
        return cls(ind, docs, ents, manifest)

    # -- lookups --------------------------------------------------------------
    def doc_text(self, doc_id: str) -> str | None:
        if not hasattr(self, "_texts"):
            self._texts = dict(zip(self.documents["doc_id"], self.documents["text"]))
        t = self._texts.get(doc_id)
        return t if isinstance(t, str) else None

    def paragraph_entities(self, doc_id: str, para_no: int) -> list[dict[str, str]]:
        """Distinct (canonical, label) of a paragraph, in text order."""
        if not hasattr(self, "_ents_by_para"):
            groups: dict[tuple[str, int], list[dict[str, str]]] = {}
            e = self.entities.sort_values(["doc_id", "para_no", "start"], na_position="last") \
                if len(self.entities) else self.entities
            for row in e.itertuples(index=False):
                key = (row.doc_id, int(row.para_no) if row.para_no == row.para_no else -1)
                items = groups.setdefault(key, [])
                item = {"text": str(row.text), "canonical": str(row.canonical),
                        "label": str(row.label)}
                if all((i["canonical"], i["label"]) != (item["canonical"], item["label"])
                       for i in items):
                    items.append(item)
            self._ents_by_para = groups
        return self._ents_by_para.get((doc_id, int(para_no)), [])


def _read(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame()
    return pd.read_parquet(path)


class RunCache:
    """Thread-safe cache of the current run's tables for one output folder."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = Path(output_dir)
        self._lock = threading.Lock()
        self._sig: tuple | None = None
        self._data: RunData | None = None

    def get(self) -> RunData:
        sig = _signature(self.output_dir)
        with self._lock:
            if self._data is None or sig != self._sig:
                with swap_lock(self.output_dir):
                    sig = _signature(self.output_dir)
                    self._data = RunData.read(self.output_dir)
                self._sig = sig
            return self._data
