"""Session-3 period, forecast and subject rules, on sentences written here from annotations.md."""
from __future__ import annotations

from .conftest import by_text


def test_year_naming_a_bond_is_not_the_articles_current_year(extract):
    text = ("2024年6月，某平台完成了总额5亿美元的2029年可转债回购。"
            "今年第二季度，平台月活跃用户数达1.2亿。")
    rows = by_text(extract(text))
    assert rows["5亿美元"].period == "2024-06"
    # 今年 resolves to 2024, not to the bond's maturity year
    assert rows["1.2亿"].period == "2024"


def test_year_in_a_report_short_name_dates_the_figures_it_introduces(extract):
    text = "截至2024年5月10日收盘，某影视公司股价报6.5元。该公司2024一季报显示，公司主营收入8.2亿元，同比上升12.5%。"
    rows = by_text(extract(text))
    assert rows["8.2亿元"].period == "2024"
    assert rows["12.5%"].period == "2024"


def test_as_of_day_takes_the_year_written_right_after_it(extract):
    rows = by_text(extract("据统计，截至9月30日，2024年度全国电影票房已突破400亿元。"))
    assert rows["400亿元"].period == "2024-09-30"
    # also when another year is already in force
    rows = by_text(extract("2024年国庆档表现平稳。截至9月30日，2024年度全国电影票房已突破400亿元。"))
    assert rows["400亿元"].period == "2024-09-30"


def test_past_event_year_after_zao_zai_is_not_carried(extract):
    text = ("某公司成立于2016年3月，注册资本500万元。"
            "此外，其创始人早在2016年已登记作品著作权。该公司注册资本100万元，持股比例60%。")
    rows = by_text(extract(text))
    assert rows["500万元"].period is None
    assert rows["100万元"].period is None
    assert rows["60%"].period is None


def test_target_year_after_dao_is_not_carried_to_the_next_sentences(extract):
    text = ("2024年，某市网络视听产业规模达500亿元。\n机构预计，到2030年，该市产业规模将超过1200亿元。"
            "业内人士认为，行业集中度可能提升到60%。")
    rows = by_text(extract(text))
    assert rows["500亿元"].period == "2024"
    assert rows["1200亿元"].period == "2030"
    assert rows["60%"].period is None


def test_as_of_year_after_dao_stays_in_force(extract):
    # 到 + a year that is not after the article's current year is an as-of date, carried on
    text = "到2023年底，全国短视频用户规模达10.5亿。其中，微短剧用户占比达到52%。"
    rows = by_text(extract(text))
    assert rows["10.5亿"].period == "2023"
    assert rows["52%"].period == "2023"


def test_numbered_list_headings_do_not_use_up_the_carried_period(extract):
    text = ("2024年度扶持资金标准如下：（一）广播作品。每部一类作品扶持资金5万元，每部二类作品扶持资金3万元。"
            "（二）电视作品。（三）网络视听作品。每部一类作品扶持资金15万元。")
    rows = by_text(extract(text))
    assert rows["5万元"].period == "2024"
    assert rows["15万元"].period == "2024"


def test_as_of_date_is_not_a_forecast(extract):
    rows = by_text(extract("截至2024年6月30日，公司持有现金总额120亿元人民币，为运营提供充足资金。"))
    assert rows["120亿元人民币"].forecast is False
    assert rows["120亿元人民币"].period == "2024-06-30"
    rows = by_text(extract("预计到2026年，市场规模将达到300亿元。"))
    assert rows["300亿元"].forecast is True


def test_praise_before_the_number_is_not_the_subject(extract):
    rows = by_text(extract("新款电视的屏占比达到了惊人的96.5%。"))
    assert rows["96.5%"].subject == "屏占比"
    rows = by_text(extract("该剧上线首周播放量达到了创纪录的3亿次。"))
    assert rows["3亿次"].subject == "播放量"


def test_dateline_in_the_text_gives_the_current_year(extract):
    text = ("2024-03-12 08:15:00 作者：某某\n分析称该公司可能在2025年底前需要新融资。"
            "据悉，其每天运营成本约50万美元。某公司表示，亏损额在5月份翻了一番，达到了3.2亿美元。")
    rows = by_text(extract(text))
    assert rows["3.2亿美元"].period == "2024-05"
    # 可能在2025年底 is a projection (after the dateline's year): not carried on
    assert rows["50万美元"].period is None


