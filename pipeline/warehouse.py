"""The DuckDB warehouse: the contract tables plus the dashboards' views."""
from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from .tables import TABLE_NAMES

log = logging.getLogger(__name__)
WAREHOUSE_FILE = "warehouse.duckdb"


def build_warehouse(folder: Path, reviews_path: Path | None = None) -> Path:
    """Load every table's Parquet file into ``warehouse.duckdb`` and add views."""
    path = folder / WAREHOUSE_FILE
    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        for name in TABLE_NAMES:
            parquet = (folder / f"{name}.parquet").as_posix().replace("'", "''")
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(\'{parquet}\')')
        try:
            from .views import create_views
        except ImportError:  # the views module is optional for the core run
            log.warning("pipeline.views not available: warehouse has tables only")
        else:
            create_views(con, reviews_path)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path
