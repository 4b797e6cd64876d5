"""Session-13 rules: counts in text that lost its punctuation; small time limits in rules.

Some pages arrive with their line breaks and commas stripped, so one "clause" runs on
for a paragraph ("…查获外国品牌卷烟140万支陕西省渭南市…"). There the noun after a count
starts the next sentence; the noun touching the number is what is counted (the
verb-object-quantity order, 查获卷烟140万支). A duration in small Chinese numerals is
narrative (两天, 三年) except as a time limit a rule sets (应当在五个工作日内答复), which
annotations.md counts as a limit. Sentences written here, not copied from a gold set.
"""
from __future__ import annotations

import pytest

from .conftest import by_text

RUN_ON = ("今年以来全市公安机关持续开展夏季治安打击整治行动累计查获走私香烟"
          "32万条犯罪团伙成员已全部落网相关案件正在进一步审理中")


def test_a_run_on_count_belongs_to_the_noun_before_it(extract):
    assert by_text(extract(RUN_ON))["32万条"].subject.endswith("走私香烟")


@pytest.mark.parametrize("sentence, text, subject", [
    # ordinary punctuation: the counted noun follows the number
    ("警方出动了约1000名警察。", "1000名", "警察"),
    ("果园稳定带动20多名村民增收。", "20多名", "村民"),
    # run-on text, but a verb, not a noun, touches the number: the noun after it is counted
    ("活动由上海文化广播影视集团有限公司和浙江广播电视集团有限公司联合主办共有3家平台参与",
     "3家", "平台"),
    # run-on text, but no verb leads the noun before the count: it holds the count
    ("来自济南水务集团有限公司的3辆、青岛水务集团有限公司1辆、淄博市自来水有限责任公司2辆送水车已抵达现场",
     "2辆", "送水车"),
])
def test_the_counted_noun_after_the_number_stays(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # a time limit in Chinese numerals that a rule sets is a figure (kind limit, at most)
    ("接到申请的部门应当在五个工作日内予以答复。", "五个工作日", "予以答复"),
    ("主管部门须在三日内完成审核。", "三日", "完成审核"),
])
def test_a_small_time_limit_set_by_a_rule_is_a_figure(extract, sentence, text, subject):
    row = by_text(extract(sentence))[text]
    assert (row.subject, row.kind, row.qualifier) == (subject, "limit", "le")


@pytest.mark.parametrize("sentence", [
    "这批货两天内就卖光了。",                       # narrative: no rule is set
    "说起这款游戏就不得不提他，三天内就升到了满级。",   # 不得不 is not a rule cue
])
def test_a_small_duration_in_narrative_stays_out(extract, sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize("sentence, text", [
    ("该办法已经市人民政府十五届94次常务会议审议通过。", "94次"),
    ("该办法已经市人民政府十五届94次常务会议审议通过。", "十五届"),
])
def test_a_term_and_meeting_number_is_no_count(extract, sentence, text):
    assert text not in by_text(extract(sentence))


@pytest.mark.parametrize("sentence, text, subject", [
    # a word starting with a name suffix (代, 核) after the measure word is the counted noun
    ("大会共有2952名代表出席。", "2952名", "代表"),
    ("团队由5名核心成员组成。", "5名", "核心成员"),
])
def test_a_word_after_the_measure_word_is_counted(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("text, period", [
    # a document's issue date in brackets after its name does not date the rule's thresholds
    ("关于网络直播管理的规定（2008年6月25日） 第二十六条 违法所得数额在三万元以上的，应予立案。", None),
    ("关于网络直播管理的规定（2008年6月25日发布）。违法所得数额在三万元以上的，应予立案。", None),
    # a date that is the time of the figure stays
    ("截至2008年6月25日，违法所得数额达三万元。", "2008-06-25"),
])
def test_a_documents_date_in_brackets_is_not_a_period(extract, text, period):
    assert by_text(extract(text))["三万元"].period == period
