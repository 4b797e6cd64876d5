"""A document that kills its worker process costs only itself.

Two poison documents (tests/reliability/hooks: one calls ``os._exit``, one
segfaults) sit in different batches of a run on the process pool.  The pool
breaks and every batch in flight fails with it; the flow retries those
batches in fresh processes, splits the ones that crash again, and records
the culprits as ``failed`` with an errors row of stage ``worker``.
"""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tests.reliability.corpusgen import write_corpus

pytestmark = pytest.mark.slow


def test_poison_documents_fail_alone(tmp_path, cli):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    names = write_corpus(corpus, 14, extra={
        "batch1/poison-exit.txt": "网络视听报告。☠EXIT☠\n用户规模达11亿人。\n",
        "batch3/poison-segv.txt": "网络视听报告。☠SEGV☠\n用户规模达11亿人。\n",
    })
    run = cli("run", "--input", corpus, "--output", out, "--stages", "indicators", "--workers", "2",
              "--batch-size", "4", "--no-progress", faults="poison")
    assert run.returncode == 0, run.stderr[-4000:]
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("source_path")
    assert sorted(docs.index) == sorted(names)
    failed = docs[docs.status == "failed"]
    assert sorted(failed.index) == ["batch1/poison-exit.txt", "batch3/poison-segv.txt"]
    assert (docs.drop(failed.index).status == "ok").all()
    errors = pq.read_table(out / "errors.parquet").to_pandas().set_index("source_path")
    exit_err, segv_err = errors.loc["batch1/poison-exit.txt"], errors.loc["batch3/poison-segv.txt"]
    for err in (exit_err, segv_err):
        assert err.stage == "worker" and err.error_type == "WorkerCrashed"
    assert "exited with status 70" in exit_err.message
    assert "SIGSEGV" in segv_err.message
    # every healthy document has its full rows
    paragraphs = pq.read_table(out / "paragraphs.parquet").to_pandas()
    indicators = pq.read_table(out / "indicators.parquet").to_pandas()
    healthy = set(docs[docs.status == "ok"].doc_id)
    assert set(paragraphs.doc_id) == healthy
    assert set(indicators.doc_id) == healthy
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["ok"] == 14 and manifest["counts"]["failed"] == 2
    assert manifest["counts"]["rows"]["documents"] == 16
    # Same bytes, same crash: the rows carry the hash and cache key that let the
    # next run reuse the failure instead of crashing a worker again.
    assert failed.content_sha256.notna().all()
    assert set(failed.cache_key) == set(docs.cache_key)
