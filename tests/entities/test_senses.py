"""Ambiguous brand names read as brands where the document shows the brand's world.

Sentences written for these tests (not taken from the labelled sets).
"""
from pipeline.entities import EntityRecognizer
from pipeline.entities.gazetteer import load_gazetteer
from pipeline.entities.senses import BrandSense, BrandSenses

from .conftest import make_doc
from .test_recognizer import rules_only_model  # noqa: F401  (fixture)

SENSES = BrandSenses([
    BrandSense("苹果", ("iPhone", "Mac", "库克"), ("果农", "斤")),
    BrandSense("荣耀", ("智慧屏",), ()),
])


def test_a_cue_without_counter_cue_shows_the_brand():
    assert SENSES.brand_names("苹果发布新款iPhone，库克出席。") == ["苹果"]
    assert SENSES.brand_names("荣耀智慧屏开售，荣耀称销量很好。") == ["荣耀"]


def test_a_counter_cue_keeps_the_ordinary_word():
    assert SENSES.brand_names("果农用iPhone直播卖苹果，每斤8元。") == []


def test_no_cue_no_brand():
    assert SENSES.brand_names("冠军的荣耀属于全队，赛后大家分吃苹果。") == []


def test_latin_cues_match_whole_words_only():
    assert SENSES.brand_names("Machine learning 课上发了苹果。") == []
    assert SENSES.brand_names("苹果推出新 Mac 电脑。") == ["苹果"]


def test_mentions_need_token_boundaries_and_free_text():
    doc = make_doc("t/s1", "苹果公司说，苹果将在iPhone上线新功能。")
    text = doc.text
    first, second = text.index("苹果"), text.index("苹果", 2)
    starts, ends = {0, 4, first, second, second + 2}, {4, second + 2}
    taken = [(first, first + 4)]          # 苹果公司, already an entity
    assert SENSES.mentions(doc, taken, starts, ends) == [("苹果", second, second + 2)]
    assert SENSES.mentions(doc, taken, starts - {second}, ends) == []


def test_shipped_senses_file_loads():
    gaz = load_gazetteer()
    senses = dict((n, (c, a)) for n, c, a in gaz.brand_senses)
    assert "苹果" in senses and "iPhone" in senses["苹果"][0].split()
    assert all(n in gaz.ambiguous for n in senses), "brand senses are for names of ambiguous.txt"


def test_recogniser_adds_brand_mentions_document_wide(rules_only_model):  # noqa: F811
    rec = EntityRecognizer.load(rules_only_model)
    tech = make_doc("t/s2", "新款iPhone销量走高。\n苹果在诉讼中败诉，苹果表示将上诉。")
    farm = make_doc("t/s3", "果农在直播间卖苹果，每斤五元。\n苹果今年丰收。")
    tech_ents, farm_ents = rec.recognise([tech, farm])
    apple = [e for e in tech_ents if e.text == "苹果"]
    assert len(apple) == 2 and all(e.label == "ORG" and e.origin == "rules" for e in apple)
    assert all(tech.text[e.start:e.end] == "苹果" and e.para_no == 1 for e in apple)
    assert not [e for e in farm_ents if e.text == "苹果"]
