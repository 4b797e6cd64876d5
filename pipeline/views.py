"""Dashboard views in warehouse.duckdb, with analysts' review decisions applied.

The writer calls :func:`create_views` after loading the contract tables. Review
decisions live in ``reviews.duckdb`` (see ``pipeline.review.store``); a snapshot
of them is copied into the ``reviews`` and ``review_log`` tables here, so the
views are as of the run (or the last ``review --sync-warehouse``), while the
review app itself always shows live decisions.
"""
from __future__ import annotations

import time
from pathlib import Path

import duckdb

from pipeline.review.schema import CORRECTABLE

_REVIEW_DDL = """
CREATE OR REPLACE TABLE {name} (
    indicator_id VARCHAR, seq BIGINT, status VARCHAR,
    value DOUBLE, value_high DOUBLE, unit VARCHAR, subject VARCHAR, period VARCHAR,
    qualifier VARCHAR, kind VARCHAR, forecast BOOLEAN,
    corrected_fields VARCHAR[], note VARCHAR, reviewer VARCHAR,
    reviewed_at TIMESTAMPTZ, run_id VARCHAR, extracted JSON, snapshot_at TIMESTAMPTZ
)"""
_REVIEW_SELECT = """
SELECT indicator_id, seq, status, value, value_high, unit, subject, period, qualifier,
       kind, forecast, corrected_fields, note, reviewer,
       CAST(reviewed_at AS TIMESTAMPTZ), run_id, CAST(extracted AS JSON), now()
FROM _reviews_src.review_log
"""
REQUIRED_TABLES = ("documents", "paragraphs", "indicators", "entities")
LOCK_RETRY_SECONDS = 30.0


