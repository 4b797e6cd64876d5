"""What a review decision may contain, validated once at the API boundary.

The enums and the period format are the ones of ``shared/spec/annotations.md``;
a correction that does not satisfy them would poison the warehouse views, so it
is refused with a 4xx before it reaches the store.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["accepted", "rejected", "corrected"]
Qualifier = Literal["eq", "gt", "ge", "lt", "le", "approx"]
Kind = Literal["level", "growth", "change", "share", "multiple", "limit"]

STATUSES: tuple[str, ...] = ("accepted", "rejected", "corrected")
QUALIFIERS: tuple[str, ...] = ("eq", "gt", "ge", "lt", "le", "approx")
KINDS: tuple[str, ...] = ("level", "growth", "change", "share", "multiple", "limit")

#: Fields an analyst may correct, in display order.
CORRECTABLE: tuple[str, ...] = (
    "value", "value_high", "unit", "subject", "period", "qualifier", "kind", "forecast",
)

_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_period(period: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real month/day."""
    if not _PERIOD.match(period):
        raise ValueError("period must be YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in period.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise ValueError(f"period {period!r}: month must be 01-12")
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            raise ValueError(f"period {period!r} is not a calendar date") from None
    return period


class ReviewIn(BaseModel):
    """Body of ``POST /api/indicators/{id}/review``.

    Corrected fields are only allowed with status ``corrected``; which of them
    were sent is kept (``model_fields_set``) so an explicit ``null`` (e.g. "this
    figure names no unit") differs from "not corrected".
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: Status
    value: float | None = None
    value_high: float | None = None
    unit: str | None = Field(default=None, max_length=40)
    subject: str | None = Field(default=None, max_length=200)
    period: str | None = None
    qualifier: Qualifier | None = None
    kind: Kind | None = None
    forecast: bool | None = None
    note: str | None = Field(default=None, max_length=2000)
    reviewer: str | None = Field(default=None, max_length=80)

    @field_validator("value", "value_high")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v

    @field_validator("period")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        return None if v in (None, "") else check_period(v)

    @field_validator("unit", "note", "reviewer")
    @classmethod
    def _blank_is_null(cls, v: str | None) -> str | None:
        return v or None

    @model_validator(mode="after")
    def _fields_match_status(self) -> "ReviewIn":
        sent = self.corrections()
        if self.status == "corrected":
            if not sent:
                raise ValueError("status 'corrected' needs at least one corrected field: "
                                 + ", ".join(CORRECTABLE))
            if "subject" in sent and not self.subject:
                raise ValueError("subject cannot be empty")
            for f in ("value", "qualifier", "kind", "forecast"):
                if f in sent and getattr(self, f) is None:
                    raise ValueError(f"{f} cannot be null")
        elif sent:
            raise ValueError(f"corrected fields ({', '.join(sorted(sent))}) are only "
                             "allowed with status 'corrected'")
        return self

    def corrections(self) -> dict[str, object]:
        """The corrected fields actually sent, with their values."""
        return {f: getattr(self, f) for f in CORRECTABLE if f in self.model_fields_set}


class BulkAcceptIn(BaseModel):
    """Body of ``POST /api/bulk-accept``: accept every *pending* indicator that
    matches the filters (all pages; decided rows are never overwritten).

    ``expected`` is the pending count the page showed the analyst; if the filter
    now matches a different number (a new run, another reviewer) the request is
    refused with 409 instead of accepting rows nobody looked at."""

    model_config = ConfigDict(extra="forbid")

    filters: dict[str, str | float | int | None] = Field(default_factory=dict)
    expected: int | None = Field(default=None, ge=0)
    reviewer: str | None = Field(default=None, max_length=80)
