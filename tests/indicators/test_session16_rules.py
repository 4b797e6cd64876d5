"""Session-16 rule: a series of target years is no evidence of the article's 'now'.

Without a publication date, 今年 and 去年 take the latest year the text states as a
fact; a forecast (预计在2026年…) is skipped. "预计在2026年达到500万块，2027年超过900万块"
goes on with a second target after a comma, where no target word stands before 2027:
that year is part of the same forecast and must not make 2027 the article's current year.
Sentences written here, not copied from a gold set.
"""
from __future__ import annotations

from .conftest import by_text


def test_a_series_of_target_years_does_not_set_the_current_year(extract):
    text = ("去年，车载OLED屏的市场份额仅为2.8%。预计今年出货量将达到148万块，"
            "预计在2026年达到500万块，2027年超过900万块。")
    rows = by_text(extract(text))
    assert rows["2.8%"].period is None          # no year stated as a fact: 去年 stays unresolved
    assert rows["148万块"].period is None
    assert rows["900万块"].period == "2027"


def test_a_fact_year_still_sets_the_current_year(extract):
    text = "2023年，车载OLED屏的出货量为148万块。去年的出货量为89万块。"
    assert by_text(extract(text))["89万块"].period == "2022"
