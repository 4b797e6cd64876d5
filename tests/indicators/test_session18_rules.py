"""Session-18 rule: a stretch of years that opens before 1900 sets no period.

YEAR_EXPR reads only 19xx and 20xx as years (a four-digit number before 1900 is as
often a count as a year), so in "从1826年到1975年" the closing year stood alone and was
carried to every later figure as if it were the article's period. Sentences written
here, not copied from a gold set.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("text", [
    "印刷工人从1450年到1950年，经过了500年才印出300亿册书。如今每天印刷200万册。",
    "电影从 1895 年到 1980 年经历了85年，才累计拍摄20万部影片。如今每天上线5000部短片。",
    "自1800年至1990年，全球共建成1200座剧院。如今每年新建300座。",
])
def test_a_stretch_opening_before_1900_dates_nothing(extract, text):
    assert {r.period for r in extract(text)} == {None}


def test_a_stretch_of_modern_years_is_unchanged(extract):
    rows = by_text(extract("从1990年到2020年，全球共建成1200座剧院。2021年新建300座。"))
    assert rows["1200座"].period is None and rows["300座"].period == "2021"
