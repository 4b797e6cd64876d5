"""Every file of a hostile input folder becomes exactly one documents row.

The folder (tests/reliability/hostile.py) is generated: empty, binary,
truncated and BOM-less files, corrupt containers, unsupported and hidden
files, a FIFO, symlink loops, odd and non-UTF-8 names, 80 nested folders,
scripts and event handlers, control characters, 60 000 numbers in one
paragraph, a 30 MB page.  The run goes through the CLI like the nightly job.
"""
from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.clean import MAX_PARAGRAPH_CHARS
from tests.reliability import hostile


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, cli):
    base = tmp_path_factory.mktemp("hostile")
    corpus, out = base / "corpus", base / "out"
    expected = hostile.build(corpus)
    first = cli("run", "--input", corpus, "--output", out, "--stages", "indicators", "--workers", "2",
                "--batch-size", "8", "--no-progress", "--fail-on-error")
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    errors = pq.read_table(out / "errors.parquet").to_pandas()
    return expected, first, out, docs, errors


def test_run_completes_and_fail_on_error_reports_failures(hostile_run):
    expected, first, out, docs, _ = hostile_run
    assert first.returncode == 1, first.stderr[-3000:]
    assert "Traceback" not in first.stderr, first.stderr[-3000:]
    manifest = json.loads((out / "manifest.json").read_text())
    counts = manifest["counts"]
    assert counts["documents"] == len(expected) == len(docs)
    assert counts["ok"] + counts["failed"] + counts["skipped"] == len(expected)
    assert counts["failed"] == int((docs.status == "failed").sum()) > 0


def test_every_file_has_exactly_one_documents_row(hostile_run):
    expected, _, _, docs, _ = hostile_run
    assert docs.source_path.is_unique and docs.doc_id.is_unique
    assert set(docs.source_path) == set(expected)




def test_status_reason_and_text_of_each_file(hostile_run):
    expected, _, _, docs, errors = hostile_run
    by_path = docs.set_index("source_path")
    problems = []
    for path, exp in expected.items():
        row = by_path.loc[path]
        messages = " ".join(errors[errors.source_path == path].message) + " " + str(row.status_reason)
        if row.status not in exp.statuses:
            problems.append(f"{path}: status {row.status} ({messages.strip()}), expected {exp.statuses}")
            continue
        if exp.reason and exp.reason.lower() not in messages.lower():
            problems.append(f"{path}: reason {messages.strip()!r} lacks {exp.reason!r}")
        text = row.text or ""
        for needle in exp.contains:
            if needle not in text:
                problems.append(f"{path}: text lacks {needle[:30]!r}")
        for bad in exp.excludes:
            if bad in text:
                problems.append(f"{path}: text carries {bad!r}")
        if exp.encoding and row.encoding != exp.encoding:
            problems.append(f"{path}: encoding {row.encoding}, expected {exp.encoding}")
    assert not problems, "\n".join(problems)


def test_skipped_and_failed_files_have_readable_errors(hostile_run):
    _, _, _, docs, errors = hostile_run
    not_ok = docs[docs.status != "ok"]
    assert len(not_ok) >= 15
    for row in not_ok.itertuples():
        errs = errors[errors.doc_id == row.doc_id]
        assert len(errs) >= 1, row.source_path
        for e in errs.itertuples():
            assert e.stage and e.error_type and e.message, row.source_path
            assert "Traceback" not in e.message and len(e.message) < 500, e.message
            assert e.source_path == row.source_path
    # ok documents carry no error rows from ingest
    ok_ids = set(docs[docs.status == "ok"].doc_id)
    assert not set(errors[errors.stage == "ingest"].doc_id) & ok_ids


def test_stored_text_is_clean_and_offsets_hold(hostile_run):
    _, _, out, docs, _ = hostile_run
    ok = docs[docs.status == "ok"].set_index("doc_id")
    for text in ok.text:
        assert "\x00" not in text and "\u200b" not in text and "\r" not in text
    paras = pq.read_table(out / "paragraphs.parquet").to_pandas()
    assert set(paras.doc_id) == set(ok.index)
    for p in paras.itertuples():
        assert p.end - p.start <= MAX_PARAGRAPH_CHARS
        assert ok.text[p.doc_id][p.start:p.end] == p.text
    indicators = pq.read_table(out / "indicators.parquet").to_pandas()
    for i in indicators.itertuples():
        assert ok.text[i.doc_id][i.start:i.end] == i.text
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == len(docs)
    con.close()


def test_rerun_reuses_everything_and_exits_zero(hostile_run, cli):
    expected, _, out, docs, _ = hostile_run
    corpus = out.parent / "corpus"
    again = cli("run", "--input", corpus, "--output", out, "--stages", "indicators", "--workers", "2", "--no-progress")
    assert again.returncode == 0, again.stderr[-3000:]
    manifest = json.loads((out / "manifest.json").read_text())
    after = pq.read_table(out / "documents.parquet").to_pandas()
    if set(after.cache_key.dropna()) == set(docs.cache_key.dropna()):  # rules unchanged meanwhile
        # Unchanged files are reused, failed ones included (same bytes, same failure).
        assert manifest["counts"]["processed"] == 0
    assert sorted(zip(after.source_path, after.status)) == sorted(zip(docs.source_path, docs.status))
