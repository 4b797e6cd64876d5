import io

import pytest

from tests.support.docgen import make_docx, make_pdf
from pipeline.formats import FormatError, read_docx, read_html, read_md, read_pdf

ARTICLE = ("2025年，我国网络视听行业市场规模达12876.61亿元，同比增长5.3%。"
           "产业规模不断扩容，带动内容生产、平台运营与技术服务等上下游协同发展。"
           "微短剧用户规模突破6亿，直播电商GMV突破5万亿元，占网络零售额近三分之一。")


def test_html_main_text_without_boilerplate():
    html = f"""<html><head><meta charset="gb18030"><title>视听产业报告</title>
    <script>var tracking = "广告脚本内容";</script><style>.x{{color:red}}</style></head>
    <body><nav><a href="/">首页</a> <a href="/news">新闻中心</a> <a href="/about">关于我们</a></nav>
    <article><h1>视听产业报告</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>
    <footer>版权所有 © 2025 某某网站 京ICP备12345678号</footer></body></html>"""
    out = read_html(html.encode("gb18030"))
    assert "12876.61亿元" in out.text
    assert "tracking" not in out.text and "广告脚本" not in out.text
    assert "新闻中心" not in out.text and "京ICP备" not in out.text
    assert out.title == "视听产业报告"
    assert out.encoding == "gb18030"


def test_small_html_falls_back_to_blocks():
    out = read_html("<html><body><p>短文。</p><script>alert(1)</script><p onclick='x()'>第二段。</p></body></html>".encode())
    assert out.text.split("\n") == ["短文。", "第二段。"]


def test_markdown_renders_to_plain_blocks():
    md = "---\ntitle: 报告\ndate: 2025-01-02\n---\n# 标题一\n\n**加粗**的正文，[链接](http://x)在此。\n\n- 列表项\n"
    out = read_md(md.encode())
    assert out.text.split("\n") == ["标题一", "加粗的正文，链接在此。", "列表项"]
    assert out.title == "报告" and str(out.published) == "2025-01-02"


def test_docx_paragraphs_and_tables():
    out = read_docx(make_docx([ARTICLE, "第二段。"], title="年度报告"))
    lines = out.text.split("\n")
    assert lines[0] == "年度报告" and ARTICLE in lines and "用户规模 10.99亿" in lines
    assert out.title == "年度报告"


def test_zip_that_is_not_docx():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a document")
    with pytest.raises(FormatError, match="docx"):
        read_docx(buf.getvalue())
    with pytest.raises(FormatError, match="not a .docx"):
        read_docx(b"plain bytes")


def test_pdf_text_layer():
    out = read_pdf(make_pdf(["2025年，我国网络视听行业市场规模达12876.61", "亿元，同比增长5.3%。"]))
    assert "12876.61" in out.text and "同比增长5.3%" in out.text


def test_corrupt_pdf():
    with pytest.raises(FormatError):
        read_pdf(b"%PDF-1.4\n garbage garbage")


def test_pdf_without_text_layer():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(10, 10, 100, 100)
    c.save()
    with pytest.raises(FormatError, match="no text layer"):
        read_pdf(buf.getvalue())
