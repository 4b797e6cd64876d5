"""Session-12 rules: where the measure is named relative to the figure.

annotations.md: the subject is "the shortest phrase naming what is measured". Three
frames name it somewhere other than the noun after the number; sentences written here
from the spec, not copied from a gold set.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, subject", [
    # a measure noun, then the figure, then 的 and what has the measure
    ("这个常住人口不到15万的县城很安静。", "15万", "常住人口"),
    ("一部播放量超10亿的短剧走红。", "10亿", "播放量"),
    ("这是一家市值达500亿元的公司。", "500亿元", "市值"),
    ("粉丝超过300万的博主被封号。", "300万", "粉丝"),
])
def test_a_measure_written_before_its_holder(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # the noun after 的 is the measure itself, or the noun before only has it
    ("该平台拥有超过1亿的用户。", "1亿", "用户"),
    ("该剧3亿元的投资打了水漂。", "3亿元", "投资"),
    # 价值 and 等于 only link the figure to the thing after 的
    ("公司紧急采购价值300万元的救灾物资送往灾区。", "300万元", "救灾物资"),
    ("每1000次播放量约等于1.2元的版权收益。", "1.2元", "版权收益"),
])
def test_the_noun_after_de_stays_the_subject(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("禁言期间，营利权限暂停时长为禁言期限的2至3倍。", "2至3倍", "时长"),
    ("今年上半年，女性用户数为男性用户数的1.5倍。", "1.5倍", "女性用户数"),
    ("该公司的海外收入是国内收入的30%。", "30%", "海外收入"),
])
def test_in_a_is_b_times_the_measure_is_a(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("如今她的公司300多名员工中90%是女性，可以带孩子上班。", "90%", "女性"),
    ("参会嘉宾40%为企业家。", "40%", "企业家"),
])
def test_a_percentage_then_shi_names_the_part(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


def test_a_percentage_then_shi_and_a_reason_is_not_a_part(extract):
    row = by_text(extract("价格上涨中30%是由于原料紧缺。"))["30%"]
    assert row.subject != "由于原料紧缺"


@pytest.mark.parametrize("sentence, text, period", [
    ("经查，2016年至2022年期间，其非法经营数额约14万元。", "14万元", None),
    ("2019年至2022年间，市场规模分别为10亿元、20亿元、30亿元和40亿元。", "40亿元", "2022"),
    ("2022年，营收达10亿元。", "10亿元", "2022"),
])
def test_a_stretch_of_years_ending_in_qijian_has_no_single_period(extract, sentence, text, period):
    assert by_text(extract(sentence))[text].period == period


@pytest.mark.parametrize("sentence, text, value", [
    ("现决定对邓某罚款贰佰圆整。", "贰佰圆", 200.0),
    ("罚款200圆。", "200圆", 200.0),
])
def test_yuan_written_formally(extract, sentence, text, value):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit) == (value, "元")


def test_yuan_starting_a_word_is_not_a_unit(extract):
    assert [r.unit for r in extract("30圆桌论坛在京举行。")] == []
