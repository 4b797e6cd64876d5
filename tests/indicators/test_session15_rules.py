"""Session-15 rules: periods of a story, the letter W as 万, net additions, plans as nouns.

"2023年上半年，…" opens a reporting period that the next sentences keep reporting on;
"2022年7月，她提出解约。" dates one event of a story, and the figures a few sentences on
(the penalty the court later set) are not of that month. A month or day therefore stays
in force for the sentence right after its own only; a year for up to four. Sentences
written here, not copied from a gold set.
"""
from __future__ import annotations

import pytest

from .conftest import by_text


def test_a_month_dates_the_next_sentence(extract):
    rows = by_text(extract("2022年7月，主播小林提出解约。公司为此损失了30万元。"))
    assert rows["30万元"].period == "2022-07"


def test_a_month_of_a_story_does_not_date_figures_further_on(extract):
    text = ("2022年7月，主播小林提出解约。公司多次联系她要求复播。双方协商未果。"
            "法院审理后认定合同约定的违约金为20万元。")
    assert by_text(extract(text))["20万元"].period is None


def test_a_day_of_a_story_does_not_date_figures_further_on(extract):
    text = ("2023年4月17日，执法人员对该公司进行了现场检查。检查中发现其虚构讲师资质。"
            "经调取账户记录，查实违法所得为7.5万元。")
    assert by_text(extract(text))["7.5万元"].period is None


def test_a_year_stays_in_force_over_several_sentences(extract):
    text = ("2023年上半年，平台营收稳步增长。广告业务表现亮眼。会员业务保持稳定。"
            "直播收入为12亿元。")
    assert by_text(extract(text))["12亿元"].period == "2023"


# Net slang writes 万 as the letter W; devices write watts the same way. A currency after
# the letter, or a money or audience word before the number, makes it 万.
@pytest.mark.parametrize("sentence, text, value, unit", [
    ("这位主播向灾区捐款30W，引发网友点赞。", "30W", 300000, None),
    ("主播向灾区捐款30W", "30W", 300000, None),                     # the letter ends the text
    ("他为家乡捐款了500W韩元。", "500W韩元", 5000000, "韩元"),
    ("该账号目前粉丝量2300w。", "2300w", 23000000, None),
    ("新机支持65W有线快充。", "65W", 65, "W"),
    ("电视配备两个12W扬声器。", "12W", 12, "W"),
])
def test_the_letter_w_is_wan_in_money_and_audience_figures(extract, sentence, text, value, unit):
    row = by_text(extract(sentence))[text]
    assert (row.value, row.unit) == (value, unit)


def test_a_net_addition_is_a_level_like_a_new_one(extract):
    rows = by_text(extract("上半年，平台付费用户达到 1.2 亿户，净增超过 900 万户。"))
    assert rows["900 万户"].kind == "level"


def test_a_programme_named_plan_projects_nothing(extract):
    rows = by_text(extract("调整后，会员计划从 19 元提高至 25 元。"))
    assert not rows["19 元"].forecast and not rows["25 元"].forecast


def test_a_plan_as_a_verb_still_projects(extract):
    assert by_text(extract("公司计划明年投入 5 亿元用于内容制作。"))["5 亿元"].forecast
