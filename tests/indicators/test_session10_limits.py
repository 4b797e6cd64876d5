"""Session-10 rules: time limits set by a rule.

annotations.md: kind ``limit`` is a threshold a rule sets; qualifier ``le`` for 以内 (at
most); the subject is the shortest phrase naming what is measured. A time limit
(在5个工作日内审定) measures the action it allows time for, not the body the rule
obliges. A number of days before 内 is a span of days, not a day of the month.
Sentences written here from the spec, not copied from the gold sets.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, value, unit, subject", [
    ("市场监管部门应当在10个工作日内作出处理决定，并告知投诉人。", "10个工作日", 10.0, "工作日", "作出处理决定"),
    ("主管部门应当自收到申请之日起20日内予以答复。", "20日", 20.0, "日", "予以答复"),
    ("网络平台应当在3个月以内完成整改。", "3个月", 3.0, "月", "完成整改"),
])
def test_a_time_limit_measures_the_action_after_it(extract, sentence, text, value, unit, subject):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit, row.qualifier, row.subject) == (value, unit, "le", subject)
    assert row.kind == "limit"


@pytest.mark.parametrize("sentence", [
    "会议定于20日在北京召开。",                                   # a day of the month
    "如遇作品内容、版权等问题，请在相关文章刊发之日起30日内与本网联系。",  # website boilerplate
])
def test_days_of_the_month_and_boilerplate_limits_stay_out(extract, sentence):
    assert extract(sentence) == []
