"""Fourth-pass period and subject rules (annotations.md "period": null when the text gives none
for that figure; subject: the phrase naming what is measured), on sentences written here."""
from __future__ import annotations

from .conftest import by_text


def test_base_year_written_with_spaces_is_a_base_and_dates_the_year_after(extract):
    rows = by_text(extract("报告期内，公司营业收入 5.2 亿元，较 2021 年 H1 同比增长 12.5%。"))
    assert rows["12.5%"].period == "2022"
    assert rows["12.5%"].subject.endswith("营业收入")
    # with a stated period in force, that period wins
    rows = by_text(extract("2020年上半年，公司营业收入5.2亿元，较2019年同期同比增长12.5%。"))
    assert rows["12.5%"].period == "2020"


def test_change_against_last_year_same_period_is_of_the_current_period(extract):
    rows = by_text(extract("2021年上半年，公司总收入为8.8亿元，较去年同期增长30%；净利润为1.2亿元，较去年同期增长15%。"))
    assert rows["30%"].period == "2021" and rows["15%"].period == "2021"
    # the base figure itself is of last year
    rows = by_text(extract("2021年上半年，公司净亏损为2亿元，比去年同期的1.5亿元有所扩大。"))
    assert rows["1.5亿元"].period == "2020"


def test_forecast_year_dates_its_sentence_but_is_not_carried(extract):
    rows = by_text(extract("某券商微调2026年收入预期，上调净利润预期8%。目标价55港元。订单量同比增20%。"))
    assert rows["8%"].period == "2026"
    assert rows["55港元"].period is None and rows["20%"].period is None


def test_stock_quotes_without_a_written_year_get_no_period(extract):
    rows = by_text(extract("2022年公司收入12亿元。截至5月20日收盘，该股涨1.5%，报收30.2港元。"))
    assert rows["12亿元"].period == "2022"
    assert rows["1.5%"].period is None and rows["30.2港元"].period is None
    rows = by_text(extract("2022年公司收入12亿元，同比增长5%。截至发稿，股价报18.5港元。"))
    assert rows["18.5港元"].period is None


def test_stretch_starting_with_yu_sets_no_single_period(extract):
    rows = by_text(extract("被告于2020年5月至2021年3月期间多次发布不实言论。法院判令其赔偿精神损害抚慰金5万元。"))
    assert rows["5万元"].period is None


def test_event_year_with_yu_dates_only_its_own_clause(extract):
    rows = by_text(extract("他于2016年承包了200余亩土地，种植葡萄。一箱葡萄售价80元。"))
    assert rows["200余亩"].period == "2016"
    assert rows["80元"].period is None


def test_year_of_an_earlier_event_ending_with_hou_is_not_carried(extract):
    rows = by_text(extract("1998年从工厂下岗后，他开始经营一家小店，店里有30多种商品。"))
    assert rows["30多种"].period is None


def test_fragments_are_not_subjects(extractor, extract):
    s = extractor.subjects
    for frag in ("后", "早", "H1", "https", "实则", "助力", "利用"):
        assert not s.usable(frag), frag
    assert s.usable("营收") and s.usable("GMV")
    # a one-character noun keeps the noun word jieba split off (首发 + 价, 屏 + 占比)
    rows = by_text(extract("新品首发价分别为1999元和2999元。"))
    assert rows["1999元"].subject == "首发价"
    assert by_text(extract("该机屏占比达92.5%。"))["92.5%"].subject == "屏占比"


def test_noun_after_plus_or_spaced_de_names_the_counted_thing(extract):
    rows = by_text(extract("平台已帮助 5 万 + 商家开店，其中 40% 的商家是首次开店。"))
    assert rows["5 万"].subject.startswith("商家")
    assert rows["40%"].subject == "商家"
