from hypothesis import given, settings, strategies as st

from pipeline import segment
from pipeline.entities.tokenizer import blank_nlp

NLP = blank_nlp()


def test_tokens_are_the_segmentation_stage_tokens():
    text = "抖音平台演艺类直播达1.28亿场，爱奇艺等视听平台已接入鸿蒙智行。"
    doc = NLP(text)
    assert [t.text for t in doc] == [t.text for t in segment.tokenize(text)]
    assert [t.idx for t in doc] == [t.start for t in segment.tokenize(text)]


def test_whitespace_is_kept_so_text_round_trips():
    for text in ["来源：国家广电智库  ABC\u3000x\n\n抖音", " 前导空格", "尾随空格 ", "", "\n", "Prime Video 和 YouTube"]:
        doc = NLP(text)
        assert doc.text == text
        assert "".join(t.text_with_ws for t in doc) == text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中国网络视听抖音 　\nab1。《》（）")), max_size=40))
def test_round_trip_property(text):
    assert NLP(text).text == text
