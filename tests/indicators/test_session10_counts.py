"""Session-10 rules: Chinese numerals counting a noun, and more measure words.

annotations.md: a noun after the number is not a unit but the figure is still one
(60万用户 → unit null, the noun goes into the subject), whether the number is written
in digits or in Chinese numerals; measure words are units (18家 → 家). Sentences
written here from the spec, not copied from the gold sets.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, value, qualifier", [
    ("这位拥有三千万粉丝的主播昨晚宣布停播。", "三千万", 3.0e7, "eq"),
    ("这位拥有三千多万粉丝的主播昨晚宣布停播。", "三千多万", 3.0e7, "gt"),
    ("平台上线首月就吸引了两百万用户。", "两百万", 2.0e6, "eq"),
])
def test_a_chinese_numeral_counts_the_noun_after_it(extract, sentence, text, value, qualifier):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit, row.qualifier) == (value, None, qualifier)
    assert row.subject and ("粉丝" in row.subject or "用户" in row.subject)


@pytest.mark.parametrize("sentence", [
    "电影《长安三万里》昨日上映。",                 # a title
    "三万里网络科技有限公司成立于今年。",           # a company name
    "事情十万火急，他立刻赶了过去。",               # an idiom: no digit before the magnitude
    "你千万不要相信这类广告。",
])
def test_names_and_idioms_with_magnitudes_stay_out(extract, sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("节目通过30封书信讲述历史故事。", "30封", 30.0, "封"),
    ("网警依法处置两则涉灾情谣言。", "两则", 2.0, "则"),
    ("专案组分赴8省13市开展抓捕。", "8省", 8.0, "省"),
    ("专案组分赴8省13市开展抓捕。", "13市", 13.0, "市"),
])
def test_letters_items_provinces_and_cities_are_counted(extract, sentence, text, value, unit):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit) == (value, unit)


@pytest.mark.parametrize("sentence", [
    "他收到一封信。",                               # 一 + measure word is an article
    "该公司2023年营收增长，市场份额扩大。",
    "本届大会将于明年3市场开放后举行。",            # 市 before 场 is the word 市场
])
def test_new_measure_words_do_not_swallow_words(extract, sentence):
    assert [r.text for r in extract(sentence) if r.unit in ("封", "则", "省", "市")] == []
