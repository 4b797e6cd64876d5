"""Schema validation of the staged tables before they are published.

Dashboards depend on the contract, so a run whose tables break it fails with
a clear message instead of publishing.  Tables are checked batch by batch
(pandera on pandas frames) to keep memory flat on large corpora: the
writer checks each batch of new rows before it is written.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandera.pandas as pa_pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .tables import TABLES, arrow_schema


class SchemaViolation(RuntimeError):
    """A staged table does not satisfy the output contract."""


@lru_cache(maxsize=None)
def _pandera_schema(table: str) -> pa_pd.DataFrameSchema:
    columns = {}
    for col in TABLES[table]:
        checks = [pa_pd.Check.isin(list(col.allowed))] if col.allowed else []
        if col.name in ("value", "value_high"):
            checks.append(pa_pd.Check(lambda s: ~s.isin([float("inf"), float("-inf")]), error="finite"))
        if col.name == "confidence" or col.name.startswith("score_"):
            checks.append(pa_pd.Check.in_range(0.0, 1.0))
        if col.name in ("start", "end", "para_no", "chars", "count"):
            checks.append(pa_pd.Check.ge(0))
        if col.name == "period":
            checks.append(pa_pd.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$"))
        columns[col.name] = pa_pd.Column(nullable=col.nullable, checks=checks, required=True)
    unique = {"documents": ["doc_id"], "paragraphs": ["doc_id", "para_no"],
              "indicators": ["indicator_id"], "terms": ["doc_id", "term"]}.get(table)
    return pa_pd.DataFrameSchema(columns, unique=unique, strict=True)


def validate_table(table: str, data: pa.Table) -> None:
    """Raise SchemaViolation naming the table, column and a failing value."""
    if data.schema != arrow_schema(table):
        raise SchemaViolation(f"{table}: Arrow schema differs from the contract:\n{data.schema}")
    if not data.num_rows:
        return
    try:
        _pandera_schema(table).validate(data.to_pandas(), lazy=True)
    except pa_pd.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(5).to_dict("records")
        raise SchemaViolation(f"{table}: {len(exc.failure_cases)} contract violations, e.g. {cases}") from None
    # Offsets must stay inside the text they point into.
    if "start" in data.column_names and pc.any(pc.greater(data["start"], data["end"])).as_py():
        raise SchemaViolation(f"{table}: a row has start > end")


def validate_folder(folder: Path, rows: bool = False, batch_rows: int = 50_000) -> None:
    """Check every table file's schema; with ``rows`` also every row.

    The run validates rows as it writes them (``TableWriter``), and rows reused
    from the previous outputs were validated when they were first written, so
    the run itself only needs the cheap file-level check here.
    """
    for table in TABLES:
        pf = pq.ParquetFile(folder / f"{table}.parquet")
        if pf.schema_arrow != arrow_schema(table):
            raise SchemaViolation(f"{table}: Arrow schema differs from the contract:\n{pf.schema_arrow}")
        if rows:
            for batch in pf.iter_batches(batch_size=batch_rows):
                validate_table(table, pa.Table.from_batches([batch], schema=pf.schema_arrow))
