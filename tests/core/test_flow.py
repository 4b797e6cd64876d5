"""The flow end to end on small temporary corpora (analysis stages off:
their own tests cover them; here the spine is under test)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.config import RunConfig
from pipeline.flow import pipeline_flow, task_runner_for
from pipeline.outputs_lock import OutputLocked, run_lock
from pipeline.tables import TABLES

from tests.support.docgen import make_docx, make_pdf


@pytest.fixture(scope="module", autouse=True)
def harness(prefect_api):
    yield


@pytest.fixture
def corpus(tmp_path, repo) -> Path:
    root = tmp_path / "corpus"
    (root / "seed").mkdir(parents=True)
    shutil.copy(repo / "corpus" / "seed" / "shiting-chuhai.txt", root / "seed")
    enc = repo / "corpus" / "pool" / "encodings"
    (root / "enc").mkdir()
    for f in sorted(enc.iterdir())[:2]:
        shutil.copy(f, root / "enc" / f.name)
    (root / "web.html").write_text("<html><body><nav>导航</nav><p>网络视听用户规模达10.99亿。</p>"
                                   "<script>evil()</script></body></html>", encoding="utf-8")
    (root / "report.docx").write_bytes(make_docx(["微短剧累计约15万部。"], title="报告"))
    (root / "chart.pdf").write_bytes(make_pdf(["车载音乐市场规模达350.8亿元。"]))
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (root / "notes.xlsx").write_bytes(b"PK")
    (root / "blank.txt").write_text("   \n\n ", encoding="utf-8")
    return root


def run(corpus: Path, out: Path, runner: str = "sequential", **kw):
    config = RunConfig(input_dir=corpus, output_dir=out, runner=runner, stages=(), progress=False, workers=2, **kw)
    return pipeline_flow.with_options(task_runner=task_runner_for(config))(config)


def table(out: Path, name: str):
    return pq.read_table(out / f"{name}.parquet").to_pandas()


def test_run_writes_every_contract_table(corpus, tmp_path):
    out = tmp_path / "outputs"
    summary = run(corpus, out)
    for name, cols in TABLES.items():
        t = pq.read_table(out / f"{name}.parquet")
        assert t.column_names == [c.name for c in cols], name
    docs = table(out, "documents").set_index("doc_id")
    assert summary.documents == len(docs) == 9
    assert docs.loc["seed/shiting-chuhai", "status"] == "ok"
    assert "全域传播网络，显著提升" in docs.loc["seed/shiting-chuhai", "text"]
    assert docs.loc["report", "status"] == "ok" and docs.loc["report", "title"] == "报告"
    assert "350.8亿元" in docs.loc["chart", "text"]
    assert docs.loc["web", "text"] == "网络视听用户规模达10.99亿。"
    assert docs.loc["broken", "status"] == "failed"
    assert docs.loc["notes", "status"] == "skipped"
    assert docs.loc["blank", "status"] == "skipped"
    assert set(docs.loc[[d for d in docs.index if d.startswith("enc/gb18030")], "encoding"]) <= {"gb18030"}
    errors = table(out, "errors")
    assert set(errors["doc_id"]) >= {"broken", "notes", "blank"}
    assert errors.set_index("doc_id").loc["broken", "stage"] == "ingest"
    paras = table(out, "paragraphs")
    seed = docs.loc["seed/shiting-chuhai", "text"]
    for row in paras[paras.doc_id == "seed/shiting-chuhai"].itertuples():
        assert seed[row.start:row.end] == row.text
    terms = table(out, "terms")
    assert "网络视听" in set(terms[terms.doc_id == "seed/shiting-chuhai"].term)
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 9
    import json

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["processed"] == 8 and manifest["counts"]["reused"] == 0
    assert manifest["versions"]["libraries"]["jieba"]
    phases = manifest["phase_seconds"]
    assert {"plan", "copy_reused", "process", "warehouse", "validate"} <= set(phases)
    assert all(v >= 0 for v in phases.values()) and sum(phases.values()) <= manifest["seconds"]


def test_incremental_rerun(corpus, tmp_path):
    out = tmp_path / "outputs"
    first = run(corpus, out)
    before = {name: table(out, name).sort_values(list(table(out, name).columns[:3])).reset_index(drop=True)
              for name in TABLES}
    second = run(corpus, out)
    assert second.processed == 0 and second.reused == first.processed == 8
    assert (second.ok, second.failed, second.skipped) == (first.ok, first.failed, first.skipped)
    for name in TABLES:
        after = table(out, name).sort_values(list(before[name].columns[:3])).reset_index(drop=True)
        drop = [c for c in ("run_id",) if c in after.columns]
        assert after.drop(columns=drop).astype(str).equals(before[name].drop(columns=drop).astype(str)), name
    # one changed, one removed file
    (corpus / "web.html").write_text("<html><body><p>网络视听用户规模达11亿。</p></body></html>", encoding="utf-8")
    (corpus / "report.docx").unlink()
    third = run(corpus, out)
    assert third.processed == 1
    docs = table(out, "documents").set_index("doc_id")
    assert "report" not in docs.index
    assert docs.loc["web", "text"] == "网络视听用户规模达11亿。"
    assert len(table(out, "paragraphs").query("doc_id == 'seed/shiting-chuhai'")) > 10


def test_unchanged_corpus_reuses_the_published_tables(tmp_path, repo):
    corpus, out = tmp_path / "clean", tmp_path / "outputs"
    (corpus / "seed").mkdir(parents=True)
    shutil.copy(repo / "corpus" / "seed" / "shiting-chuhai.txt", corpus / "seed")
    (corpus / "a.txt").write_text("网络视听用户规模达10.99亿人。", encoding="utf-8")
    first = run(corpus, out)
    assert (first.processed, first.reused) == (2, 0)
    inodes = {name: (out / f"{name}.parquet").stat().st_ino for name in TABLES}
    first_manifest = __import__("json").loads((out / "manifest.json").read_text())
    second = run(corpus, out)
    assert (second.processed, second.reused, second.ok) == (0, 2, 2)
    assert second.indicators == first.indicators and second.entities == first.entities
    # the same files (hard links), a new run in the manifest, a rebuilt warehouse
    assert {name: (out / f"{name}.parquet").stat().st_ino for name in TABLES} == inodes
    manifest = __import__("json").loads((out / "manifest.json").read_text())
    assert manifest["run_id"] != first_manifest["run_id"]
    assert manifest["counts"]["rows"] == first_manifest["counts"]["rows"]
    assert "process" not in manifest["phase_seconds"]
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2
    con.close()
    # any change goes through the normal path again
    (corpus / "b.txt").write_text("微短剧累计约15万部。", encoding="utf-8")
    third = run(corpus, out)
    assert (third.processed, third.reused) == (1, 2)
    assert (out / "documents.parquet").stat().st_ino != inodes["documents"]
    assert len(table(out, "documents")) == 3


def test_tables_of_another_schema_are_not_linked(tmp_path):
    import pyarrow as pa

    from pipeline.outputs import link_unchanged

    prev, staging = tmp_path / "prev", tmp_path / "staging"
    prev.mkdir()
    for name in TABLES:
        pq.write_table(pa.table({"doc_id": pa.array(["x"])}), prev / f"{name}.parquet")
    assert link_unchanged(prev, staging) is None
    assert not staging.exists() or not any(staging.iterdir())


def test_failed_run_leaves_previous_outputs(corpus, tmp_path, monkeypatch):
    out = tmp_path / "outputs"
    run(corpus, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import pipeline.flow as flow_module

    def explode(folder):
        raise RuntimeError("disk full")

    monkeypatch.setattr(flow_module, "validate_folder", explode)
    (corpus / "new.txt").write_text("新增文档。", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        run(corpus, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    monkeypatch.undo()
    run(corpus, out)
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]
    assert "new" in set(table(out, "documents").doc_id)


def test_reviews_survive_publication(corpus, tmp_path):
    out = tmp_path / "outputs"
    run(corpus, out)
    con = duckdb.connect(str(out / "reviews.duckdb"))
    con.execute("create table t(x int); insert into t values (42)")
    con.close()
    (out / "bench.json").write_text("{}")
    (out / "notes").mkdir()
    (out / "notes" / "todo.txt").write_text("keep me")
    run(corpus, out, incremental=False)
    con = duckdb.connect(str(out / "reviews.duckdb"), read_only=True)
    assert con.execute("select x from t").fetchone()[0] == 42
    assert (out / "bench.json").read_text() == "{}"
    assert (out / "notes" / "todo.txt").read_text() == "keep me"


def test_second_run_is_refused_while_locked(corpus, tmp_path):
    out = tmp_path / "outputs"
    with run_lock(out):
        with pytest.raises(OutputLocked, match="another run"):
            run(corpus, out)


@pytest.mark.slow
@pytest.mark.parametrize("runner", ["local", "dask"])
def test_parallel_runners_match_sequential(corpus, tmp_path, runner):
    seq, par = tmp_path / "seq", tmp_path / "par"
    run(corpus, seq)
    run(corpus, par, runner=runner)
    for name in TABLES:
        a = table(seq, name).drop(columns=[c for c in ("run_id",) if c in table(seq, name).columns])
        b = table(par, name).drop(columns=[c for c in ("run_id",) if c in table(par, name).columns])
        key = [c for c in ("doc_id", "para_no", "term", "start", "stage") if c in a.columns]
        a = a.sort_values(key).reset_index(drop=True).astype(str)
        b = b.sort_values(key).reset_index(drop=True).astype(str)
        assert a.equals(b), name


def test_schema_violation_publishes_nothing(corpus, tmp_path, monkeypatch):
    out = tmp_path / "outputs"
    run(corpus, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import pipeline.worker as worker_module
    from pipeline.validate import SchemaViolation

    real = worker_module.process_batch

    def bad_rows(batch, run_id, cache_key, stage_names):
        result = real(batch, run_id, cache_key, stage_names)
        for row in result.rows["paragraphs"]:
            row["start"], row["end"] = row["end"] + 1, row["start"]
        return result

    monkeypatch.setattr(worker_module, "process_batch", bad_rows)
    with pytest.raises(SchemaViolation, match="start > end"):
        run(corpus, out, incremental=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
