"""Third-pass subject, period and span rules (annotations.md "Conventions"), on sentences written here."""
from __future__ import annotations

from .conftest import by_text


def test_currency_written_before_the_number_is_not_the_subject(extract):
    rows = extract("公司预计半年收入约为人民币12亿元至13亿元，净利润约为人民币2亿元。")
    assert [r.subject for r in rows] == ["收入", "净利润"]
    row = by_text(extract("电视业务收入由港币10.5亿元增加8%至港币11.34亿元。"))
    assert row["10.5亿元"].unit == "港元" and row["11.34亿元"].unit == "港元"
    assert row["8%"].subject == "电视业务收入"


def test_growth_after_a_share_belongs_to_the_part_not_the_base(extract):
    rows = by_text(extract("云服务收入120亿元，占总收入25%，同比增长9%。"))
    assert rows["25%"].subject == "总收入"
    assert rows["9%"].subject == "云服务收入"


def test_noun_touching_the_number_in_run_on_lists(extract):
    rows = by_text(extract("出动巡逻车辆300辆次检查场所120个排查整改隐患18处"))
    assert rows["120个"].subject == "检查场所"
    rows = by_text(extract("当年广告收入达12亿元腾讯公布数据显示增长明显"))
    assert rows["12亿元"].subject == "广告收入"
    # after a measure word the noun that follows is what is counted, even before a verb
    assert by_text(extract("共有6个国家参展。"))["6个"].subject == "国家"


def test_verb_right_before_the_figure_names_the_counted_action(extract):
    assert by_text(extract("其中，王某获利80万元。"))["80万元"].subject.endswith("获利")
    assert by_text(extract("民警出动后，当场逮捕了12人。"))["12人"].subject.endswith("逮捕")
    # a change verb between two figures of one clause is not a new measure
    rows = by_text(extract("简介字数由100字扩充为500字。"))
    assert rows["500字"].subject == "简介字数"


def test_comparison_base_and_stock_moves_are_not_subjects(extract):
    assert by_text(extract("直播场次较去年同期增长3倍。"))["3倍"].subject == "直播场次"
    rows = by_text(extract("星河影业（01234.HK）8月3日收盘跌4.5%。"))
    assert rows["4.5%"].subject == "星河影业"
    # a two-digit year is not a duration
    assert "19年" not in by_text(extract("演出场次较19年同期增长2倍。"))


def test_as_of_date_holds_for_the_following_clauses(extract):
    rows = by_text(extract("2023年二季度财报发布。截至6月30日，甲应用月活跃账户数5.7亿；乙应用月活跃账户数13亿，同比增长2%。"))
    assert rows["5.7亿"].period == "2023-06-30"
    assert rows["13亿"].period == "2023-06-30" and rows["2%"].period == "2023-06-30"


def test_time_inside_a_remark_after_the_figures_is_not_carried(extract):
    text = "2023年二季度，广告收入达到30亿元，是去年7月份新功能上线后的新高。游戏收入下降9%至318亿元。"
    rows = by_text(extract(text))
    assert rows["30亿元"].period == "2023"
    assert rows["318亿元"].period == "2023" and rows["9%"].period == "2023"


def test_stretch_between_two_dates_has_no_single_period(extract):
    rows = extract("自2019年2月至2020年6月间，该网站累计非法经营数额300万元。其中，张某获利60万元。")
    assert [r.period for r in rows] == [None, None]


def test_bare_month_takes_the_year_in_force(extract):
    rows = by_text(extract("2023年4-7月出货节奏回升。公司公布7月出货量数据：镜头出货900万片，同比增长7%。"))
    assert rows["900万片"].period == "2023-07" and rows["7%"].period == "2023-07"
    # without any year in the text a bare month stays null; an event month (将在9月推出) sets nothing
    assert one_period(extract("公司公布7月出货量数据：镜头出货900万片。")) is None
    rows = extract("2023年，市场回暖。公司表示将在9月推出新系统。\n新系统售价为15万元。")
    assert rows[-1].period is None


def one_period(rows):
    assert len(rows) == 1
    return rows[0].period


def test_slash_years_are_handed_out_and_not_durations(extract):
    rows = extract("机构预测公司2023/24年净利润14.5/22.3亿元。")
    assert [(r.value, r.period) for r in rows] == [(14.5e8, "2023"), (22.3e8, "2024")]


def test_numbers_inside_titles_and_ranges_with_two_qualifiers(extract):
    assert extract("他主演了《天龙八部》和《七剑》。") == []
    rows = extract("公司预计上半年净亏损介于约1460万元至约1830万元。")
    assert len(rows) == 1 and rows[0].value == 1460e4 and rows[0].value_high == 1830e4
    assert rows[0].subject == "净亏损"
