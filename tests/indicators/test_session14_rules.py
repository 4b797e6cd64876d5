"""Session-14 rules: 不得不 is no prohibition; web-text spacing; physical units.

不得 ("must not") makes a sentence a rule, so its figures are limits; 不得不 ("cannot help
but") contains the same two characters and marks a writer's aside, so a figure in such a
sentence is a reported level. Web text puts spaces around numbers (第 21 条), which the
exclusions now read through; 千瓦 is a unit, not 千 + 瓦. Sentences written here, not
copied from a gold set.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


def test_a_figure_after_budeibu_is_a_level(extract):
    row = by_text(extract("说到这部电影，不得不提它的投资，据说前后花了3个亿。"))["3个亿"]
    assert row.kind == "level"


def test_a_figure_after_bude_is_still_a_limit(extract):
    row = by_text(extract("单集时长不得超过10分钟。"))["10分钟"]
    assert row.kind == "limit"


# Web text (IT之家 and the like) puts a space between a number and the Chinese around it.
# The exclusions that look at the words before a number read through one such space.
@pytest.mark.parametrize("sentence, text", [
    ("用户发出第 31 条评论后会被限流。", "31 条"),          # an ordinal
    ("在过去 24 个月时间里，该平台累计上线了 900 部短剧。", "24 个月"),   # a scoping duration
    ("电影从1895年到1927年一直是无声的，拍出了上万部作品。", "1895年到1927年"),  # a stretch of history
    ("电影从 1895 年到 1927 年一直是无声的，拍出了上万部作品。", "1895 年到 1927 年"),
])
def test_ordinals_scopes_and_year_stretches_are_not_figures(extract, sentence, text):
    assert text not in {i.text for i in extract(sentence)}


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("发动机最大功率为120千瓦，综合油耗较低。", "120千瓦", 120, "千瓦"),      # kilowatt, not 120 thousand 瓦
    ("储能电站年发电量为300千瓦时。", "300千瓦时", 300, "千瓦时"),
    ("车内配备256色氛围灯。", "256色", 256, "色"),                          # colours a light shows
    ("海外业务收入同比增长一倍。", "一倍", 1, "倍"),                          # 一 with 倍 is a figure
])
def test_physical_units_colours_and_one_fold(extract, sentence, text, value, unit):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit) == (value, unit)


def test_yoy_shorthand_is_growth_of_the_figure_before(extract):
    rows = by_text(extract("第三季度外卖订单量为42.1亿单，YoY+18%，QoQ-3%。"))
    assert (rows["18%"].kind, rows["18%"].subject) == ("growth", "外卖订单量")
    assert (rows["3%"].kind, rows["3%"].subject) == ("change", "外卖订单量")


def test_a_currency_word_may_stand_between_yuehe_and_the_amount(extract):
    rows = by_text(extract("该片北美票房为2.3亿美元（约合人民币 16.5 亿元）。"))
    assert rows["16.5 亿元"].qualifier == "approx"


@pytest.mark.parametrize("sentence, text", [
    ("到 2028 年，国内微短剧用户规模达到 8 亿人。", "8 亿人"),              # a spaced target year
    ("该机构预计全年广告收入为320亿元，同比增长12%。", "12%"),             # the growth of a projection
    ("公司预计上半年收入为9.8亿港元（约合9.1亿元人民币），较去年同期增长6%。", "9.1亿元人民币"),  # restated
])
def test_forecasts_reach_spaced_years_growths_and_restated_amounts(extract, sentence, text):
    assert by_text(extract(sentence))[text].forecast is True


@pytest.mark.parametrize("sentence, text", [
    ("单集时长降至 20%，同比下降 5%。", "5%"),                             # 至 20% is no target year
    ("集团预期上半年收入介于1.4亿元至1.5亿元(而于2022年同期取得收入1.8亿元)。", "1.8亿元"),  # a base, not a gloss
])
def test_no_forecast_from_a_percentage_after_zhi_or_a_bracketed_base(extract, sentence, text):
    assert by_text(extract(sentence))[text].forecast is False


@pytest.mark.parametrize("sentence, text, qualifier", [
    ("这款车的最高时速可达180km/h。", "180km/h", "eq"),         # a top speed: 最高 is part of the noun
    ("该股当日的最高点为12.5元。", "12.5元", "eq"),
    ("单个项目最高可获得50万元奖励。", "50万元", "le"),          # a cap: at most
    ("门票最低价为19.9元。", "19.9元", "eq"),
])
def test_zuigao_in_a_noun_is_no_bound(extract, sentence, text, qualifier):
    assert by_text(extract(sentence))[text].qualifier == qualifier
