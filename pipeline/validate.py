"""Schema validation of the staged tables before they are published.

Dashboards depend on the contract, so a run whose tables break it fails with
a clear message instead of publishing.  Tables are checked batch by batch
(pandera on pandas frames) to keep memory flat on large corpora.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandera.pandas as pa_pd
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


def validate_folder(folder: Path, batch_rows: int = 50_000) -> None:
    """Raise SchemaViolation naming the table, column and a failing value."""
    for table in TABLES:
        path = folder / f"{table}.parquet"
        pf = pq.ParquetFile(path)
        if pf.schema_arrow != arrow_schema(table):
            raise SchemaViolation(f"{table}: Arrow schema differs from the contract:\n{pf.schema_arrow}")
        schema = _pandera_schema(table)
        for batch in pf.iter_batches(batch_size=batch_rows):
            frame = batch.to_pandas()
            try:
                schema.validate(frame, lazy=True)
            except pa_pd.errors.SchemaErrors as exc:
                cases = exc.failure_cases.head(5).to_dict("records")
                raise SchemaViolation(f"{table}: {len(exc.failure_cases)} contract violations, e.g. {cases}") from None
        # Offsets must stay inside the text they point into.
        if table in ("paragraphs", "indicators", "entities"):
            for batch in pf.iter_batches(batch_size=batch_rows, columns=["start", "end"]):
                s, e = batch.column("start").to_pylist(), batch.column("end").to_pylist()
                if any(a > b for a, b in zip(s, e)):
                    raise SchemaViolation(f"{table}: a row has start > end")
