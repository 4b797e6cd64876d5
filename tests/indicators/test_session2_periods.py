"""Period rules added after the dev5 clean check, on sentences written here."""
from __future__ import annotations

from .conftest import by_text


def test_as_of_date_qualifying_a_report_still_sets_the_period(extract):
    rows = by_text(extract("某平台公布了截至2024年9月30日的第三季度财报。该季度总营收达到40亿元，同比增长9%。"))
    assert rows["40亿元"].period == "2024"
    assert rows["9%"].period == "2024"


def test_year_inside_a_comparison_is_a_base_not_the_current_year(extract):
    rows = by_text(extract("与2018年暑期一部影片独占30亿元票房相比，今年暑期档共有5部影片票房超过10亿元。"))
    # no current year is stated: 今年 stays null, the base year is not borrowed
    assert rows["5部"].period is None
    assert rows["10亿元"].period is None
    # a comparison base does not stop the text's own year from counting
    rows = by_text(extract("2024年暑期档票房达到116亿元，与2019年暑期相比仍有差距。今年暑期档共有3部影片票房超过10亿元。"))
    assert rows["3部"].period == "2024"


def test_year_part_before_an_event_verb_dates_the_product_not_later_figures(extract):
    rows = by_text(extract("2024年上半年发布的某款平板广受好评。新款采用13英寸屏幕，售价3999元。"))
    assert rows["13英寸"].period is None
    assert rows["3999元"].period is None
    # a year part that is the period of the figure itself is kept
    rows = by_text(extract("2024年上半年，该平台营收为30亿元。"))
    assert rows["30亿元"].period == "2024"
