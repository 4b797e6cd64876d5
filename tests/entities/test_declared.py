"""Short forms declared after a name and quoted influencer handles.

Sentences written for these tests (not taken from the labelled sets).
"""
from pipeline.entities import EntityRecognizer
from pipeline.entities.declared import handles, short_forms

from .conftest import make_doc
from .test_recognizer import rules_only_model  # noqa: F401  (fixture)


def spans(text, found):
    return [text[s:e] for s, e in found]


def test_short_form_after_a_name():
    text = "星河映画影视有限公司（以下简称“星河映画”）起诉了平台。"
    ents = [(0, text.index("（"))]
    out = short_forms(text, ents, lambda x: x, frozenset())
    assert [(e, text[s:t]) for e, s, t in out] == [(ents[0], "星河映画")]


def test_short_form_variants_and_stop_words():
    text = "网红“木子说剧”（下称木子）称，某协会（简称：协会）回应。"
    ents = [(text.index("木子说剧"), text.index("木子说剧") + 4), (text.index("某协会"), text.index("某协会") + 3)]
    out = short_forms(text, ents, lambda x: x, frozenset({"协会"}))
    assert [text[s:e] for _, s, e in out] == ["木子"]


def test_no_short_form_without_the_declaration():
    text = "星河映画影视有限公司（北京）起诉了平台。"
    assert short_forms(text, [(0, 10)], lambda x: x, frozenset()) == []


def test_handles_after_influencer_roles():
    text = "主播“山野小七”回应，网红“阿强说车”道歉，网友“某某”留言，主播“跑路”了。"
    found = handles(text, ["主播", "网红"], lambda h: h != "跑路")
    assert spans(text, found) == ["山野小七", "阿强说车"]


def test_recogniser_reads_declared_names(rules_only_model):  # noqa: F811
    rec = EntityRecognizer.load(rules_only_model)
    text = "近日，网红“山野小七”（以下简称“小七”）在直播间带货。\n随后小七回应称，主播“绑走”了观众。"
    (ents,) = rec.recognise([make_doc("t/d1", text)])
    got = {(e.text, e.label, e.canonical) for e in ents}
    assert ("山野小七", "PER", "山野小七") in got
    assert ("小七", "PER", "山野小七") in got
    assert not any(e.text == "绑走" for e in ents)
    assert all(text[e.start:e.end] == e.text for e in ents)
