"""Fifth-pass general rules, on sentences written here from annotations.md (not gold text)."""
from __future__ import annotations

from .conftest import by_text


def test_cue_character_inside_a_word_is_not_a_qualifier(extract):
    # 约 of 违约金 is not 约 (approx); the noun it belongs to is the subject
    rows = by_text(extract("法院判决被告向原告支付违约金30万元。"))
    assert rows["30万元"].qualifier == "eq"
    assert rows["30万元"].subject.endswith("违约金")
    # a real cue a few characters before the number still counts
    assert by_text(extract("该平台用户约为5000万人。"))["5000万人"].qualifier == "approx"


def test_clause_ending_in_a_noun_names_what_the_next_clause_counts(extract):
    rows = by_text(extract("目前，该公司在各平台开设的官方账号，累计达到12个。"))
    assert rows["12个"].subject == "官方账号"
    # a clause ending in a verb still gives its topic
    rows = by_text(extract("公司用户规模增长稳定，达到3000万人。"))
    assert rows["3000万人"].subject.endswith("用户规模")


def test_figure_in_brackets_belongs_to_the_name_before_them(extract):
    rows = by_text(extract("该片票房有望超越《长河》（12.5亿）与《远山》（9.8亿）。"))
    assert "长河" in rows["12.5亿"].subject
    assert "远山" in rows["9.8亿"].subject


def test_ticker_gloss_with_a_short_name(extract):
    rows = by_text(extract("截至收盘，星海传媒控股有限公司（星海传媒，01234.HK）报收12.3港元，跌2.5%。"))
    assert rows["12.3港元"].subject == "星海传媒"
    assert rows["2.5%"].subject == "星海传媒"


def test_one_character_noun_after_a_measure_word_is_the_subject(extract, extractor):
    rows = by_text(extract("该案涉及全国12个省、30余个地级市。"))
    assert rows["12个"].subject == "省"
    # one character read before the number is still a fragment
    assert not extractor.subjects.usable("后")
    assert extractor.subjects.usable("省", single_ok=True)


def test_verb_after_de_and_nominal_verbs_do_not_end_the_noun(extract):
    rows = by_text(extract("调查显示，65%的受访视频创作者表示将增加投入。"))
    assert "受访" in (rows["65%"].subject or "")
    rows = by_text(extract("执法人员检查了八家流动早餐摊位。"))
    assert rows["八家"].subject.endswith("早餐摊位")


def test_quarter_is_a_time_not_the_subject(extract):
    rows = by_text(extract("公司直播业务收入在第三季度超过20亿元。"))
    assert rows["20亿元"].subject.endswith("直播业务收入")


def test_year_inside_a_title_is_part_of_the_name(extract):
    rows = by_text(extract("机构发布《2024年短视频用户调研报告》。调研发现，超过60%的用户每天观看短视频。"))
    assert rows["60%"].period is None


def test_fiscal_year_range_is_handed_out_per_figure(extract):
    rows = extract("机构预计公司2024财年至2026财年净利润为3.1/4.2/5.3亿元。")
    assert [r.period for r in rows] == ["2024", "2025", "2026"]
    assert by_text(extract("公司2025财年营收为8亿元。"))["8亿元"].subject == "营收"


def test_spoken_hundred_million_and_two_digit_discount(one):
    r = one("该团伙涉案金额高达3个亿。")
    assert r.text == "3个亿" and r.value == 3e8 and r.unit is None
    r = one("全场商品85折促销。")
    assert r.value == 85 and r.unit == "%"


def test_market_weights_ages_and_vehicle_specs(extract):
    rows = by_text(extract("顾客买了1斤6两鱿鱼，商贩称重时多算了3两。"))
    assert abs(rows["1斤6两"].value - 1.6) < 1e-9 and rows["1斤6两"].unit == "斤"
    assert rows["3两"].unit == "两"
    rows = by_text(extract("规定要求不满8周岁的儿童须由成人陪同。"))
    assert rows["8周岁"].unit == "周岁"
    rows = by_text(extract("新车最大功率150马力，峰值扭矩250Nm，后备箱容积480L，百公里油耗5.8升。"))
    assert {r.unit for r in rows.values()} == {"马力", "Nm", "L", "升"}
    # 升 as a verb is not a unit
    assert all(r.unit != "升" for r in extract("用户规模由3亿人升至5亿人。"))
