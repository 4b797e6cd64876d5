"""Session-5 rules: what a count of people or an amount measures in enforcement news.

annotations.md: the subject is the shortest phrase naming what is measured.  In police and
court reports a count of people is measured by what happened to them (刑事拘留, 移送起诉),
and an amount by the penalty (罚款, 被罚), not by the people or the decision it sits in.
Sentences written here from the spec, not copied from the gold sets.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


@pytest.mark.parametrize("sentence, text, subject", [
    ("另有3人已被当地警方依法刑事拘留。", "3人", "刑事拘留"),
    ("涉案的7人均被依法移送审查起诉。", "7人", "移送审查起诉"),
    ("团伙成员12人因涉嫌组织赌博罪被依法刑拘。", "12人", "刑拘"),
    ("其余2人被依法采取取保候审措施。", "2人", "取保候审措施"),
    ("经查，事件系摆拍，5人被行拘。", "5人", "行拘"),
])
def test_a_count_of_people_is_measured_by_what_was_done_to_them(extract, sentence, text, subject):
    assert subject in (by_text(extract(sentence))[text].subject or "")


def test_a_noun_after_the_count_still_names_it(extract):
    row = by_text(extract("民警当场抓获8名犯罪嫌疑人被带回审查。"))["8名"]
    assert row.subject == "犯罪嫌疑人"


@pytest.mark.parametrize("sentence, text, subject", [
    ("某主播因偷逃税款被罚120万元。", "120万元", "被罚"),
    ("市场监管局依法对其作出罚款5万元的行政处罚。", "5万元", "罚款"),
    ("区执法局对该商户处以罚款3000元的处罚决定。", "3000元", "罚款"),
])
def test_an_amount_is_measured_by_the_penalty_not_the_decision_it_sits_in(extract, sentence, text, subject):
    assert by_text(extract(sentence))[text].subject == subject


@pytest.mark.parametrize("sentence", ["三只羊网络宣布向慈善机构捐赠物资。", "三只松鼠直播间上新。"])
def test_a_name_of_the_domain_dictionary_that_opens_with_a_numeral_is_not_a_figure(extract, sentence):
    assert extract(sentence) == []


def test_a_small_count_before_a_noun_outside_the_dictionary_is_still_a_figure(extract):
    # the price of the rule: in this domain 三只羊 is the MCN, so only other counts stay figures
    assert by_text(extract("他养了三只鸡和两头牛。"))["三只"].value == 3


def test_a_bounded_term_of_detention_is_measured_by_the_detention(extract):
    rows = by_text(extract("情节严重的，处3日以上7日以下拘留，可以并处1000元以下罚款。"))
    assert (rows["3日"].subject, rows["7日"].subject, rows["1000元"].subject) == ("拘留", "拘留", "罚款")
