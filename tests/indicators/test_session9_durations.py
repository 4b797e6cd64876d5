"""Session-9 rules: penalty lengths, clock times, counted calls, exact values.

annotations.md: durations that only scope another value are not indicators, but the length
of a penalty or suspension is the figure itself (行政拘留十日 is what was imposed); the
minutes of a clock time are a time, not a figure; a phone number is a code, a number of
calls is a count. Sentences written here from the spec, not copied from the gold sets.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, value, unit, subject", [
    ("公安机关依法对违法行为人王某给予行政拘留十五日的处罚。", "十五日", 15.0, "日", "行政拘留"),
    ("涉事主播被依法行政拘留7日。", "7日", 7.0, "日", "行政拘留"),
    ("该直播间被平台封禁三天。", "三天", 3.0, "天", None),
    ("涉事门店已被责令停业整顿五天。", "五天", 5.0, "天", None),
])
def test_the_length_of_a_penalty_is_a_figure(extract, sentence, text, value, unit, subject):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit) == (value, unit)
    if subject:
        assert subject in (row.subject or "")


@pytest.mark.parametrize("sentence", [
    "8月10日，警方对涉事人员依法拘留。",            # a date before the penalty word, not after it
    "会议定于15日在北京召开。",
    "他在这部剧里拍了三天的戏。",                  # a narrative duration stays out
])
def test_days_of_the_month_and_narrative_durations_stay_out(extract, sentence):
    assert [r.text for r in extract(sentence) if r.unit in ("日", "天")] == []


@pytest.mark.parametrize("sentence", [
    "2023年8月16日0时30分许，民警接到报警。",
    "当晚10点05分，直播间突然关闭。",
    "下午三点二十分，记者赶到现场。",
])
def test_the_minutes_of_a_clock_time_are_not_a_figure(extract, sentence):
    assert [r.text for r in extract(sentence) if r.unit in ("分", "分钟")] == []


def test_minutes_and_points_without_a_clock_stay_figures(extract):
    rows = by_text(extract("该片时长98分钟，豆瓣评分8.1分。"))
    assert rows["98分钟"].value == 98.0 and rows["8.1分"].value == 8.1


def test_a_number_of_calls_is_a_count_but_a_phone_number_is_a_code(extract):
    rows = by_text(extract("开通当天，景区接到咨询电话30多个。"))
    assert rows["30多个"].value == 30.0 and rows["30多个"].qualifier == "gt"
    assert extract("如有疑问请拨打咨询电话12345。") == []


@pytest.mark.parametrize("sentence, text, value", [
    ("电影票房已达17.33亿元。", "17.33亿元", 1733000000.0),
    ("市场规模达12876.61亿元。", "12876.61亿元", 1287661000000.0),
    ("营收为0.29亿元。", "0.29亿元", 29000000.0),
])
def test_a_magnitude_leaves_no_binary_noise_in_the_value(extract, sentence, text, value):
    # 17.33 * 1e8 is 1732999999.9999998 in floating point; dashboards must see the written figure.
    assert by_text(extract(sentence))[text].value == value
