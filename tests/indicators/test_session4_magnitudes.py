"""Session-4 rules: bare magnitudes as figures, 上/数/几 + magnitude, display and chip units,
starting prices; sentences written here from annotations.md (not copied from gold sets)."""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, value, unit, qualifier", [
    ("法院判决被告并处罚金十万元。", "十万元", 1e5, "元", "eq"),
    ("某电商平台的自营产品销售破千万元。", "千万元", 1e7, "元", "gt"),
    ("该品牌的电视终端超千万台。", "千万台", 1e7, "台", "gt"),
    ("单场直播的打赏金额上万元。", "上万元", 1e4, "元", "gt"),
    ("系列短视频的观看量超过上千万次。", "上千万次", 1e7, "次", "gt"),
    ("活动吸引了上千名网友参与。", "上千名", 1e3, "名", "gt"),
    ("全市有数百家网络直播机构。", "数百家", 100, "家", "gt"),
    ("一场直播卖出几万元的货。", "几万元", 1e4, "元", "gt"),
])
def test_bare_magnitudes_that_count_money_or_things_are_figures(extract, sentence, text, value, unit, qualifier):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit, row.qualifier) == (pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize("sentence", [
    "算法推荐做到千人千面。",
    "比赛当晚万人空巷。",
    "这是一家百年老店，有上百年历史。",
    "千万不要轻信陌生来电。",
    "行业呈现百家争鸣的局面。",
])
def test_idioms_and_spans_of_time_made_of_magnitudes_are_not_figures(extract, sentence):
    assert extract(sentence) == []


def test_po_is_a_bound_but_not_inside_da_po(extract):
    rows = by_text(extract("新剧播放量破亿次，打破3项平台纪录。"))
    assert rows["亿次"].qualifier == "gt"
    assert rows["3项"].qualifier == "eq"


@pytest.mark.parametrize("sentence, text, unit", [
    ("新款电视有65寸和75寸两种尺寸。", "65寸", "寸"),
    ("新品采用6nm先进制程。", "6nm", "nm"),
    ("显示器峰值亮度达1000nits。", "1000nits", "nits"),
    ("车机芯片AI算力达8TFLOPS。", "8TFLOPS", "TFLOPS"),
    ("这款游戏电视支持144hz刷新率。", "144hz", "hz"),
])
def test_screen_and_chip_units_as_written(extract, sentence, text, unit):
    assert by_text(extract(sentence))[text].unit == unit


def test_price_followed_by_qi_is_a_starting_price(extract):
    rows = by_text(extract("新款平板电脑首发1599元起，另有79起投诉。"))
    assert rows["1599元"].qualifier == "ge"
    assert rows["79起"].qualifier == "eq"


@pytest.mark.parametrize("sentence, text, subject", [
    ("当地组建了120个“普法先锋”志愿队，深入社区宣讲。", "120个", "“普法先锋”志愿队"),
    ("今年还将拍摄5部《美丽乡村》纪录片。", "5部", "纪录片"),
    ("开发区已集聚近300家相关企业，形成完整产业链。", "300家", "相关企业"),
    ("活动期间共举办6场推介活动，吸引大量游客。", "6场", "推介活动"),
])
def test_after_a_classifier_the_counted_noun_is_the_subject(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


def test_press_time_is_not_a_subject(extract):
    row = by_text(extract("截至发稿时，该公司股价报12.5港元。"))["12.5港元"]
    assert row.subject != "发稿时"


def test_duo_after_the_unit_stays_inside_as_more_than(extract):
    rows = by_text(extract("店家称重后只有7两多。他在平台工作了3年多。公司有5家多元化子公司。"))
    assert rows["7两多"].qualifier == "gt" and rows["7两多"].unit == "两"
    assert rows["3年多"].qualifier == "gt"
    assert rows["5家"].qualifier == "eq"        # 多元化 is a word of its own


def test_becoming_a_figure_is_not_its_subject(extract):
    row = by_text(extract("店家把手机放上秤，结果变成700克。"))["700克"]
    assert row.subject not in ("结果", "变成", "结果变成")


@pytest.mark.parametrize("sentence, text, value, qualifier", [
    ("国庆假期全国单日票房过亿。", "过亿", 1e8, "gt"),
    ("该市网络视听产业规模近千亿。", "近千亿", 1e11, "approx"),
    ("平台助力创作者变现超千亿。", "千亿", 1e11, "gt"),
])
def test_a_bound_on_a_bare_magnitude_ending_its_clause_is_a_figure(extract, sentence, text, value, qualifier):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit, row.qualifier) == (pytest.approx(value), None, qualifier)


def test_vehicle_and_video_units_as_written(extract):
    rows = by_text(extract("该车峰值扭矩305N·m，WLTC综合油耗7.35L/100km，屏幕支持60 FPS。"))
    assert rows["305N·m"].unit == "N·m"
    assert rows["7.35L/100km"].unit == "L/100km" and "100km" not in rows
    assert rows["60 FPS"].unit == "FPS"


def test_phrases_of_whom_or_why_are_not_subjects(extract):
    rows = by_text(extract("警方查明，张某多次向小乙索要四万余元，另有11人因涉嫌诈骗被刑拘。"))
    assert rows["四万余元"].subject != "向小乙"
    assert not (rows["11人"].subject or "").startswith("因涉嫌")
    # nouns of the dictionary that begin like a preposition stay subjects
    rows = by_text(extract("去年对外投资额达50亿元，被执行人共计120人。"))
    assert rows["50亿元"].subject == "对外投资额"
    assert rows["120人"].subject == "被执行人"
