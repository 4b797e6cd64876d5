"""Session-9 subject rules, written from the spec (the shortest phrase naming what is measured).

时 after a figure means "when" (粉丝达到500万时): the subject is what reached the figure, not 时.
A format tag between a measure word and its noun (5集4K纪录片) is skipped to reach the noun.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, subject", [
    ("当注册用户达到1000万时，平台将开放新功能。", "1000万", "注册用户"),
    ("该剧播放量突破10亿时，片方发布了新海报。", "10亿", "播放量"),
])
def test_when_after_a_figure_is_not_its_subject(extract, sentence, text, subject):
    row = by_text(extract(sentence))[text]
    assert row.subject and subject in row.subject and "时" not in row.subject


def test_a_noun_beginning_with_shi_is_still_read(extract):
    assert by_text(extract("平台全年累计播放1000万时长。"))["1000万"].subject == "时长"


@pytest.mark.parametrize("sentence, text, subject", [
    ("央视将推出5集8K纪录片《山河》。", "5集", "纪录片"),
    ("该品牌今年发布了3款5G手机。", "3款", "手机"),
])
def test_a_format_tag_after_the_measure_word_is_skipped(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("受暑期带动，平台7月GMV冲上300亿元新高。", "300亿元", "GMV"),
    ("该应用日活用户猛增至5000万。", "5000万", "日活用户"),
    ("今年上半年营收回落至30亿元。", "30亿元", "营收"),
])
def test_verbs_of_reaching_a_level_are_not_part_of_the_subject(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject.endswith(subject)
