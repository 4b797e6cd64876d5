from pipeline.clean import (MAX_PARAGRAPH_CHARS, MAX_SENTENCE_CHARS, clean_document, normalise,
                            sentence_spans, split_paragraphs)


def test_seed_broken_paragraph_is_rejoined(repo):
    raw = (repo / "corpus" / "seed" / "shiting-chuhai.txt").read_text(encoding="utf-8")
    doc = clean_document("seed/shiting-chuhai", raw)
    assert "全域传播网络，显著提升" in doc.text
    para = doc.paragraph_at(doc.text.index("全域传播网络"))
    assert doc.paragraph_text(para).startswith("从内容维度看")
    assert doc.title == "从“走出去”到“融进去”"


def test_headings_are_not_joined():
    paras = split_paragraphs("一、生态重构\n（一）形态丰富\n当前我国网络视听产业正在由视听大国向视听强国加速迈进，用户规模持续增长。")
    assert paras[:2] == ["一、生态重构", "（一）形态丰富"]


def test_list_items_are_not_joined_to_previous():
    long_line = "各地要按照要求加强网络视听节目管理工作并建立健全长效机制以及相应的配套制度安排"
    assert split_paragraphs(long_line + "\n二、加强内容审核。") == [long_line, "二、加强内容审核。"]


def test_normalisation():
    raw = "市场规模达１２８７６．６１亿元，同比增长５．３％\u200b。\u3000用户\u00a0规模，ＡＩＧＣ\x07"
    text = normalise(raw)
    assert "12876.61亿元" in text and "5.3%" in text and "AIGC" in text
    assert "\u200b" not in text and "\x07" not in text and "\u3000" not in text
    assert "，" in text and "。" in text  # Chinese punctuation kept


def test_crlf_and_cr():
    doc = clean_document("d", "第一段文字。\r\n\r\n第二段文字。\r第三段。")
    assert [doc.paragraph_text(p.para_no) for p in doc.paragraphs] == ["第一段文字。", "第二段文字。", "第三段。"]


def test_sentences_include_closing_quotes():
    para = "他说：“市场规模达10亿元。”随后离开。真的吗？是的！"
    spans = [para[s:e] for s, e in sentence_spans(para)]
    assert spans == ["他说：“市场规模达10亿元。”", "随后离开。", "真的吗？", "是的！"]


def test_offsets_point_into_text():
    doc = clean_document("d", "标题\n\n第一句。第二句；第三句！\n\n  另一段  有空格。 ")
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == doc.paragraph_text(p.para_no)
        for s in p.sentences:
            assert p.start <= s.start < s.end <= p.end
            assert doc.text[s.start:s.end].strip() == doc.text[s.start:s.end]


def test_long_lines_are_bounded():
    doc = clean_document("d", "数" * (MAX_PARAGRAPH_CHARS * 3))
    assert all(p.end - p.start <= MAX_PARAGRAPH_CHARS for p in doc.paragraphs)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for _, s in doc.sentences())
    assert len(doc.text.replace("\n", "")) == MAX_PARAGRAPH_CHARS * 3


def test_published_from_header():
    doc = clean_document("d", "发布时间：2025-03-08 10:00\n正文内容在这里。")
    assert str(doc.published) == "2025-03-08"
