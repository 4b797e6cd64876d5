"""One batch of documents through ingest → clean → segment → extract → classify.

This is the unit of work a Prefect task (or a Dask worker) runs: plain Python,
no Prefect inside, so it is tested directly.  A failure in one document or
one stage becomes an ``errors`` row and never costs another document its
results.  Batched stages (NER, themes) that raise are retried document by
document to isolate the document that caused it.
"""
from __future__ import annotations

import hashlib
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from . import segment, stages
from .clean import clean_document
from .discover import SourceFile
from .document import CleanDocument
from .ingest import IngestError, RawDocument, SkipDocument, read_source
from .tables import SCORE_COLUMNS, THEMES
from .terms import key_terms


@dataclass
class BatchResult:
    rows: dict[str, list[dict]] = field(default_factory=lambda: {
        "documents": [], "paragraphs": [], "indicators": [], "entities": [], "terms": [], "errors": []})
    status: Counter = field(default_factory=Counter)
    stage_seconds: Counter = field(default_factory=Counter)

    def merge(self, other: "BatchResult") -> None:
        for table, rows in other.rows.items():
            self.rows[table].extend(rows)
        self.status.update(other.status)
        self.stage_seconds.update(other.stage_seconds)


def failed_document(source: SourceFile, run_id: str, cache_key: str | None, stage: str, error_type: str,
                    message: str, content_sha256: str | None = None) -> BatchResult:
    """The rows of a document that could not be processed at all.

    Used when no ``process_batch`` result exists for it (its worker process
    died); with its hash and cache key it is reused like any failure: the
    same bytes would crash the same way.
    """
    result = BatchResult()
    result.rows["documents"].append(_doc_row(source, run_id, "failed", message,
                                             content_sha256=content_sha256, cache_key=cache_key))
    _error(result, source, stage, error_type, message, run_id)
    result.status["failed"] += 1
    return result


