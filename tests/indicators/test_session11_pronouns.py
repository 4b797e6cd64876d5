"""Session-11 rule: a small group named by a Chinese numeral and 人 is a pronoun.

annotations.md lists figures analysts chart; 两人 in 两人合作后 points back at two people
the article already named, and counts nothing. A count with a measure word (两名嫌疑人)
or in digits (2人) stays a figure. Sentences written here from the spec.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence", [
    "两人合作后，直播账号很快有了起色。",
    "夫妻二人查看存款时，发现余额已所剩无几。",
    "双方协商未果后，三人一同前往派出所。",
])
def test_a_small_group_of_people_is_a_pronoun(extract, sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("警方共抓获两名犯罪嫌疑人。", "两名", 2.0, "名"),
    ("该案共有2人被刑事拘留。", "2人", 2.0, "人"),
    ("活动吸引了三千人参加。", "三千人", 3000.0, "人"),
])
def test_counts_of_people_stay_figures(extract, sentence, text, value, unit):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit) == (value, unit)
