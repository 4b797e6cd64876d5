"""Text extraction per file format: txt, md, html, docx, pdf.

Each reader returns the article's text with one block per line plus the
metadata the format carries (title, publication date), so cleaning treats
every format alike.  HTML goes through trafilatura (main text, no navigation
or scripts) with an lxml fallback for pages too small for its heuristics.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

from .decode import Decoded, decode_bytes


class FormatError(ValueError):
    """The file is not a readable document of its claimed format."""


@dataclass(frozen=True)
class Extracted:
    text: str
    encoding: str | None
    title: str | None = None
    published: dt.date | None = None


def read_txt(data: bytes) -> Extracted:
    d = decode_bytes(data)
    return Extracted(d.text, d.encoding)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def read_md(data: bytes) -> Extracted:
    """Markdown rendered to HTML, then its block text (no markup characters)."""
    import markdown

    d = decode_bytes(data)
    text = d.text.replace("\r\n", "\n").replace("\r", "\n")
    title = published = None
    fm = _FRONT_MATTER.match(text)
    if fm:
        text = text[fm.end():]
        for line in fm.group(1).splitlines():
            key, _, val = line.partition(":")
            key, val = key.strip().lower(), val.strip().strip("'\"")
            if key == "title" and val:
                title = val
            elif key in ("date", "published") and val:
                published = _parse_date(val)
    html = markdown.markdown(text, extensions=["tables"])
    blocks = _html_blocks(html)
    return Extracted("\n".join(blocks), d.encoding, title, published)


_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "blockquote", "div", "dd", "dt")


def _html_blocks(html: str) -> list[str]:
    """Innermost block texts; the standard library's parser when lxml loses text.

    libxml2 (under lxml and trafilatura) silently stops at a text node over
    10 MB or at markup nested over 256 deep, so a hostile or bloated page
    would come out empty.  ``html.parser`` has no such limits (but is slower),
    so it takes over when lxml kept much less text than the page shows.
    """
    if not html.strip():
        return []
    blocks = _lxml_blocks(html)
    got = sum(len(b) for b in blocks)
    if got < 0.5 * _visible_chars(html):
        parser = _TextBlocks()
        parser.feed(html)
        parser.close()
        if sum(len(b) for b in parser.blocks) > got:
            return parser.blocks
    return blocks


_SKIPPED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form")
_NEVER_TEXT = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_DATA_URI = re.compile(r"data:[\w/+.-]*;base64,[A-Za-z0-9+/=]{2000,}")
# Inline scripts, styles and comments larger than this are dropped before parsing.
BULKY_BLOCK_CHARS = 50_000


def _visible_chars(html: str) -> int:
    """Rough count of the text a browser would show (for the fallback decision)."""
    return sum(len(w) for w in _TAG.sub(" ", _NEVER_TEXT.sub(" ", html)).split())


def _strip_bulky(html: str) -> str:
    """Drop inline images, giant scripts/styles/comments: never text, and they
    push the article past libxml2's size limits."""
    html = _DATA_URI.sub("data:,", html)
    return _NEVER_TEXT.sub(lambda m: "" if len(m.group()) > BULKY_BLOCK_CHARS else m.group(), html)


class _TextBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._parts.append(data)

    def close(self):
        super().close()
        self._flush()

    def _flush(self):
        text = " ".join("".join(self._parts).split())
        self._parts = []
        if text:
            self.blocks.append(text)


def _lxml_blocks(html: str) -> list[str]:
    from lxml import html as lhtml

    try:
        root = lhtml.fromstring(html)
    except Exception:  # lxml refuses some documents outright (e.g. only a comment)
        return []
    for bad in root.xpath("//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    blocks: list[str] = []
    for el in root.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in el):
            continue  # the innermost block carries the text
        t = " ".join(el.text_content().split())
        if t:
            blocks.append(t)
    if not blocks:
        t = " ".join(root.text_content().split())
        blocks = [t] if t else []
    return blocks


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def _decode_html(data: bytes) -> Decoded:
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        # GBK/GB2312 declarations are read as GB18030, their superset.
        if declared in ("gbk", "gb2312", "gb_2312-80", "x-gbk"):
            declared = "gb18030"
        try:
            return Decoded(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def read_html(data: bytes) -> Extracted:
    import trafilatura
    from trafilatura.settings import use_config

    d = _decode_html(data)
    html = _strip_bulky(d.text)
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work in worker threads
    text = trafilatura.extract(
        html, config=config, include_comments=False, include_tables=True,
        include_images=False, include_links=False, favor_precision=True, deduplicate=False,
    )
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    published = _parse_date(meta.date) if meta and meta.date else None
    blocks = text.split("\n") if text and len(text.strip()) >= 20 else _html_blocks(html)
    if not title:
        m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
        title = " ".join(m.group(1).split()) if m else None
    return Extracted("\n".join(blocks), d.encoding, title, published)


def read_docx(data: bytes) -> Extracted:
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormatError("not a .docx file (not a zip container)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken files
        raise FormatError(f"broken .docx: {exc}") from exc
    blocks: list[str] = []
    title = None
    for para in document.paragraphs:
        t = para.text.strip()
        if not t:
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        if title is None and (style == "title" or style.startswith("heading")):
            title = t
        blocks.append(t)
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                blocks.append(" ".join(dict.fromkeys(cells)))
    props = document.core_properties
    title = props.title or title
    return Extracted("\n".join(blocks), "utf-8", title or None, None)


def read_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise FormatError("encrypted PDF") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = meta.title if meta and meta.title else None
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise FormatError(f"broken PDF: {exc}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise FormatError("PDF has no text layer (scanned image?); OCR is not supported")
    return Extracted(text, None, title, None)


READERS = {"txt": read_txt, "md": read_md, "html": read_html, "docx": read_docx, "pdf": read_pdf}

_DATE = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")


def _parse_date(value: str) -> dt.date | None:
    m = _DATE.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
