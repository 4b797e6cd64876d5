"""Filtering, ordering and paging of the review queue.

One function serves the HTML page, the JSON API, bulk accept and the exports,
so "the filtered view" means the same rows everywhere.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

from pipeline.review.schema import CORRECTABLE
from pipeline.review.store import Decision

STATUS_FILTERS = ("pending", "reviewed", "accepted", "rejected", "corrected", "all")
SORTS = ("confidence", "-confidence", "document")
NO_UNIT = "(none)"
MAX_PER_PAGE = 500


class FilterError(ValueError):
    """A filter parameter that cannot be understood (→ HTTP 422)."""


@dataclass(frozen=True)
class Filters:
    doc_id: str = ""
    theme: str = ""
    subject: str = ""
    unit: str = ""
    period: str = ""
    status: str = "pending"
    conf_min: float | None = None
    conf_max: float | None = None
    sort: str = "confidence"

    @classmethod
    def parse(cls, params: Mapping[str, Any]) -> "Filters":
        """From query parameters / JSON; unknown keys are ignored, bad values refused."""
        kw: dict[str, Any] = {}
        for f in fields(cls):
            v = params.get(f.name)
            if v is None or v == "":
                continue
            if f.name in ("conf_min", "conf_max"):
                try:
                    x = float(v)
                except (TypeError, ValueError):
                    raise FilterError(f"{f.name} must be a number between 0 and 1") from None
                if not (math.isfinite(x) and 0.0 <= x <= 1.0):
                    raise FilterError(f"{f.name} must be a number between 0 and 1")
                kw[f.name] = x
            else:
                kw[f.name] = str(v).strip()
        out = cls(**kw)
        if out.status not in STATUS_FILTERS:
            raise FilterError(f"status must be one of {', '.join(STATUS_FILTERS)}")
        if out.sort not in SORTS:
            raise FilterError(f"sort must be one of {', '.join(SORTS)}")
        if out.conf_min is not None and out.conf_max is not None and out.conf_min > out.conf_max:
            raise FilterError("conf_min is above conf_max")
        return out

    def params(self) -> dict[str, str]:
        """Non-default values as query parameters (for links and exports)."""
        default = Filters()
        return {k: ("" if v is None else str(v)) for k, v in asdict(self).items()
                if v != getattr(default, k)}


def with_decisions(ind: pd.DataFrame, decisions: Mapping[str, Decision]) -> pd.DataFrame:
    """Indicators plus review_status, reviewer, reviewed_at and the final_* fields
    (extracted values with corrections applied)."""
    df = ind.copy()
    dec = [decisions.get(i) for i in df["indicator_id"]]
    df["review_status"] = [d.status if d else "pending" for d in dec]
    df["reviewer"] = [d.reviewer if d else None for d in dec]
    df["reviewed_at"] = [d.reviewed_at if d else None for d in dec]
    df["note"] = [d.note if d else None for d in dec]
    df["corrected_fields"] = [list(d.corrected_fields) if d else [] for d in dec]
    for f in CORRECTABLE:
        base = df[f].tolist() if f in df else [None] * len(df)
        df["final_" + f] = [
            getattr(d, f) if d is not None and f in d.corrected_fields else b
            for d, b in zip(dec, base)
        ]
    return df


def apply(df: pd.DataFrame, flt: Filters) -> pd.DataFrame:
    """Rows matching the filters, ordered (lowest confidence first by default)."""
    m = pd.Series(True, index=df.index)
    if flt.doc_id:
        m &= df["doc_id"] == flt.doc_id
    if flt.theme:
        m &= df["themes"].map(lambda ts: flt.theme in ts)
    if flt.subject:
        needle = flt.subject.casefold()
        m &= df["subject"].map(lambda s: isinstance(s, str) and needle in s.casefold())
    if flt.unit:
        m &= df["unit"].isna() if flt.unit == NO_UNIT else df["unit"] == flt.unit
    if flt.period:
        m &= df["period"].map(lambda p: isinstance(p, str) and p.startswith(flt.period))
    if flt.status == "reviewed":
        m &= df["review_status"] != "pending"
    elif flt.status != "all":
        m &= df["review_status"] == flt.status
    conf = df["confidence"]
    if flt.conf_min is not None:
        m &= conf >= flt.conf_min
    if flt.conf_max is not None:
        m &= conf <= flt.conf_max
    out = df[m]
    if flt.sort == "document":
        return out.sort_values(["doc_id", "start", "indicator_id"], kind="stable")
    asc = flt.sort == "confidence"
    return out.sort_values(["confidence", "doc_id", "start", "indicator_id"],
                           ascending=[asc, True, True, True], na_position="first",
                           kind="stable")


def page(df: pd.DataFrame, page_no: int, per_page: int) -> tuple[pd.DataFrame, int]:
    """The requested page (1-based, clamped) and the page count."""
    if per_page < 1 or per_page > MAX_PER_PAGE:
        raise FilterError(f"per_page must be between 1 and {MAX_PER_PAGE}")
    if page_no < 1:
        raise FilterError("page must be 1 or more")
    pages = max(1, math.ceil(len(df) / per_page))
    p = min(page_no, pages)
    return df.iloc[(p - 1) * per_page : p * per_page], pages


def options(df: pd.DataFrame) -> dict[str, list[str]]:
    """Distinct values for the filter drop-downs."""
    def distinct(col: str) -> list[str]:
        return sorted({v for v in df[col].dropna().tolist() if isinstance(v, str)}) \
            if col in df else []
    themes = sorted({t for ts in df["themes"] for t in ts}) if len(df) else []
    units = distinct("unit")
    if len(df) and df["unit"].isna().any():
        units.append(NO_UNIT)
    periods = sorted({p[:4] for p in distinct("period")} | set(distinct("period")))
    return {"doc_id": distinct("doc_id"), "theme": themes, "unit": units,
            "period": periods}


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
    if isinstance(v, list):
        return [_clean(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def row_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A DataFrame row as plain JSON-able Python values."""
    return {k: _clean(v) for k, v in row.items()}
