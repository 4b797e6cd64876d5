"""Sixth-pass general rules, on sentences written here from annotations.md (not gold text)."""
from __future__ import annotations

from .conftest import by_text


def test_noun_jieba_splits_into_verb_and_noun_is_what_is_counted(extract):
    # 洒|水车: a one-character verb glued to a noun names the counted thing, not a new clause,
    # and the place written before the count does not win over it
    rows = by_text(extract("浙江12辆洒水车连夜出发。"))
    assert rows["12辆"].subject == "洒水车"
    rows = by_text(extract("市里调派8辆洒水车和2辆指挥车前往灾区。"))
    assert rows["8辆"].subject == "洒水车"
    assert rows["2辆"].subject == "指挥车"


def test_counts_listed_with_one_measure_word_share_the_noun_after_the_last(extract):
    rows = by_text(extract("其中甲水务公司的4辆、乙水务公司2辆和丙市政局的6辆总共12辆洒水车已经出发。"))
    for t in ("4辆", "2辆", "6辆", "12辆"):
        assert rows[t].subject == "洒水车", t
    # different measure words are not one list
    rows = by_text(extract("甲公司派出3名技术员、乙公司2台设备参与抢修。"))
    assert rows["3名"].subject != "设备"


def test_scrap_of_a_link_after_the_figure_leaves_the_noun_before_it(extract):
    rows = by_text(extract("来源：某平台第二季度日活跃用户数突破2亿https://example.com/a.html"))
    assert rows["2亿"].subject.endswith("日活跃用户数")


def test_bare_title_inherits_the_measure_named_before(extract):
    rows = by_text(extract("《山海》目前票房12.5亿元，《长河》8.3亿元，《远山》6.1亿元。"))
    assert rows["12.5亿元"].subject == "票房"
    assert rows["8.3亿元"].subject == "票房"
    assert rows["6.1亿元"].subject == "票房"


def test_suffix_tagged_as_a_verb_completes_the_measure(extract):
    # jieba tags 回函|率 as two verbs; the suffix makes them one measure
    rows = by_text(extract("该院共发出建议书30份，回函率达85%。"))
    assert rows["85%"].subject == "回函率"


def test_promotional_price_names_the_product_not_the_verb(extract):
    rows = by_text(extract("下单某视频平台会员年卡仅需99元。"))
    assert rows["99元"].subject.endswith("会员年卡")
    rows = by_text(extract("而现在，入门版普遍只需要1299元左右。"))
    assert rows["1299元"].subject == "入门版"


def test_spaced_figure_reads_the_noun_after_the_padding_space(extract):
    rows = by_text(extract("这款平板搭载 6 核 2.4GHz 处理器，配备 6GB 内存。"))
    assert rows["2.4GHz"].subject == "处理器"
    assert rows["6GB"].subject == "内存"
    # without padding before the number, a space still ends the phrase (next headline)
    rows = by_text(extract("用户规模达5亿 市场观察"))
    assert rows["5亿"].subject == "用户规模"


def test_figure_inside_a_comparison_base_is_not_the_subject(extract):
    rows = by_text(extract("新机的电池容量比上一代的4000毫安时机型大了25%，比同价位的竞品大10%。"))
    assert rows["25%"].subject.endswith("电池容量")
    assert rows["25%"].kind == "growth"
    assert rows["10%"].subject.endswith("电池容量")


def test_lone_verb_closing_a_count_is_the_counted_action(extract):
    rows = by_text(extract("活动开始前，已有35万人预约，热度很高。"))
    assert rows["35万人"].subject == "预约"
    # a bare magnitude with no measure word does not take the verb after it
    rows = by_text(extract("主播涉案3亿被捕。"))
    assert rows["3亿"].subject != "被捕"


def test_past_record_year_is_not_the_articles_current_year(extract):
    text = ("今年国庆档电影票房突破30亿元，打破2019年国庆档创造的28.1亿元的纪录。\n"
            "目前，今年国庆档已有3部影片票房超过5亿元。")
    rows = by_text(extract(text))
    assert rows["28.1亿元"].period == "2019"
    assert rows["30亿元"].period is None
    assert rows["3部"].period is None


def test_year_dating_a_figure_after_zhi_is_a_fact_not_a_target(extract):
    text = ("面板平均尺寸由2022年的50.1英寸增加到2023年上半年的51.9英寸。\n"
            "今年上半年，国内彩电销量为1500万台。")
    rows = by_text(extract(text))
    assert rows["1500万台"].period == "2023"
    # a forecast in the clause keeps the year a target: the text states no current year
    text = "规模有望从2021年的300亿元增长至2025年的800亿元。\n今年上半年，销量为10万台。"
    assert by_text(extract(text))["10万台"].period is None


def test_by_a_month_at_clause_start_is_an_as_of_date(extract):
    rows = by_text(extract("2023年国内彩电市场持续回暖。到今年6月，整机平均尺寸已经突破60英寸。"))
    assert rows["60英寸"].period == "2023-06"
