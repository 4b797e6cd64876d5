"""EntityRecognizer: loading, offsets into CleanDocument.text, Entity fields."""
import pytest

from pipeline.entities import Entity, EntityRecognizer, NerModelMissing

from .conftest import make_doc


@pytest.fixture(scope="module")
def rules_only_model(tmp_path_factory, rules_nlp):
    """A model dir holding the rule components only (no trained ner)."""
    d = tmp_path_factory.mktemp("ner_rules_only")
    rules_nlp.to_disk(d / "model")
    return d


def test_missing_model_names_the_train_command(tmp_path):
    with pytest.raises(NerModelMissing, match="python -m pipeline train-ner"):
        EntityRecognizer.load(tmp_path / "nowhere")


def test_load_is_cached(rules_only_model):
    assert EntityRecognizer.load(rules_only_model) is EntityRecognizer.load(rules_only_model)
    assert EntityRecognizer.load(rules_only_model).version


def test_offsets_map_into_clean_document_text(rules_only_model):
    text = ("标题：视听出海\n"
            "第57次《中国互联网络发展状况统计报告》显示，抖音平台演艺类直播达1.28亿场。\n"
            "\n"
            "河北省推出的互动微短剧《苦果》，广电总局予以推荐。")
    doc = make_doc("t/1", text)
    other = make_doc("t/2", "没有实体的句子。")
    rec = EntityRecognizer.load(rules_only_model)
    out = rec.recognise([doc, other])
    assert len(out) == 2 and out[1] == []
    ents = out[0]
    assert all(isinstance(e, Entity) for e in ents)
    for e in ents:
        assert text[e.start:e.end] == e.text
        p = doc.paragraphs[e.para_no]
        assert p.start <= e.start < e.end <= p.end
    by_text = {e.text: e for e in ents}
    assert by_text["中国互联网络发展状况统计报告"].label == "WORK"
    assert by_text["中国互联网络发展状况统计报告"].para_no == 1
    assert by_text["抖音"].canonical == "抖音" and by_text["抖音"].origin == "rules"
    assert by_text["广电总局"].canonical == "国家广播电视总局"
    assert by_text["苦果"].para_no == 2 and by_text["河北省"].label == "LOC"
    assert [e.start for e in ents] == sorted(e.start for e in ents)


def test_document_without_paragraphs_uses_whole_text(rules_only_model):
    from pipeline.document import CleanDocument

    rec = EntityRecognizer.load(rules_only_model)
    (ents,) = rec.recognise([CleanDocument("t/3", "爱奇艺与优酷")])
    assert [(e.text, e.para_no) for e in ents] == [("爱奇艺", 0), ("优酷", 0)]


def test_surnames_of_dotted_names_are_propagated():
    from pipeline.entities import consistent_labels, propagate_surnames

    text = "约翰·拉塞特加入皮克斯。\n后来拉塞特离开了，拉塞特说。"
    doc = make_doc("t/4", text)
    s = text.index("约翰·拉塞特")
    k = text.index("拉塞特离开")
    ents = [Entity(0, s, s + 6, "约翰·拉塞特", "PER", "model", "约翰·拉塞特"),
            Entity(1, k, k + 3, "拉塞特", "LOC", "model", "拉塞特")]
    starts = {0, 3, 6, 8, 11, 12, 14, 17, 19, 20, 23, 24}
    ends = {s + 6, k + 3, text.rindex("拉塞特") + 3}
    starts |= {k, text.rindex("拉塞特")}
    out = consistent_labels(propagate_surnames(doc, ents, starts, ends))
    short = [e for e in out if e.text == "拉塞特"]
    assert len(short) == 2
    assert all(e.label == "PER" and e.canonical == "约翰·拉塞特" for e in short)
    assert all(text[e.start:e.end] == e.text for e in out)
    assert [e.para_no for e in short] == [1, 1]


def test_a_name_found_whole_once_replaces_its_pieces_elsewhere():
    from pipeline.entities import propagate_names

    text = "宁波空谷幽水影业出品。\n宁波空谷幽水影业又称，宁波很热。"
    doc = make_doc("t/5", text)
    a = text.index("宁波空谷")
    b = text.index("宁波空谷", a + 1)
    c = text.rindex("宁波")
    ents = [Entity(0, a, a + 8, "宁波空谷幽水影业", "ORG", "model", "宁波空谷幽水影业"),
            Entity(1, b, b + 2, "宁波", "LOC", "rules", "宁波"),
            Entity(1, b + 2, b + 8, "空谷幽水影业", "ORG", "model", "空谷幽水影业"),
            Entity(1, c, c + 2, "宁波", "LOC", "rules", "宁波")]
    starts = {a, b, b + 2, c}
    ends = {a + 8, b + 2, b + 8, c + 2}
    out = propagate_names(doc, ents, starts, ends)
    assert [(e.text, e.label, e.para_no) for e in out] == [
        ("宁波空谷幽水影业", "ORG", 0), ("宁波空谷幽水影业", "ORG", 1), ("宁波", "LOC", 1)]
    assert all(text[e.start:e.end] == e.text for e in out)


def test_a_found_name_off_token_boundaries_or_crossed_by_a_span_is_left_alone():
    from pipeline.entities import propagate_names

    text = "华为云发布。小华为云计算公司称。"
    doc = make_doc("t/6", text)
    k = text.index("华为云计算")
    ents = [Entity(0, 0, 3, "华为云", "ORG", "rules", "华为云"),
            Entity(0, k, k + 2, "华为", "ORG", "rules", "华为"),
            Entity(0, k + 2, k + 7, "云计算公司", "ORG", "model", "云计算公司")]
    out = propagate_names(doc, ents, {0, k, k + 2}, {3, k + 2, k + 7})
    assert out == ents


def test_a_person_plus_one_glued_character_is_that_person():
    from pipeline.entities import trim_person_tails

    text = "朱丹主持节目。朱丹会继续主持，詹姆斯·哈1989年出生，詹姆斯·哈登加盟。"
    a, b = text.index("朱丹"), text.index("朱丹会")
    c, d = text.index("詹姆斯·哈1"), text.index("詹姆斯·哈登")
    ents = [Entity(0, a, a + 2, "朱丹", "PER", "model", "朱丹"),
            Entity(0, b, b + 3, "朱丹会", "PER", "model", "朱丹会"),
            Entity(0, c, c + 5, "詹姆斯·哈", "PER", "model", "詹姆斯·哈"),
            Entity(0, d, d + 6, "詹姆斯·哈登", "PER", "model", "詹姆斯·哈登")]
    out = trim_person_tails(ents)
    assert [(e.text, e.end - e.start) for e in out] == [
        ("朱丹", 2), ("朱丹", 2), ("詹姆斯·哈", 5), ("詹姆斯·哈登", 6)]
    assert all(text[e.start:e.end] == e.text for e in out)
    # no shorter person in the document: a three-character name stays whole
    alone = [Entity(0, b, b + 3, "朱丹会", "PER", "model", "朱丹会"), ents[2]]
    assert [e.text for e in trim_person_tails(alone)] == ["朱丹会", "詹姆斯·哈"]
