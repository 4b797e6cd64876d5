"""Refresh the warehouse's review snapshot without a new run.

DuckDB allows one writing process per file: this fails (with a clear message)
while a dashboard or another tool holds warehouse.duckdb open for writing.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline import views
from pipeline.review.store import REVIEW_DB_NAME, swap_lock


def sync_warehouse(output_dir: Path) -> int:
    """Re-copy current decisions into ``warehouse.duckdb`` and recreate the views;
    returns the number of decisions copied."""
    output_dir = Path(output_dir)
    with swap_lock(output_dir):
        wh = output_dir / "warehouse.duckdb"
        if not wh.exists():
            raise FileNotFoundError(f"{wh} does not exist: run the pipeline first")
        try:
            con = duckdb.connect(str(wh))
        except duckdb.IOException as exc:
            raise RuntimeError(
                f"cannot open {wh} for writing (another process holds it; DuckDB allows "
                f"one writer): {exc}") from exc
        try:
            views.create_views(con, output_dir / REVIEW_DB_NAME)
            return con.execute("SELECT count(*) FROM reviews").fetchall()[0][0]
        finally:
            con.close()
