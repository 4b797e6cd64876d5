"""Second-pass period, subject and kind rules (annotations.md "Conventions"), on sentences written here."""
from __future__ import annotations

from .conftest import by_text


def test_current_year_comes_from_a_year_stated_in_the_text(extract):
    text = "2023年，车载视听加速普及。\n今年上半年，新车交付均价为38万元。"
    assert by_text(extract(text))["38万元"].period == "2023"
    # targets (到2030年) and bases (较2019年同期) do not make the article's current year
    assert extract("到2030年渗透率将超过70%。\n今年上半年，均价为38万元。")[-1].period is None
    assert extract("票房较2019年同期翻倍。\n今年暑期档票房为23亿元。")[-1].period is None
    # an event date (自2022年开启…) is not the current year either
    assert extract("自2022年开启网络销售以来，品牌知晓度提高。\n今年网络交易额突破65万元。")[-1].period is None


def test_anaphoric_year_and_stretch_end(extract):
    rows = extract("1989年，短片获奖。同年，公司营收达到500万美元。")
    assert rows[0].period == "1989"
    rows = extract("1986年公司成立，到今年正好20周年。公司收购花费500万美元。")
    assert rows[-1].period == "1986"


def test_same_period_of_a_stated_year_sets_the_current_period(extract):
    rows = by_text(extract("2022年，公司营收8.7亿元。8月2日，公司预期上半年收入为1.4亿元(而于2022年同期取得收入1.8亿元)。"))
    assert rows["1.4亿元"].period == "2023"
    assert rows["1.8亿元"].period == "2022"
    rows = by_text(extract("公司预计今年上半年收入为15.6亿港元，较2022年同期的18.2亿港元下跌14%。"))
    assert rows["15.6亿港元"].period == "2023" and rows["18.2亿港元"].period == "2022"
    assert rows["14%"].period == "2023" and rows["14%"].kind == "change"


def test_year_right_before_a_figure_dates_that_figure(extract):
    rows = by_text(extract("据机构测算，智能驾驶行业规模有望从2021年的302亿元增长至2025年的862亿元。"))
    assert rows["302亿元"].period == "2021" and rows["862亿元"].period == "2025"
    assert rows["302亿元"].subject == "智能驾驶行业规模"
    assert rows["862亿元"].subject == "智能驾驶行业规模"


def test_enumerated_years_are_handed_out_one_per_figure(extract):
    rows = extract("2019年至2022年，该业务收入分别为13.41亿元、10.90亿元、8.80亿元、7.02亿元。")
    assert [r.period for r in rows] == ["2019", "2020", "2021", "2022"]
    rows = extract("机构预计2023-25年净利润为1465.28/1706.25/1947.74亿元。")
    assert [(r.value, r.period) for r in rows] == [(1465.28e8, "2023"), (1706.25e8, "2024"), (1947.74e8, "2025")]
    rows = extract("2020年、2021年，公司归母净利润分别亏损1645万元、亏损3.45亿元。")
    assert [r.period for r in rows] == ["2020", "2021"]
    # a count that does not match the years is not distributed
    rows = extract("2019年至2022年，收入分别为13亿元、10亿元。")
    assert {r.period for r in rows} != {"2019", "2020"}


def test_quarter_codes_and_arabic_quarters_give_the_year(extract):
    rows = by_text(extract("23Q2网络广告收入250亿元，同比+34%。"))
    assert rows["250亿元"].period == "2023"
    assert rows["34%"].period == "2023" and rows["34%"].kind == "growth" and rows["34%"].value == 34


def test_repeated_day_takes_the_year_written_with_it_elsewhere(extract):
    rows = extract("原标题：公司8月10日股东户数5.34万户\n截至2023年8月10日公司股东户数为5.34万户。")
    assert [r.period for r in rows] == ["2023-08-10", "2023-08-10"]
    # a day with no year anywhere stays undated
    assert extract("8月18日，股价盘中一度跌超23%。")[0].period is None


def test_comparison_base_day_does_not_set_the_period(extract):
    rows = by_text(extract("截至2023年8月10日股东户数为5.34万户，较7月31日增加199户。"))
    assert rows["199户"].period == "2023-08-10"


def test_event_dates_do_not_date_later_figures(extract):
    text = "1997年7月11日于湖南卫视首播的《快乐大本营》是常青树。节目播出24年间，录制共超过1000期。"
    assert by_text(extract(text))["1000期"].period is None


def test_count_before_a_new_verb_phrase_takes_the_noun_before_it(extract):
    rows = by_text(extract("全市共出动警力5671人发动群防群治力量1072人出动车辆966辆次"))
    assert rows["5671人"].subject.endswith("警力")
    assert rows["1072人"].subject.endswith("群防群治力量") and "车辆" not in rows["1072人"].subject
    assert rows["966辆次"].unit == "辆次"


def test_words_that_are_not_subjects(extract):
    rows = by_text(extract("该车型售价预计10万元~15万元区间。"))
    assert rows["10万元~15万元"].subject == "售价"
    row = extract("公司股价开盘后持续走低，盘中一度跌超23%。")[0]
    assert row.subject and "盘中" not in row.subject and "股价" in row.subject
    assert extract("公司综艺业务收入三年间缩水了6亿元。")[0].subject.endswith("综艺业务收入")


def test_slash_lists_share_out_subjects(extract):
    rows = extract("品类方面，服饰鞋靴/家用电器/快消同比增268%/245%/126%。")
    assert [r.subject for r in rows] == ["服饰鞋靴", "家用电器", "快消"]
    assert {r.kind for r in rows} == {"growth"}


def test_units_for_shares_points_and_compute(extract):
    rows = by_text(extract("户均持股数量减少至8893股，毛利率同比上升3.82pct，算力为80TOPS。"))
    assert rows["8893股"].unit == "股"
    assert rows["3.82pct"].unit == "pct" and rows["3.82pct"].kind == "growth"
    assert rows["80TOPS"].unit == "TOPS"
    assert [r.text for r in extract("预计2023-25年收入为10/12/14亿元。")] == ["10", "12", "14亿元"]