def _attach_reviews(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Attach the review store read-only, waiting while the review app writes."""
    sql = "ATTACH '{}' AS _reviews_src (READ_ONLY)".format(str(path).replace("'", "''"))
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    delay = 0.02
    while True:
        try:
            con.execute(sql)
            return
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def load_reviews(con: duckdb.DuckDBPyConnection, reviews_path: Path | None) -> int:
    """(Re)create the ``reviews`` (current decision per indicator) and
    ``review_log`` (full history) tables from the store; returns the number of
    current decisions. A missing store gives empty tables."""
    for name in ("reviews", "review_log"):
        con.execute(_REVIEW_DDL.format(name=name))
    if reviews_path is None or not Path(reviews_path).exists():
        return 0
    _attach_reviews(con, Path(reviews_path))
    try:
        has_log = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = '_reviews_src' "
            "AND table_name = 'review_log'").fetchall()[0][0]
        if has_log:
            con.execute(f"INSERT INTO review_log {_REVIEW_SELECT}")
            con.execute(f"INSERT INTO reviews {_REVIEW_SELECT} "
                        "QUALIFY row_number() OVER (PARTITION BY indicator_id "
                        "ORDER BY seq DESC) = 1")
    finally:
        con.execute("DETACH _reviews_src")
    return con.execute("SELECT count(*) FROM reviews").fetchall()[0][0]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = current_schema() ORDER BY ordinal_position", [table]).fetchall()]


def create_views(con: duckdb.DuckDBPyConnection, reviews_path: Path | None) -> None:
    """Snapshot review decisions and (re)create the dashboard views.

    Views: ``indicators_reviewed``, ``indicator_series``, ``theme_mix``,
    ``entity_mentions``, ``review_progress``, ``review_orphans`` (columns in
    docs/review.md). Idempotent: safe to call again to refresh the snapshot.
    """
    missing = [t for t in REQUIRED_TABLES if not _columns(con, t)]
    if missing:
        raise ValueError(f"create_views needs tables {', '.join(missing)} in the warehouse")
    load_reviews(con, reviews_path)

    icols = _columns(con, "indicators")
    replaced = [f for f in CORRECTABLE if f in icols]
    replace = ", ".join(
        f"CASE WHEN list_contains(r.corrected_fields, '{f}') THEN r.{f} ELSE i.{f} END AS {f}"
        for f in replaced)
    con.execute(f"""
        CREATE OR REPLACE VIEW indicators_reviewed AS
        SELECT i.* {f'REPLACE ({replace})' if replace else ''},
               COALESCE(r.status, 'pending') AS review_status,
               r.reviewer AS reviewed_by,
               r.reviewed_at,
               COALESCE(r.corrected_fields, []::VARCHAR[]) AS corrected_fields,
               r.note AS review_note
        FROM indicators i
        LEFT JOIN reviews r ON r.indicator_id = i.indicator_id
        WHERE r.status IS DISTINCT FROM 'rejected'
    """)

    source = "source" if "source" in icols else "NULL::VARCHAR"
    forecast = "forecast" if "forecast" in icols else "NULL::BOOLEAN"
    con.execute(f"""
        CREATE OR REPLACE VIEW indicator_series AS
        SELECT subject, unit, kind, period,
               CASE length(period) WHEN 4 THEN 'year' WHEN 7 THEN 'month' ELSE 'day' END
                   AS period_grain,
               TRY_CAST(CASE length(period) WHEN 4 THEN period || '-01-01'
                                            WHEN 7 THEN period || '-01'
                                            ELSE period END AS DATE) AS period_start,
               value, value_high, qualifier, {forecast} AS forecast,
               count(*) AS mentions,
               count(DISTINCT doc_id) AS documents,
               COALESCE(list_sort(list_distinct(
                   list({source}) FILTER (WHERE {source} IS NOT NULL))), []::VARCHAR[])
                   AS sources,
               list_sort(list_distinct(list(doc_id))) AS doc_ids,
               list_sort(list(indicator_id)) AS indicator_ids,
               max(confidence) AS max_confidence,
               count(*) FILTER (WHERE review_status <> 'pending') AS reviewed_mentions
        FROM indicators_reviewed
        WHERE period IS NOT NULL AND subject IS NOT NULL AND value IS NOT NULL
        GROUP BY subject, unit, kind, period, value, value_high, qualifier, {forecast}
    """)

    dcols = _columns(con, "documents")
    ok = "WHERE status = 'ok'" if "status" in dcols else ""
    con.execute(f"""
        CREATE OR REPLACE VIEW theme_mix AS
        WITH docs AS (SELECT doc_id, themes FROM documents {ok}),
        d AS (SELECT theme, count(DISTINCT doc_id) AS documents
              FROM (SELECT doc_id, unnest(themes) AS theme FROM docs) GROUP BY theme),
        p AS (SELECT theme, count(*) AS paragraphs
              FROM (SELECT unnest(themes) AS theme FROM paragraphs) GROUP BY theme),
        i AS (SELECT theme, count(*) AS indicators
              FROM (SELECT unnest(themes) AS theme FROM indicators_reviewed) GROUP BY theme),
        tot AS (SELECT (SELECT count(*) FROM docs) AS docs,
                       (SELECT count(*) FROM paragraphs) AS paras)
        SELECT theme,
               COALESCE(d.documents, 0) AS documents,
               COALESCE(p.paragraphs, 0) AS paragraphs,
               COALESCE(i.indicators, 0) AS indicators,
               COALESCE(d.documents, 0) / NULLIF(tot.docs, 0) AS share_of_documents,
               COALESCE(p.paragraphs, 0) / NULLIF(tot.paras, 0) AS share_of_paragraphs
        FROM d FULL OUTER JOIN p USING (theme) FULL OUTER JOIN i USING (theme), tot
        ORDER BY documents DESC, theme
    """)

    ecols = _columns(con, "entities")
    canonical = "COALESCE(canonical, text)" if "canonical" in ecols else "text"
    con.execute(f"""
        CREATE OR REPLACE VIEW entity_mentions AS
        WITH e AS (
            SELECT {canonical} AS canonical, label, doc_id,
                   count(*) AS mentions,
                   list_sort(list_distinct(list(text))) AS surface_forms
            FROM entities GROUP BY ALL),
        t AS (SELECT doc_id, unnest(themes) AS theme FROM documents)
        SELECT e.canonical, e.label, e.doc_id, d.title, t.theme, e.mentions, e.surface_forms
        FROM e
        LEFT JOIN documents d ON d.doc_id = e.doc_id
        LEFT JOIN t ON t.doc_id = e.doc_id
    """)

    con.execute("""
        CREATE OR REPLACE VIEW review_progress AS
        SELECT COALESCE(r.status, 'pending') AS review_status, count(*) AS indicators
        FROM indicators i LEFT JOIN reviews r ON r.indicator_id = i.indicator_id
        GROUP BY ALL ORDER BY review_status
    """)
    con.execute("""
        CREATE OR REPLACE VIEW review_orphans AS
        SELECT r.* FROM reviews r
        WHERE NOT EXISTS (SELECT 1 FROM indicators i WHERE i.indicator_id = r.indicator_id)
    """)