def indicator_id(doc_id: str, text_sha: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{doc_id}\x1f{text_sha}\x1f{start}\x1f{end}".encode()).hexdigest()[:20]


@dataclass
class _Work:
    """A document on its way through the stages."""
    source: SourceFile
    raw: RawDocument
    doc: CleanDocument
    failed: bool = False
    indicators: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    para_scores: object = None   # numpy array (paragraphs × themes) or None
    doc_scores: object = None
    doc_themes: list[str] | None = None
    para_themes: list[list[str]] | None = None


def _error(result: BatchResult, source: SourceFile, stage: str, error_type: str, message: str, run_id: str):
    result.rows["errors"].append({
        "doc_id": source.doc_id, "source_path": source.source_path, "stage": stage,
        "error_type": error_type, "message": message, "run_id": run_id})


def _doc_row(source: SourceFile, run_id: str, status: str, reason: str | None, **extra) -> dict:
    row = {
        "doc_id": source.doc_id, "source_path": source.source_path, "content_sha256": None,
        "encoding": None, "format": source.format, "title": None, "published": None, "chars": 0,
        "text": None, "status": status, "themes": None, "run_id": run_id, "status_reason": reason,
        "size_bytes": source.size, "mtime_ns": source.mtime_ns, "cache_key": None, "paragraphs": 0,
    }
    row.update({c: None for c in SCORE_COLUMNS})
    row.update(extra)
    return row


def _guard(result: BatchResult, work: _Work, stage: str, run_id: str, fn: Callable[[], None]) -> None:
    """Run one stage for one document; an exception becomes an errors row."""
    try:
        fn()
    except Exception as exc:  # a stage must never take the batch down
        work.failed = True
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        _error(result, work.source, stage, type(exc).__name__, f"{stage} stage raised: {detail}", run_id)


def _batched(result: BatchResult, works: list[_Work], stage: str, run_id: str,
             run: Callable[[list[_Work]], None]) -> None:
    """A batched stage; on failure, retried per document to find the culprit."""
    if not works:
        return
    try:
        run(works)
    except Exception:
        for w in works:
            _guard(result, w, stage, run_id, lambda w=w: run([w]))


def process_batch(sources: list[SourceFile], run_id: str, cache_key: str,
                  stage_names: tuple[str, ...] = tuple(stages.REGISTRY)) -> BatchResult:
    """Process a batch of discovered files into rows of every output table."""
    import time

    result = BatchResult()
    works: list[_Work] = []
    segment.start_batch()
    t0 = time.perf_counter()
    for source in sources:
        if source.status != "pending":
            result.rows["documents"].append(_doc_row(source, run_id, source.status, source.reason))
            error_type = source.error_type or ("Skipped" if source.status == "skipped" else "Failed")
            _error(result, source, "discover", error_type, source.reason or source.status, run_id)
            result.status[source.status] += 1
            continue
        try:
            raw = read_source(source)
            doc = clean_document(source.doc_id, raw.text, published=raw.published, title=raw.title)
            if not doc.paragraphs:
                skip = SkipDocument("no text left after cleaning")
                skip.content_sha256 = raw.content_sha256
                raise skip
        except SkipDocument as exc:
            result.rows["documents"].append(_doc_row(source, run_id, "skipped", str(exc),
                                                     content_sha256=exc.content_sha256, cache_key=cache_key))
            _error(result, source, "ingest", "EmptyDocument", str(exc), run_id)
            result.status["skipped"] += 1
            continue
        except IngestError as exc:
            cause = type(exc.__cause__).__name__ if exc.__cause__ else "IngestError"
            result.rows["documents"].append(_doc_row(source, run_id, "failed", str(exc),
                                                     content_sha256=exc.content_sha256, cache_key=cache_key))
            _error(result, source, "ingest", cause, str(exc), run_id)
            result.status["failed"] += 1
            continue
        except Exception as exc:
            msg = f"could not read or clean the file: {type(exc).__name__}: {exc}"
            result.rows["documents"].append(_doc_row(source, run_id, "failed", msg))
            _error(result, source, "ingest", type(exc).__name__, msg, run_id)
            result.status["failed"] += 1
            continue
        works.append(_Work(source, raw, doc))
    t1 = time.perf_counter()
    result.stage_seconds["ingest+clean"] += t1 - t0

    for w in works:
        def _terms(w=w):
            # Per paragraph: the same calls (and cache hits) as the theme and NER stages.
            words = [t for p in w.doc.paragraphs for t in segment.cut(w.doc.paragraph_text(p.para_no))]
            for t in key_terms(words):
                result.rows["terms"].append({"doc_id": w.doc.doc_id, "term": t.term, "count": t.count, "weight": t.weight})
        _guard(result, w, "segment", run_id, _terms)
    t2 = time.perf_counter()
    result.stage_seconds["segment"] += t2 - t1

    if works and "indicators" in stage_names:
        extractor = stages.load("indicators")
        for w in works:
            def _ind(w=w):
                w.indicators = extractor.extract(w.doc)
            _guard(result, w, "indicators", run_id, _ind)
    t3 = time.perf_counter()
    result.stage_seconds["indicators"] += t3 - t2

    if works and "entities" in stage_names:
        recogniser = stages.load("entities")

        def _ents(batch: list[_Work]) -> None:
            found = recogniser.recognise([w.doc for w in batch])
            for w, ents in zip(batch, found):
                w.entities = ents
        _batched(result, works, "entities", run_id, _ents)
    t4 = time.perf_counter()
    result.stage_seconds["entities"] += t4 - t3

    if works and "themes" in stage_names:
        classifier = stages.load("themes")

        def _themes(batch: list[_Work]) -> None:
            texts = [w.doc.paragraph_text(p.para_no) for w in batch for p in w.doc.paragraphs]
            scores = classifier.score_paragraphs(texts)
            themes = classifier.paragraph_themes(scores)
            i = 0
            for w in batch:
                n = len(w.doc.paragraphs)
                w.para_scores, w.para_themes = scores[i:i + n], themes[i:i + n]
                i += n
                lengths = [p.end - p.start for p in w.doc.paragraphs]
                w.doc_scores, w.doc_themes = classifier.document_scores(w.para_scores, lengths)
        _batched(result, works, "themes", run_id, _themes)
    result.stage_seconds["themes"] += time.perf_counter() - t4

    for w in works:
        _emit(result, w, run_id, cache_key)
    return result


def _scores_dict(scores) -> dict:
    if scores is None:
        return {c: None for c in SCORE_COLUMNS}
    return {c: float(scores[i]) for i, c in enumerate(SCORE_COLUMNS)}


def _emit(result: BatchResult, w: _Work, run_id: str, cache_key: str) -> None:
    doc, raw, rows = w.doc, w.raw, result.rows
    status = "failed" if w.failed else "ok"
    rows["documents"].append(_doc_row(
        w.source, run_id, status, "a stage failed (see errors)" if w.failed else None,
        content_sha256=raw.content_sha256, encoding=raw.encoding, title=doc.title,
        published=doc.published, chars=len(doc.text), text=doc.text,
        themes=list(w.doc_themes) if w.doc_themes is not None else None,
        cache_key=cache_key, paragraphs=len(doc.paragraphs), **_scores_dict(w.doc_scores)))
    result.status[status] += 1
    para_themes = w.para_themes or [None] * len(doc.paragraphs)
    for p, themes in zip(doc.paragraphs, para_themes):
        scores = w.para_scores[p.para_no] if w.para_scores is not None else None
        rows["paragraphs"].append({
            "doc_id": doc.doc_id, "para_no": p.para_no, "start": p.start, "end": p.end,
            "text": doc.text[p.start:p.end], "themes": list(themes) if themes is not None else None,
            "run_id": run_id, **_scores_dict(scores)})
    text_sha = hashlib.sha256(doc.text.encode()).hexdigest()
    for ind in w.indicators:
        themes = para_themes[ind.para_no] if 0 <= ind.para_no < len(para_themes) else None
        rows["indicators"].append({
            "indicator_id": indicator_id(doc.doc_id, text_sha, ind.start, ind.end),
            "doc_id": doc.doc_id, "para_no": ind.para_no, "sentence": ind.sentence,
            "start": ind.start, "end": ind.end, "text": ind.text, "subject": ind.subject,
            "value": float(ind.value), "value_high": None if ind.value_high is None else float(ind.value_high),
            "unit": ind.unit, "period": ind.period, "qualifier": ind.qualifier, "kind": ind.kind,
            "forecast": bool(ind.forecast), "source": ind.source,
            "themes": list(themes) if themes is not None else None,
            "confidence": float(ind.confidence), "run_id": run_id})
    for ent in w.entities:
        rows["entities"].append({
            "doc_id": doc.doc_id, "para_no": ent.para_no, "start": ent.start, "end": ent.end,
            "text": ent.text, "label": ent.label, "origin": ent.origin, "run_id": run_id,
            "canonical": getattr(ent, "canonical", None) or ent.text})


__all__ = ["BatchResult", "process_batch", "failed_document", "indicator_id", "THEMES"]
