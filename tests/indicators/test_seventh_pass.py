"""Seventh-pass period rules, on sentences written here from annotations.md (not gold text)."""
from __future__ import annotations

from .conftest import by_text


def test_stretch_of_bare_days_is_dated_by_its_year_when_the_text_gives_it(extract):
    text = ("3月2日至4月1日某市新增违规账号15个予以公开。这15个账号中有9个已被封禁。"
            "2024年3月2日至2024年4月1日，全市共清理违规视频80条。")
    rows = by_text(extract(text))
    # the stretch is no single day: the year (from the dated stretch later), carried on
    assert rows["15个"].period == "2024"
    assert rows["9个"].period == "2024"
    assert rows["80条"].period == "2024"


def test_stretch_of_bare_days_without_any_year_stays_null(extract):
    rows = by_text(extract("7月1日至7月10日，用户可领取5元优惠券。"))
    assert rows["5元"].period is None


def test_single_bare_day_is_still_the_day(extract):
    text = "2024年3月2日某市召开发布会。3月2日，该市公布新增账号15个。"
    assert by_text(extract(text))["15个"].period == "2024-03-02"


def test_year_in_a_campaign_name_resolves_this_year_when_no_year_is_written(extract):
    text = "某市警方推进“净网2024”专项行动。今年上半年，共破获案件120起，抓获嫌疑人300名。"
    rows = by_text(extract(text))
    assert rows["120起"].period == "2024"
    assert rows["300名"].period == "2024"


def test_a_year_written_as_a_time_wins_over_a_name_and_a_bare_figure_is_no_name(extract):
    text = "某市警方推进“净网2024”专项行动。2022年，该市破获案件90起。今年上半年，共破获案件120起。"
    assert by_text(extract(text))["120起"].period == "2022"
    # a plain number is not a year in a name
    rows = by_text(extract("某平台共有2024家商户入驻。今年上半年，平台新增用户300万。"))
    assert rows["300万"].period is None


def test_figure_compared_with_a_year_on_year_base_in_the_next_clause_is_of_the_year_after(extract):
    rows = by_text(extract("报告期内，公司营业收入 5.2 亿元，较 2023 年 H1 同比增长 8.5%。"))
    assert rows["5.2 亿元"].period == "2024"
    assert rows["8.5%"].period == "2024"
    # a base further away (another figure's clause in between) does not date it
    rows = by_text(extract("报告期内，公司营业收入 5.2 亿元，毛利 1.1 亿元，较 2023 年 H1 同比增长 8.5%。"))
    assert rows["5.2 亿元"].period is None


def test_reporting_period_sentence_renews_the_period_the_paragraph_set(extract):
    text = ("2024年上半年，公司实现营业收入20亿元。公司表示业务稳定。管理层看好前景。"
            "渠道建设持续推进。海外布局逐步展开。报告期内，其他业务实现营业收入0.5亿元。")
    rows = by_text(extract(text))
    assert rows["20亿元"].period == "2024"
    assert rows["0.5亿元"].period == "2024"
    # without 报告期内 the period has run out after the carry window
    rows = by_text(extract(text.replace("报告期内，", "")))
    assert rows["0.5亿元"].period is None