def test_month_after_jiang_zai_is_an_event_not_a_period(extract):
    rows = by_text(extract("2024年，该平台将在9月推出新功能，首批覆盖用户1000万。"))
    assert rows["1000万"].period == "2024"


def test_days_bounded_by_a_rule_are_limits_not_dates(extract):
    rows = by_text(extract("依照规定，散布他人隐私的，处5日以下拘留或者500元以下罚款。"))
    assert (rows["5日"].unit, rows["5日"].kind, rows["5日"].qualifier) == ("日", "limit", "le")
    assert (rows["500元"].kind, rows["500元"].qualifier) == ("limit", "le")
    rows = by_text(extract("依照规定，情节较重的，处五日以上十日以下拘留。"))
    assert (rows["五日"].value, rows["五日"].qualifier) == (5.0, "ge")
    assert (rows["十日"].value, rows["十日"].qualifier) == (10.0, "le")
    # a fine reported as a fact stays a level, and a date stays a date
    rows = by_text(extract("他于8月5日被罚款500元。"))
    assert list(rows) == ["500元"] and rows["500元"].kind == "level"


def test_folding_screen_is_not_a_discount_and_seconds_are_seconds(extract):
    assert extract("某品牌发布三折屏手机。") == []
    rows = by_text(extract("他发布了一段24秒钟的视频。"))
    assert (rows["24秒钟"].value, rows["24秒钟"].unit) == (24.0, "秒")


def test_gap_to_a_named_base_is_a_change_not_a_bound(extract):
    row = by_text(extract("全市数字经济增速高于全国4.8个百分点。"))["4.8个百分点"]
    assert (row.kind, row.qualifier, row.subject) == ("change", "eq", "全市数字经济增速")
    row = by_text(extract("该业务利润率高于5%。"))["5%"]
    assert (row.kind, row.qualifier) == ("share", "gt")


def test_value_added_is_a_level_not_growth(extract):
    rows = by_text(extract("全市数字经济增加值9180.5亿元，同比增长5.2%。"))
    assert rows["9180.5亿元"].kind == "level"
    assert rows["5.2%"].kind == "growth"


def test_share_of_a_base_written_with_bizhong_names_the_base(extract):
    row = by_text(extract("该市文化产业增加值占全市GDP的比重达到6.5%。"))["6.5%"]
    assert row.subject == "文化产业增加值"
    row = by_text(extract("去年，占全市GDP的比重达到6.5%。"))["6.5%"]
    assert row.subject == "全市GDP"


def test_classifier_then_verb_clause_with_de_leads_to_the_counted_noun(extract):
    row = by_text(extract("今年该公司有12部参与制作的剧集播出。"))["12部"]
    assert row.subject.startswith("剧集")
    # after 人 the verb clause is the predicate: the people are named before
    row = by_text(extract("张某等5人负责账号的日常运营。"))["5人"]
    assert row.subject == "张某"


def test_noun_after_de_ends_at_the_verb_that_follows_it(extract):
    assert by_text(extract("店主以25元的价格出售仿冒球鞋。"))["25元"].subject == "价格"
    assert by_text(extract("全国有40%的网民观看微短剧。"))["40%"].subject == "网民"
    # a noun compound after 的 stays whole
    assert by_text(extract("该剧获得2.5元的版权收益。"))["2.5元"].subject == "版权收益"


def test_phrase_cut_at_a_preposition_is_not_a_subject(extractor):
    assert not extractor.subjects.usable("张某以")
    assert not extractor.subjects.usable("网友向")
    assert extractor.subjects.usable("销售额")


def test_zui_chang_ke_is_an_upper_bound_but_the_longest_one_is_exact(extract):
    assert by_text(extract("这款平板最长可使用12个小时。"))["12个小时"].qualifier == "le"
    assert by_text(extract("5名司机中驾龄最长的30年。"))["30年"].qualifier == "eq"
