"""The row an analyst charts: one numeric indicator mention."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Indicator:
    para_no: int
    start: int            # offsets of `text` in CleanDocument.text, end exclusive
    end: int
    text: str             # surface span per annotations.md span conventions
    sentence: str         # the sentence containing it
    subject: str | None
    value: float          # base units (亿 = 1e8 ...; % as a number)
    value_high: float | None
    unit: str | None
    period: str | None    # YYYY / YYYY-MM / YYYY-MM-DD
    qualifier: str        # eq gt ge lt le approx
    kind: str             # level growth change share multiple limit
    forecast: bool
    source: str | None    # report/body the sentence cites, abbreviations resolved
    confidence: float     # 0-1, ranks doubtful rows for review

    def as_annotation(self) -> dict:
        """The gold-annotation form (annotations.md) used by the scorer."""
        d = asdict(self)
        return {k: d[k] for k in ("text", "subject", "value", "value_high", "unit", "period",
                                  "qualifier", "kind", "forecast")}
