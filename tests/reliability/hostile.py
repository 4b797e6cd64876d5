"""A hostile input folder, generated on the fly (no binary fixtures in the repo).

``build(root)`` writes every kind of file the nightly run must survive and
returns what each one must become: the ``source_path`` of its documents row,
the statuses allowed, and words its reason or errors message must contain.
"""
from __future__ import annotations

import base64
import codecs
import io
import os
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.docgen import make_docx, make_pdf

ARTICLE = ("截至2025年12月，我国网络视听用户规模达11.25亿人，网民使用率为98.4%。"
           "微短剧市场规模达504.4亿元，同比增长34.9%。")
HTML_MARKERS = ("<", ">", "alert(", "onclick", "onerror", "javascript:", "document.cookie", "color:red")


@dataclass
class Expect:
    statuses: set[str]
    reason: str | None = None            # words of the status_reason / errors message
    contains: list[str] = field(default_factory=list)   # text of an ok document must contain these
    excludes: tuple[str, ...] = ()       # ... and none of these
    encoding: str | None = None


def _write(root: Path, rel: str | bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(root), rel if isinstance(rel, bytes) else os.fsencode(rel))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build(root: Path, big_mb: int = 30) -> dict[str, Expect]:
    rnd = random.Random(8)
    root.mkdir(parents=True, exist_ok=True)
    ok = {"ok"}
    exp: dict[str, Expect] = {}

    def add(rel, data: bytes, expect: Expect, shown: str | None = None) -> None:
        _write(root, rel, data)
        exp[shown or rel] = expect

    # --- empty, blank, invisible -------------------------------------------------
    add("empty.txt", b"", Expect({"skipped"}, "empty"))
    add("blank.txt", " \n\t\n\u3000\n\r\n  ".encode(), Expect({"skipped"}, "no text"))
    add("bom-only.txt", codecs.BOM_UTF8, Expect({"skipped"}, "no text"))
    add("zero-width-only.txt", "\u200b\u200d\ufeff\u2060\n\u200b\n".encode(), Expect({"skipped"}, "no text"))
    # --- not text ---------------------------------------------------------------------
    png = b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(20000))
    add("photo-named.txt", png, Expect({"failed"}, "binary"))
    add("random-no-nul.txt", bytes(rnd.choice([*range(1, 9), *range(14, 32), *range(128, 256)]) for _ in range(20000)),
        Expect({"failed"}))
    # --- encodings ----------------------------------------------------------------------
    gb = (ARTICLE * 20).encode("gb18030")
    add("truncated-gb18030.txt", gb[:-1], Expect(ok, contains=[ARTICLE[:30]], encoding="gb18030"))
    add("utf8-truncated.txt", (ARTICLE * 20).encode()[:-2], Expect(ok, contains=[ARTICLE[:30]], encoding="utf-8"))
    text16 = (ARTICLE + "\n") * 10
    add("utf16le-bom.txt", codecs.BOM_UTF16_LE + text16.encode("utf-16-le"), Expect(ok, contains=[ARTICLE]))
    add("utf16be-bom.txt", codecs.BOM_UTF16_BE + text16.encode("utf-16-be"), Expect(ok, contains=[ARTICLE]))
    add("utf16le-nobom.txt", text16.encode("utf-16-le"), Expect(ok, contains=[ARTICLE], encoding="utf-16-le"))
    add("utf16be-nobom.txt", text16.encode("utf-16-be"), Expect(ok, contains=[ARTICLE], encoding="utf-16-be"))
    add("crlf-mixed.txt", ("标题\r\n" + ARTICLE + "\r" + ARTICLE + "\n\r\n").encode("gb18030"), Expect(ok, contains=[ARTICLE]))
    # --- control and zero-width characters inside text --------------------------------
    noisy = ("网络\u200b视听\x07用户\x1b[31m规模\u200d达\ufeff11.25亿人\x00。\x7f\x85"
             "微短剧\u00ad市场\u2060规模达504.4亿元\x0c。\n")
    add("controls.txt", (noisy + ARTICLE * 3 + "\n") .encode() * 5, Expect(
        ok, contains=["网络视听用户[31m规模达11.25亿人。", "微短剧市场规模达504.4亿元"],
        excludes=("\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad", "\x0c")))
    # --- broken containers ----------------------------------------------------------------
    docx = make_docx([ARTICLE], title="报告")
    add("truncated.docx", docx[: len(docx) // 2], Expect({"failed"}, "docx"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a word document")
    add("zip-not-docx.docx", buf.getvalue(), Expect({"failed"}, "docx"))
    add("garbage.pdf", b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(5000)), Expect({"failed"}, "PDF"))
    pdf = make_pdf([ARTICLE[:40]])
    add("half.pdf", pdf[: len(pdf) // 2], Expect({"failed"}, "PDF"))
    add("good.docx", docx, Expect(ok, contains=[ARTICLE[:20]]))
    # --- unsupported, hidden, special files -------------------------------------------------
    add("sheet.xlsx", b"PK\x03\x04 not really", Expect({"skipped"}, "unsupported"))
    add("archive.tar.gz", b"\x1f\x8b" + bytes(100), Expect({"skipped"}, "unsupported"))
    add("README", ARTICLE.encode(), Expect({"skipped"}, "unsupported"))
    add(".hidden.txt", ARTICLE.encode(), Expect({"skipped"}, "hidden"))
    add(".git/HEAD", b"ref: refs/heads/main\n", Expect({"skipped"}, "hidden"))
    add("dup.md", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]))      # sorted first: keeps the id
    add("dup.txt", ARTICLE.encode(), Expect({"skipped"}, "same doc_id"))
    os.mkfifo(root / "pipe.txt")
    exp["pipe.txt"] = Expect({"skipped"}, "not a regular file")
    # --- links -----------------------------------------------------------------------------------
    (root / "loop").symlink_to(".", target_is_directory=True)           # loop onto the root
    (root / "sub" / "inner").mkdir(parents=True)
    (root / "sub" / "inner" / "back").symlink_to("..", target_is_directory=True)
    add("sub/inner/real.txt", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]))
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    exp["dangling.txt"] = Expect({"failed"}, "broken symbolic link")
    (root / "link-to-real.txt").symlink_to(root / "sub" / "inner" / "real.txt")
    exp["link-to-real.txt"] = Expect(ok, contains=[ARTICLE])
    # --- names ---------------------------------------------------------------------------------
    add("file with  spaces.txt", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]))
    add("中文 文件名（第1版）.txt", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]))
    add("(括号) [方括号] & 'quote' #1.md", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]))
    add("网络视听报告".encode("gbk") + b".txt", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]),
        shown="网络视听报告.txt")
    add(b"bad\xff\xfename.txt", ARTICLE.encode(), Expect(ok, contains=[ARTICLE]), shown="bad\\xff\\xfename.txt")
    deep = "/".join(f"level{i:02d}" for i in range(80)) + "/deep.txt"
    add(deep, ARTICLE.encode(), Expect(ok, contains=[ARTICLE]))
    # --- markup ----------------------------------------------------------------------------------
    page = f"""<!doctype html><html><head><title>网络视听报告</title>
<style>p {{ color:red }}</style><script>document.cookie='x'; alert(1)</script></head>
<body onload="alert('load')"><nav><a href="javascript:alert(2)">首页</a></nav>
<p onclick="alert(3)">{ARTICLE}</p><img src="x" onerror="alert(4)">
<p>第二段：<b>用户</b>规模<span style="color:red">持续</span>增长。<script>alert(5)</script></p>
<iframe src="javascript:alert(6)"></iframe><noscript>请启用脚本</noscript></body></html>"""
    add("page.html", page.encode(), Expect(ok, contains=[ARTICLE], excludes=HTML_MARKERS))
    add("script-only.html", b"<html><head><script>alert(1)</script></head><body></body></html>",
        Expect({"skipped"}, "no text"))
    md = (f"# 报告\n\n{ARTICLE}\n\n<script>alert(1)</script>\n\n"
          f"<img src=x onerror=alert(2)>\n\n<div onclick=\"alert(3)\">第二段文字。</div>\n")
    add("raw-html.md", md.encode(), Expect(ok, contains=[ARTICLE], excludes=HTML_MARKERS))
    nested = "<html><body>" + "<div>" * 3000 + f"<p>{ARTICLE}</p>" + "</div>" * 3000 + "</body></html>"
    add("deeply-nested.html", nested.encode(), Expect(ok, contains=[ARTICLE], excludes=HTML_MARKERS))
    # --- size ------------------------------------------------------------------------------------------
    numbers = "，".join(str(rnd.randrange(1, 10**7)) for _ in range(60_000)) + "。"
    add("sixty-thousand-numbers.txt", ("各地数据如下：" + numbers + "\n" + ARTICLE).encode(),
        Expect(ok, contains=[ARTICLE]))
    # A bloated 30 MB web page: a huge inline image and script around a short
    # article (the article must survive libxml2's size limits).
    filler = max(0, big_mb * 1024 * 1024 - 200_000)
    image = base64.b64encode(rnd.randbytes(filler * 45 // 100)).decode()
    state = "window.__STATE__ = [" + "1," * (filler // 5) + "0];"
    big = (f"<html><head><title>大页面</title><script>{state}</script></head><body>"
           f"<img src=\"data:image/png;base64,{image}\"><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"
           f"</body></html>")
    add("bloated-30mb.html", big.encode(), Expect(ok, contains=[ARTICLE], excludes=HTML_MARKERS))
    return exp
