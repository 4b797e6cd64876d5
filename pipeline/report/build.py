"""Figures for the HTML report, computed with the warehouse's own view definitions.

The Parquet tables (not warehouse.duckdb, which a dashboard may hold open) are
loaded into an in-memory DuckDB and :func:`pipeline.views.create_views` is run
on them with the *live* review store, so the report uses the same definitions
as the dashboards but shows decisions as of now.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipeline import views
from pipeline.review.schema import KINDS
from pipeline.review.store import REVIEW_DB_NAME

TABLES = ("documents", "paragraphs", "indicators", "entities")
STATUSES = ("pending", "accepted", "corrected", "rejected")


@dataclass
class ReportData:
    run: dict[str, Any]
    generated: str
    counts: dict[str, int]
    review: dict[str, int]
    by_theme_kind: list[tuple[str, dict[str, int]]]
    by_kind: list[tuple[str, int]]
    top_subjects: list[tuple[str, int, int]]
    top_entities: list[tuple[str, str, int, int]]
    theme_mix: list[dict[str, Any]]
    series: list[dict[str, Any]] = field(default_factory=list)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def collect(output_dir: Path, top: int = 15) -> ReportData:
    """Read one output folder (call under the swap lock) and aggregate it."""
    con = duckdb.connect()
    try:
        for t in TABLES:
            path = output_dir / f"{t}.parquet"
            if not path.exists():
                raise FileNotFoundError(f"{path} not found: run the pipeline first")
            con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_parquet(?)", [str(path)])
        views.create_views(con, output_dir / REVIEW_DB_NAME)
        return _aggregate(con, output_dir, top)
    finally:
        con.close()


def _aggregate(con: duckdb.DuckDBPyConnection, output_dir: Path, top: int) -> ReportData:
    manifest: dict[str, Any] = {}
    mpath = output_dir / "manifest.json"
    if mpath.exists():
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
    status = dict(_rows(con, "SELECT status, count(*) FROM documents GROUP BY ALL"))
    counts = {
        "documents": sum(status.values()), "ok": status.get("ok", 0),
        "failed": status.get("failed", 0), "skipped": status.get("skipped", 0),
        "paragraphs": _rows(con, "SELECT count(*) FROM paragraphs")[0][0],
        "indicators": _rows(con, "SELECT count(*) FROM indicators")[0][0],
        "indicators_kept": _rows(con, "SELECT count(*) FROM indicators_reviewed")[0][0],
        "entities": _rows(con, "SELECT count(*) FROM entities")[0][0],
    }
    progress = dict(_rows(con, "SELECT * FROM review_progress"))
    review = {s: int(progress.get(s, 0)) for s in STATUSES}
    review["orphaned"] = _rows(con, "SELECT count(*) FROM review_orphans")[0][0]

    tk: dict[str, dict[str, int]] = {}
    for theme, kind, n in _rows(con, """
            SELECT COALESCE(theme, '(no theme)'), kind, count(*)
            FROM (SELECT kind, unnest(CASE WHEN len(themes) > 0 THEN themes
                                           ELSE [NULL::VARCHAR] END) AS theme
                  FROM indicators_reviewed)
            GROUP BY ALL"""):
        tk.setdefault(theme, {})[kind] = n
    by_theme_kind = sorted(tk.items(), key=lambda kv: -sum(kv[1].values()))
    by_kind = _rows(con, "SELECT kind, count(*) n FROM indicators_reviewed GROUP BY kind "
                         "ORDER BY n DESC, kind")
    top_subjects = _rows(con, f"""
        SELECT subject, count(*) n, count(DISTINCT doc_id) FROM indicators_reviewed
        WHERE subject IS NOT NULL GROUP BY subject ORDER BY n DESC, subject LIMIT {int(top)}""")
    top_entities = _rows(con, f"""
        SELECT canonical, label, sum(mentions) n, count(DISTINCT doc_id) docs
        FROM (SELECT DISTINCT canonical, label, doc_id, mentions FROM entity_mentions)
        GROUP BY ALL ORDER BY docs DESC, n DESC, canonical LIMIT {int(top)}""")
    cur = con.execute("SELECT * FROM theme_mix")
    names = [d[0] for d in cur.description]
    mix = [dict(zip(names, row)) for row in cur.fetchall()]
    series = [
        {"subject": s, "unit": u, "kind": k, "points": [(p["period"], p["value"]) for p in pts]}
        for s, u, k, _, pts in _rows(con, f"""
        SELECT subject, unit, kind, count(DISTINCT period) AS periods,
               list(struct_pack(period := period, value := value) ORDER BY period) AS points
        FROM (SELECT DISTINCT subject, unit, kind, period, value FROM indicator_series
              WHERE forecast IS NOT TRUE)
        GROUP BY ALL HAVING count(DISTINCT period) > 1
        ORDER BY periods DESC, subject LIMIT {int(top)}""")]
    return ReportData(
        run=manifest, generated=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        counts={k: int(v) for k, v in counts.items()}, review=review,
        by_theme_kind=by_theme_kind, by_kind=[(k, int(n)) for k, n in by_kind],
        top_subjects=[(s, int(n), int(d)) for s, n, d in top_subjects],
        top_entities=[(c, lbl, int(n), int(d)) for c, lbl, n, d in top_entities],
        theme_mix=mix, series=series)


def kinds_present(data: ReportData) -> list[str]:
    seen = {k for _, kinds in data.by_theme_kind for k in kinds}
    return [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))
