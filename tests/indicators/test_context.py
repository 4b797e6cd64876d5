"""Subject, period and source: read from the sentence and carried through the paragraph."""
from __future__ import annotations

import datetime as dt

from .conftest import by_text


def test_subject_before_predicate_and_elliptical_follow_up(extract):
    rows = by_text(extract("2025 年，我国网络视听行业市场规模达 12876.61 亿元，同比增长 5.3%。"))
    assert rows["12876.61 亿元"].subject == "网络视听行业市场规模"
    assert rows["5.3%"].subject == "网络视听行业市场规模"       # inherited
    assert rows["5.3%"].kind == "growth"


def test_subject_after_number(extract):
    rows = by_text(extract("四届大赛共征集稿件86万件，已有60万用户参与，买下了16000瓶红酒。"))
    assert rows["86万件"].subject.endswith("稿件")
    assert rows["60万"].subject == "用户" and rows["60万"].unit is None
    assert rows["16000瓶"].subject == "红酒"


def test_subject_of_share(extract):
    rows = by_text(extract("2025年直播电商GMV突破5万亿元，占网络零售额近三分之一。"))
    assert rows["5万亿元"].subject == "直播电商GMV"
    assert rows["近三分之一"].subject == "网络零售额"          # the base
    part = by_text(extract("增加值约占浦东全区3.3%。"))["3.3%"]
    assert part.subject == "增加值" and part.kind == "share"   # the part, named before 占


def test_coordination_with_fenbie(extract):
    rows = extract("电视剧、网络剧的集数分别为40集、36集。")
    assert [r.subject for r in rows] == ["集数", "集数"]
    rows = extract("抖音、快手分别为7亿人、4亿人。")
    assert [r.subject for r in rows] == ["抖音", "快手"]


def test_period_month_and_year_and_carry(extract):
    text = ("截至2025年12月，我国网民规模达11.25亿人，互联网普及率达80.1%。"
            "用户规模继续增长至10亿人。\n"
            "微短剧累计约 15 万部。")
    rows = by_text(extract(text))
    assert rows["11.25亿人"].period == "2025-12"
    assert rows["80.1%"].period == "2025-12"
    assert rows["10亿人"].period == "2025-12"       # carried within the paragraph
    assert rows["15 万部"].period is None            # a new paragraph starts empty


def test_period_quarters_and_same_period_last_year(extract):
    text = ("2023年一季度，快手实现盈利。一季报显示，快手总营收252.2亿元，同比增长19.7%；"
            "经调整利润净额4200万元，上年同期亏损37.22亿元；期内亏损8.76亿元，同比收窄86.04%。")
    rows = extract(text)
    got = {(r.text, r.period) for r in rows}
    assert {("252.2亿元", "2023"), ("4200万元", "2023"), ("37.22亿元", "2022"),
            ("8.76亿元", "2023"), ("86.04%", "2023")} <= got
    assert {r.text: r.subject for r in rows}["37.22亿元"] == "经调整利润净额"


def test_relative_years_need_a_known_year(extract):
    assert extract("今年上半年，平台营收达20亿元。")[0].period is None
    rows = extract("今年上半年，平台营收达20亿元，去年为15亿元。", published=dt.date(2023, 8, 1))
    assert [r.period for r in rows] == ["2023", "2022"]


def test_dates_that_describe_something_else_do_not_set_the_period(extract):
    rows = by_text(extract("诞生于1997年的《快乐大本营》播出24年间，节目超过1000期。"
                           "AI生成内容达20亿条，较2024年增长14倍。"))
    assert rows["1000期"].period is None
    assert rows["14倍"].period is None


def test_source_and_abbreviation(extract):
    text = ("《中国网络视听发展研究报告（2026）》报告显示（后简称《报告》），我国网络视听用户规模已达 10.99 亿。\n"
            "《报告》显示，2025年由AI生成的视频、音频累计已超20亿条。\n"
            "根据企查查，薇娅目前关联18家企业。")
    rows = extract(text)
    assert rows[0].source == "中国网络视听发展研究报告（2026）"
    assert rows[1].source == "中国网络视听发展研究报告（2026）"
    assert rows[1].subject.endswith("视频、音频")
    assert rows[2].source == "企查查"
