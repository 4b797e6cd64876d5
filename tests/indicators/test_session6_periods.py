"""A year written straight onto a part of it (2023一季度, 2023上半年) is that year.

annotations.md "Period": quarters and half-years -> the year.  Business news drops 年
between the year and its part; the figure then takes the year, and 今年 elsewhere in the
same article resolves to it.  Sentences written here from the spec.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text", [
    ("某平台2023一季度营收达52亿元。", "52亿元"),
    ("报告显示，2023上半年网络视听用户规模达10.5亿人。", "10.5亿人"),
    ("公司2023 第二季度净利润为3.2亿元。", "3.2亿元"),
    ("行业2023前三季度出货量达1200万台。", "1200万台"),
])
def test_a_year_written_onto_its_part_dates_the_figure(extract, sentence, text):
    assert by_text(extract(sentence))[text].period == "2023"


def test_the_coded_year_is_the_articles_current_year_for_jinnian(extract):
    rows = by_text(extract("快手2023一季度首次实现盈利。今年6月，磁力聚星广告主同比增长40%。"))
    assert rows["40%"].period == "2023-06"


@pytest.mark.parametrize("sentence", ["型号20231季度版发布，售价300元。", "编号12023上半年共售出300台。"])
def test_longer_digit_runs_are_not_years(extract, sentence):
    rows = extract(sentence)
    assert all(r.period is None for r in rows)
