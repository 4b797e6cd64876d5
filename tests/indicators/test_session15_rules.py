"""Session-15 rules: a month or a day dates a moment of a story, not a reporting period.

"2023年上半年，…" opens a reporting period that the next sentences keep reporting on;
"2022年7月，她提出解约。" dates one event of a story, and the figures a few sentences on
(the penalty the court later set) are not of that month. A month or day therefore stays
in force for the sentence right after its own only; a year for up to four. Sentences
written here, not copied from a gold set.
"""
from __future__ import annotations

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
