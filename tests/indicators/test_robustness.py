"""Never raise, linear time: arbitrary Unicode and pathological inputs."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import CleanDocument, Paragraph, Sentence
from pipeline.indicators.simpledoc import build_document, minimal_document

NUMERIC = "0123456789０１２３４５６７８９.,%％-—~/、几余多万亿千百十一二两三四五六七八九零〇半翻成折第年月日个元亿级占超近约"
text_st = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(NUMERIC), st.sampled_from("，。；：“”《》（）\n ")),
                  max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_st)
def test_never_raises_and_offsets_are_valid(extractor, text):
    for builder in (minimal_document, build_document):
        doc = builder("fuzz", text)
        for r in extractor.extract(doc):
            assert doc.text[r.start:r.end] == r.text
            assert r.qualifier in {"eq", "gt", "ge", "lt", "le", "approx"}
            assert r.kind in {"level", "growth", "change", "share", "multiple", "limit"}
            assert r.value == r.value  # not NaN


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200), st.integers(0, 50), st.integers(0, 50))
def test_inconsistent_document_structure(extractor, text, a, b):
    """Paragraph/sentence offsets that do not fit the text must not raise."""
    doc = CleanDocument("odd", text, paragraphs=[Paragraph(0, a, a + b, [Sentence(b, a + b + 3)])])
    extractor.extract(doc)
    extractor.extract(CleanDocument("empty", text))


def _time(extractor, text: str) -> float:
    doc = build_document("big", text)
    t0 = time.perf_counter()
    extractor.extract(doc)
    return time.perf_counter() - t0


def test_long_line_without_punctuation_is_fast(extractor):
    assert _time(extractor, "网络视听12" * 400_000) < 20      # 2.4 M characters


def test_many_numbers_scale_linearly(extractor):
    small = _time(extractor, "，".join(f"{i}.5亿元" for i in range(3000)))
    big = _time(extractor, "，".join(f"{i}.5亿元" for i in range(30000)))
    assert big < 20 and big < 25 * max(small, 0.02)


def test_equivalent_numerals_give_the_same_value(extract):
    values = [r.value for t in ("用户达1.2亿人。", "用户达120000000人。", "用户达一亿二千万人。")
              for r in extract(t)]
    assert len(values) == 3 and len(set(values)) == 1 and values[0] == 120_000_000
