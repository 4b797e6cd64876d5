"""A stage that raises on one document records it and goes on with the others.

``process_batch`` (what every worker runs) is called directly: a per-document
stage (indicators) and batched stages (themes, entities) are made to raise on
one marked document; the batched ones must be retried document by document so
that only the culprit is ``failed``.  The real stages then read the hostile
texts: if one of them raises or takes too long, the test is marked xfail with
the module to fix (those stages belong to other people).
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline import stages
from pipeline.discover import discover
from pipeline.process import process_batch
from tests.reliability import hostile
from tests.reliability.corpusgen import write_corpus

MARK = "毒药标记"


def loadable(name: str) -> bool:
    try:
        stages.load(name)
        return True
    except stages.StageUnavailable:
        return False


@pytest.fixture
def sources(tmp_path) -> list:
    write_corpus(tmp_path, 5, extra={"victim.txt": f"网络视听报告。\n{MARK}：用户规模达11亿人。\n"})
    return list(discover(tmp_path, 10**8))


def outcome(result):
    docs = {d["doc_id"]: d["status"] for d in result.rows["documents"]}
    return docs, result.rows["errors"]


def test_per_document_stage_raising_fails_only_that_document(sources, monkeypatch):
    extractor = stages.load("indicators")
    real = extractor.extract

    def extract(doc):
        if MARK in doc.text:
            raise ValueError("rule table has no entry")
        return real(doc)

    monkeypatch.setattr(extractor, "extract", extract)
    docs, errors = outcome(process_batch(sources, "run", "key", ("indicators",)))
    assert docs.pop("victim") == "failed" and set(docs.values()) == {"ok"}
    (err,) = errors
    assert (err["doc_id"], err["stage"], err["error_type"]) == ("victim", "indicators", "ValueError")
    assert "rule table has no entry" in err["message"]


class FakeRecogniser:
    """A batched stage that fails whenever its batch holds the marked document."""

    version = "fake"

    def __init__(self):
        self.calls = []

    def recognise(self, docs):
        self.calls.append(len(docs))
        if any(MARK in d.text for d in docs):
            raise RuntimeError("CUDA out of memory")
        return [[] for _ in docs]


def test_batched_stage_raising_is_retried_per_document(sources, monkeypatch):
    fake = FakeRecogniser()
    real_load = stages.load
    monkeypatch.setattr(stages, "load", lambda name: fake if name == "entities" else real_load(name))
    result = process_batch(sources, "run", "key", ("entities",))
    docs, errors = outcome(result)
    assert docs.pop("victim") == "failed" and set(docs.values()) == {"ok"}
    assert fake.calls[0] == len(sources) and fake.calls[1:] == [1] * len(sources)
    (err,) = errors
    assert (err["doc_id"], err["stage"], err["error_type"]) == ("victim", "entities", "RuntimeError")


def require_working(stage: str, sources: list) -> None:
    """Skip when the stage is missing or fails on ordinary articles (its own tests cover that)."""
    if not loadable(stage):
        pytest.skip(f"stage {stage} cannot be loaded here")
    plain = [s for s in sources if "article-" in s.source_path][:2]
    errors = process_batch(plain, "run", "key", (stage,)).rows["errors"]
    if errors:
        pytest.skip(f"{stages.REGISTRY[stage].module} fails on ordinary articles too: {errors[0]['message'][:200]}")


def test_real_batched_stage_raising_is_retried_per_document(sources, monkeypatch):
    require_working("themes", sources)
    classifier = stages.load("themes")
    real = classifier.score_paragraphs

    def score_paragraphs(texts):
        if any(MARK in t for t in texts):
            raise MemoryError("paragraph matrix too large")
        return real(texts)

    monkeypatch.setattr(classifier, "score_paragraphs", score_paragraphs)
    result = process_batch(sources, "run", "key", ("themes",))
    docs, errors = outcome(result)
    assert docs.pop("victim") == "failed" and set(docs.values()) == {"ok"}
    assert [(e["doc_id"], e["stage"], e["error_type"]) for e in errors] == [("victim", "themes", "MemoryError")]
    scored = [d for d in result.rows["documents"] if d["status"] == "ok"]
    assert all(d["themes"] is not None for d in scored)


@pytest.fixture(scope="module")
def hostile_sources(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("hostile-stages")
    hostile.build(root, big_mb=1)
    return list(discover(root, 10**9))


@pytest.mark.parametrize("stage", list(stages.REGISTRY))
def test_real_stages_survive_hostile_texts(hostile_sources, sources, stage):
    require_working(stage, sources)
    t0 = time.perf_counter()
    result = process_batch(hostile_sources, "run", "key", (stage,))
    seconds = time.perf_counter() - t0
    raised = [f"{e['source_path']}: {e['message'][:200]}" for e in result.rows["errors"] if e["stage"] == stage]
    module = stages.REGISTRY[stage].module.replace(".", "/")
    if raised:
        pytest.xfail(f"{module} raises on hostile input: " + "; ".join(raised[:3]))
    if seconds > 120:
        pytest.xfail(f"{module} took {seconds:.0f} s on the hostile folder")
    ok = [d for d in result.rows["documents"] if d["status"] == "ok"]
    assert len(ok) >= 20
