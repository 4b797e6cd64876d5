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


@pytest.mark.parametrize("sentence, text, unit", [
    ("会员个人方案每月 78 元港币，此前为 68 元港币。", "78 元港币", "港元"),
    ("番石榴的门店价最高每颗20元港币。", "20元港币", "港元"),
    ("家庭方案每月 399 元新台币。", "399 元新台币", "新台币"),
    ("学生方案每月89元台币。", "89元台币", "新台币"),
    ("当前约 72 元人民币。", "72 元人民币", "元"),
])
def test_yuan_followed_by_a_currency_is_that_currency(extract, sentence, text, unit):
    """78元港币: 元 counts the currency written after it (annotations.md: 港币 -> 港元)."""
    row = by_text(extract(sentence))[text]
    assert row.unit == unit


@pytest.mark.parametrize("sentence, text, unit, value", [
    ("最大扭矩 250/290/390N・m。", "390N・m", "N・m", 390.0),
    ("WLTC 油耗 7.96L / 100km。", "7.96L / 100km", "L/100km", 7.96),
    ("他的体重为75KG。", "75KG", "KG", 75.0),
    ("测试共包含500道题。", "500道", "道", 500.0),
])
def test_units_written_the_way_web_text_writes_them(extract, sentence, text, unit, value):
    row = by_text(extract(sentence))[text]
    assert (row.unit, row.value) == (unit, value)


def test_a_quarterly_report_is_no_figure(extract):
    rows = extract("公司发布了2023财年三季报，营收达到20亿元。一季报显示净利润为3亿元。")
    assert sorted(r.text for r in rows) == ["20亿元", "3亿元"]
