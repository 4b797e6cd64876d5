"""Helpers: run the extractor on a text written in the test (strict: exceptions surface)."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.indicators import Indicator, IndicatorExtractor
from pipeline.indicators.simpledoc import build_document


def by_text(rows: list[Indicator]) -> dict[str, Indicator]:
    """Indicators keyed by their text span, for assertions on one figure."""
    return {r.text: r for r in rows}


@pytest.fixture(scope="session")
def extractor() -> IndicatorExtractor:
    return IndicatorExtractor(IndicatorExtractor.load().lex, strict=True)


@pytest.fixture(scope="session")
def extract(extractor):
    def run(text: str, published: dt.date | None = None) -> list[Indicator]:
        return extractor.extract(build_document("test/doc", text, published))
    return run


@pytest.fixture(scope="session")
def one(extract):
    """The single indicator of a text (fails if there is not exactly one)."""
    def run(text: str, published: dt.date | None = None) -> Indicator:
        rows = extract(text, published)
        assert len(rows) == 1, [(r.text, r.value) for r in rows]
        return rows[0]
    return run
