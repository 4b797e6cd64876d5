"""Numeral parsing: Arabic, Chinese, mixed; agreement with cn2an on plain integers."""
from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.indicators.numerals import (cn2an_value, parse_arabic, parse_chinese, parse_chinese_int,
                                          parse_chinese_range, parse_number)


@pytest.mark.parametrize("text,value", [
    ("12,876.61", 12876.61), ("11. 72", 11.72), ("0.5", 0.5), ("1,000,000", 1e6),
])
def test_arabic(text, value):
    assert parse_arabic(text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", [
    ("一千二百万", 12_000_000), ("两", 2), ("五点三", 5.3), ("一亿二千万", 120_000_000), ("千", 1000),
    ("万", 10_000), ("十五", 15), ("两万三", 23_000), ("三千五", 3500), ("一百零五", 105), ("二〇二五", 2025),
    ("五十万亿", 5e13), ("一万零五百", 10_500),
])
def test_chinese(text, value):
    assert parse_chinese(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "七八", "十十", "点", "一点", "万万万万一"])
def test_malformed_chinese_is_none_not_error(text):
    v = parse_chinese(text)
    assert v is None or isinstance(v, float)


def test_ranges():
    assert parse_chinese_range("七八十万") == (700_000, 800_000)
    assert parse_chinese_range("三四百") == (300, 400)
    assert parse_chinese_range("三五") is None


def test_mixed_and_equivalence():
    assert parse_number("3千万") == 30_000_000
    assert parse_number("1.2万亿") == pytest.approx(1.2e12)
    assert parse_number("1.2亿") == parse_number("120000000") == parse_number("一亿二千万") == 120_000_000


def test_cn2an_wrapper_never_raises():
    assert cn2an_value("七八十万") is None
    assert cn2an_value("一千二百万") == 12_000_000


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_agrees_with_cn2an(n):
    text = cn2an.an2cn(n)
    assert parse_chinese_int(text) == n, text
