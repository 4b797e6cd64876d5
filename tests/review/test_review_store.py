"""Review store: current decision + append-only history, survives run swaps."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.outputs import publish
from pipeline.outputs_lock import swap_lock
from pipeline.review.store import REVIEW_DB_NAME, ReviewStore

from review_fixtures import DOCS, Doc, write_output


def test_reading_a_missing_store_creates_nothing(output_dir: Path) -> None:
    store = ReviewStore(output_dir)
    assert store.current() == {} and store.history() == []
    assert not (output_dir / REVIEW_DB_NAME).exists()


def test_latest_decision_wins_and_history_keeps_all(output_dir, indicators_by_text) -> None:
    store = ReviewStore(output_dir)
    ind = indicators_by_text["35%"]
    store.record(ind["indicator_id"], "accepted", reviewer="ana", extracted=ind)
    store.record(ind["indicator_id"], "corrected", reviewer="bo", extracted=ind,
                 corrections={"period": "2024", "unit": None})
    cur = store.current()[ind["indicator_id"]]
    assert cur.status == "corrected" and cur.reviewer == "bo"
    assert cur.corrected_fields == ("period", "unit")
    assert cur.period == "2024" and cur.unit is None
    # uncorrected fields keep the extracted values
    assert cur.subject == ind["subject"] and cur.value == ind["value"]
    assert cur.extracted["text"] == "35%"
    hist = store.history(ind["indicator_id"])
    assert [h.status for h in hist] == ["accepted", "corrected"]
    assert hist[0].seq < hist[1].seq
    # no WAL left behind between operations: the store is one file the run can move
    assert not (output_dir / (REVIEW_DB_NAME + ".wal")).exists()


def test_corrections_need_corrected_status(output_dir) -> None:
    with pytest.raises(ValueError):
        ReviewStore(output_dir).record("x", "accepted", reviewer="a", corrections={"unit": "元"})
    with pytest.raises(ValueError):
        ReviewStore(output_dir).record("x", "corrected", reviewer="a",
                                       corrections={"text": "1"})


def test_bulk_only_pending_never_overrides(output_dir, indicators_by_text) -> None:
    store = ReviewStore(output_dir)
    rejected = indicators_by_text["40集"]
    other = indicators_by_text["100万元"]
    store.record(rejected["indicator_id"], "rejected", reviewer="ana", extracted=rejected)
    done = store.record_many(
        [(r["indicator_id"], r) for r in (rejected, other)], "accepted", reviewer="bulk",
        only_pending=True)
    assert [d.indicator_id for d in done] == [other["indicator_id"]]
    cur = store.current()
    assert cur[rejected["indicator_id"]].status == "rejected"
    assert cur[other["indicator_id"]].status == "accepted"


def test_writes_wait_for_the_swap_lock(output_dir, indicators_by_text) -> None:
    ind = indicators_by_text["6亿人"]
    released_at: list[float] = []
    held = threading.Event()

    def hold() -> None:
        with swap_lock(output_dir):
            held.set()
            time.sleep(0.4)
            released_at.append(time.monotonic())

    t = threading.Thread(target=hold)
    t.start()
    held.wait(5)
    ReviewStore(output_dir).record(ind["indicator_id"], "accepted", reviewer="a", extracted=ind)
    written_at = time.monotonic()
    t.join()
    assert released_at and written_at >= released_at[0]


def test_decisions_survive_publication_of_a_new_run(tmp_path, output_dir,
                                                    indicators_by_text) -> None:
    store = ReviewStore(output_dir)
    kept, dropped = indicators_by_text["80.1%"], indicators_by_text["6亿人"]
    store.record(kept["indicator_id"], "accepted", reviewer="a", extracted=kept)
    store.record(dropped["indicator_id"], "rejected", reviewer="a", extracted=dropped)
    # next run: the web article no longer has the 6亿人 figure
    docs = [d if d.doc_id != "pool/web-article" else
            Doc(d.doc_id, d.raw.replace("其月活用户达6亿人，", "其月活用户较多，"), d.themes,
                [i for i in d.indicators if i.text != "6亿人"], d.entities)
            for d in DOCS]
    staging = write_output(tmp_path / ".outputs.staging-2", docs, run_id="run-2")
    publish(staging, output_dir)
    after = ReviewStore(output_dir)
    assert set(after.current()) == {kept["indicator_id"], dropped["indicator_id"]}
    import pyarrow.parquet as pq
    present = pq.read_table(output_dir / "indicators.parquet").column("indicator_id").to_pylist()
    assert [o.indicator_id for o in after.orphans(present)] == [dropped["indicator_id"]]
    assert pq.read_table(output_dir / "indicators.parquet").column("run_id")[0].as_py() == "run-2"


def test_store_schema_is_queryable_with_plain_duckdb(output_dir, indicators_by_text) -> None:
    ind = indicators_by_text["2.1亿人"]
    ReviewStore(output_dir).record(ind["indicator_id"], "accepted", reviewer="a", extracted=ind)
    con = duckdb.connect(str(output_dir / REVIEW_DB_NAME), read_only=True)
    try:
        assert con.execute("SELECT status FROM decisions").fetchall() == [("accepted",)]
    finally:
        con.close()
