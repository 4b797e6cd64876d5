"""Warehouse views with review decisions applied (pipeline.views)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipeline.review.app import main
from pipeline.review.store import REVIEW_DB_NAME, ReviewStore
from pipeline.views import create_views

from review_fixtures import DOCS, build_tables


def warehouse(output_dir: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(output_dir / "warehouse.duckdb"))


@pytest.fixture
def reviewed(output_dir, indicators_by_text) -> dict[str, str]:
    store = ReviewStore(output_dir)
    ids = {t: indicators_by_text[t]["indicator_id"] for t in ("11.25亿人", "80.1%", "35%", "2.1亿人")}
    store.record(ids["11.25亿人"], "accepted", reviewer="a", extracted=indicators_by_text["11.25亿人"])
    store.record(ids["80.1%"], "rejected", reviewer="a", extracted=indicators_by_text["80.1%"])
    store.record(ids["35%"], "accepted", reviewer="a", extracted=indicators_by_text["35%"])
    store.record(ids["35%"], "corrected", reviewer="b", extracted=indicators_by_text["35%"],
                 corrections={"value": 36.0, "period": "2024"})
    # corrected in an earlier run, gone from this one
    store.record("old-indicator", "accepted", reviewer="a", extracted={"text": "9亿人"})
    return ids


def test_indicators_reviewed_applies_decisions(output_dir, reviewed, indicators_by_text) -> None:
    con = warehouse(output_dir)
    create_views(con, output_dir / REVIEW_DB_NAME)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT indicator_id, review_status, value, period, subject, reviewed_by, "
        "corrected_fields FROM indicators_reviewed").fetchall()}
    assert reviewed["80.1%"] not in rows  # rejected removed
    assert len(rows) == len(indicators_by_text) - 1
    assert rows[reviewed["35%"]][:5] == ("corrected", 36.0, "2024", "微短剧市场规模", "b")
    assert sorted(rows[reviewed["35%"]][5]) == ["period", "value"]
    assert rows[reviewed["11.25亿人"]][0] == "accepted"
    assert rows[reviewed["2.1亿人"]][0] == "pending"
    # the contract columns are all still there, in order, before the review columns
    icols = [r[0] for r in con.execute("DESCRIBE indicators").fetchall()]
    rcols = [r[0] for r in con.execute("DESCRIBE indicators_reviewed").fetchall()]
    assert rcols[: len(icols)] == icols
    orphans = con.execute("SELECT indicator_id FROM review_orphans").fetchall()
    assert orphans == [("old-indicator",)]
    progress = dict(con.execute("SELECT * FROM review_progress").fetchall())
    assert progress == {"accepted": 1, "rejected": 1, "corrected": 1,
                        "pending": len(indicators_by_text) - 3}
    history = con.execute("SELECT count(*) FROM review_log").fetchall()[0][0]
    assert history == 5


def test_indicator_series_groups_points_with_sources(output_dir, reviewed) -> None:
    con = warehouse(output_dir)
    create_views(con, output_dir / REVIEW_DB_NAME)
    rows = con.execute(
        "SELECT subject, period, period_grain, period_start, value, mentions, sources, doc_ids "
        "FROM indicator_series ORDER BY subject, period_start").fetchall()
    want = Counter((i.subject, i.period) for d in DOCS for i in d.indicators
                   if i.period and i.text != "80.1%")  # rejected one is out
    want.pop(("微短剧市场规模", "2025"))
    want.update({("微短剧市场规模", "2024"): 1, ("微短剧市场规模", "2025"): 1})  # 35% moved
    got: Counter = Counter()
    for r in rows:
        got[(r[0], r[1])] += r[5]
    assert got == want
    users = next(r for r in rows if r[0] == "网民规模")
    assert users[2:5] == ("month", __import__("datetime").date(2025, 12, 1), 1.125e9)
    assert users[6] == ["中国互联网络发展状况统计报告"] and users[7] == ["seed/report"]
    assert all(r[1] is not None for r in rows)


def test_theme_mix_counts_documents_and_paragraphs(output_dir) -> None:
    con = warehouse(output_dir)
    create_views(con, None)
    got = {r[0]: r[1:] for r in con.execute(
        "SELECT theme, documents, paragraphs, indicators, share_of_documents FROM theme_mix"
    ).fetchall()}
    tables = build_tables(DOCS, "x")
    for theme in ("forms", "multi_screen", "governance"):
        docs = sum(theme in d["themes"] for d in tables["documents"])
        paras = sum(theme in (p["themes"] or []) for p in tables["paragraphs"])
        inds = sum(theme in i["themes"] for i in tables["indicators"])
        assert got[theme] == (docs, paras, inds, docs / len(tables["documents"]))
    assert "tech" not in got


def test_entity_mentions_merge_aliases_by_canonical(output_dir) -> None:
    con = warehouse(output_dir)
    create_views(con, None)
    rows = con.execute(
        "SELECT doc_id, theme, mentions, surface_forms FROM entity_mentions "
        "WHERE canonical = '国家广播电视总局'").fetchall()
    assert rows == [("pool/policy", "governance", 2, ["国家广播电视总局", "广电总局"])]
    per_theme = con.execute(
        "SELECT theme, count(DISTINCT doc_id) FROM entity_mentions WHERE canonical = '抖音' "
        "GROUP BY theme ORDER BY theme").fetchall()
    assert per_theme == [("forms", 1), ("multi_screen", 1)]


def test_create_views_needs_the_contract_tables(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    with pytest.raises(ValueError, match="indicators"):
        create_views(con, None)


def test_sync_warehouse_refreshes_the_snapshot(output_dir, indicators_by_text, capsys) -> None:
    ind = indicators_by_text["3亿人"]
    ReviewStore(output_dir).record(ind["indicator_id"], "rejected", reviewer="a", extracted=ind)
    con = warehouse(output_dir)
    assert con.execute("SELECT count(*) FROM reviews").fetchall()[0][0] == 0  # as of the run
    con.close()
    assert main(["--output", str(output_dir), "--sync-warehouse"]) == 0
    assert "1 decisions" in capsys.readouterr().out
    con = warehouse(output_dir)
    n = con.execute("SELECT count(*) FROM indicators_reviewed WHERE indicator_id = ?",
                    [ind["indicator_id"]]).fetchall()[0][0]
    assert n == 0


def test_sync_warehouse_without_a_run_fails_clearly(tmp_path, capsys) -> None:
    assert main(["--output", str(tmp_path / "nothing"), "--sync-warehouse"]) == 1
    assert "run the pipeline first" in capsys.readouterr().err


def test_snapshot_waits_while_another_process_writes_the_store(output_dir,
                                                               indicators_by_text) -> None:
    import subprocess
    import sys
    import time

    ind = indicators_by_text["11.25亿人"]
    ReviewStore(output_dir).record(ind["indicator_id"], "accepted", reviewer="a", extracted=ind)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(1.0); c.close()", str(output_dir / REVIEW_DB_NAME)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        con = warehouse(output_dir)
        create_views(con, output_dir / REVIEW_DB_NAME)
        assert time.monotonic() - t0 > 0.3  # it waited for the lock instead of failing
        assert con.execute("SELECT indicator_id, status FROM reviews").fetchall() == [
            (ind["indicator_id"], "accepted")]
    finally:
        holder.wait(10)
