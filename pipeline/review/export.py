"""CSV and Excel exports of reviewed indicators.

Cells that a spreadsheet would evaluate as a formula (text from the web starting
with = + - @) are prefixed with an apostrophe: an exported article sentence must
never run as a formula in the analyst's Excel.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from pipeline.review.schema import CORRECTABLE

COLUMNS: tuple[str, ...] = (
    "indicator_id", "doc_id", "title", "para_no", "start", "end", "sentence", "text",
    "review_status", "reviewer", "reviewed_at", "corrected_fields", "note",
    *(f"final_{f}" for f in CORRECTABLE),
    *(f"extracted_{f}" for f in CORRECTABLE),
    "source", "themes", "confidence", "run_id",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def rows(records: Iterable[Mapping[str, Any]]) -> Iterable[list[Any]]:
    for r in records:
        out = []
        for c in COLUMNS:
            key = c[len("extracted_"):] if c.startswith("extracted_") else c
            out.append(_cell(r.get(key)))
        yield out


def to_csv(records: Iterable[Mapping[str, Any]]) -> bytes:
    """UTF-8 with BOM so Excel opens Chinese text correctly."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    w.writerows(rows(records))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(records: Iterable[Mapping[str, Any]]) -> bytes:
    """Streaming (write-only) workbook; every text cell is typed as a string."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("reviewed indicators")
    ws.freeze_panes = "A2"
    ws.append(list(COLUMNS))
    for r in rows(records):
        cells = []
        for v in r:
            cell = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cells.append(cell)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
