"""Cleaning: normalised text, paragraphs, sentences and a title.

Every later stage works on the cleaned text, and every offset in the output
tables points into it, so the analyst can always find a figure again in
``documents.text``.  Normalisation is chosen so that numbers and units look
the same whichever keyboard or website produced them (full-width digits,
``％``, NBSP), while Chinese punctuation — which carries sentence structure —
is kept.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .document import CleanDocument, Paragraph, Sentence

# Longest paragraph handed to the analysis stages; longer blocks (a whole book
# on one line, a 2-million-character log) are cut at sentence boundaries so
# that no stage ever sees an unbounded unit.
MAX_PARAGRAPH_CHARS = 4000
# Longest sentence; a run without punctuation is cut at a comma or space, or hard.
MAX_SENTENCE_CHARS = 1000
# A line at most this long, without closing punctuation, is a heading, not a
# paragraph that a line break cut in two.
HEADING_MAX_CHARS = 30

_SENTENCE_END = "。！？；!?;"
_CLOSERS = "”’」』）)\"'》】"
_TERMINAL = _SENTENCE_END + "…：:" + _CLOSERS
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u3000\u2002\u2003\u2009\u202f\u205f\t\x0b\x0c"), " ")
# Full-width digits and Latin letters and ％ map to ASCII; other full-width
# punctuation (，：；（）！？) is Chinese punctuation and is kept.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_FULLWIDTH[0xFF05] = ord("%")
_ZERO_WIDTH_RE = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + "]")
_SPACES_RE = re.compile("[" + "".join(map(chr, _SPACES)) + "]")
_FULLWIDTH_RE = re.compile("[" + "".join(map(chr, _FULLWIDTH)) + "]")


def _to_ascii(m: re.Match) -> str:
    return chr(_FULLWIDTH[ord(m.group())])

# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_FULLWIDTH_DOT_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])[．。](?=[0-9])")
_LIST_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|第[一二三四五六七八九十百零\d]+[条章节款]|[-*•·●■◆]\s)"
)
_DATE_LINE = re.compile(
    r"(?:发布(?:时间|日期)|日期|时间|Date)\s*[:：]?\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})"
)


def normalise(text: str) -> str:
    """Unicode normalisation for analysis; Chinese punctuation kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Regex substitutions rather than str.translate: translate costs ~70 ns
    # per character on non-ASCII text, the regexes only touch what they match.
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    text = _FULLWIDTH_RE.sub(_to_ascii, text)
    text = _FULLWIDTH_DOT_BETWEEN_DIGITS.sub(".", text)
    # Remaining control characters (C0/C1 except newline) carry no text.
    # A regex, not a per-character loop: a 30 MB file must stay cheap.
    return _CONTROL.sub("", text)


def is_cjk(ch: str) -> bool:
    """A Han character (basic block, extension A, compatibility ideographs)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_cjk_text(text: str) -> bool:
    """Non-empty and Han characters only."""
    return bool(text) and all(map(is_cjk, text))


def _continues(pieces: list[str], nxt: str) -> bool:
    """Did a line or page break cut the block in the middle of a sentence?"""
    prev = pieces[-1]
    if (len(pieces) == 1 and len(prev) <= HEADING_MAX_CHARS) or prev[-1] in _TERMINAL:
        return False
    if _LIST_MARKER.match(nxt):
        return False
    first = nxt[0]
    return is_cjk(first) or first.isalnum() or first in "，、,"


def _joiner(prev: str, nxt: str) -> str:
    # Latin words cut by a line break need their space back; Chinese does not.
    if prev[-1].isascii() and prev[-1].isalpha() and nxt[0].isascii() and nxt[0].isalpha():
        return " "
    return ""


def split_paragraphs(text: str) -> list[str]:
    """Non-empty blocks separated by line breaks, with broken ones rejoined."""
    # A block is kept as a list of pieces and joined once: re-concatenating
    # a growing string per rejoined line is quadratic (a long PDF extract
    # with short unpunctuated lines took minutes).
    blocks: list[list[str]] = []
    for line in text.split("\n"):
        line = " ".join(line.split()) if "  " in line or line[:1] == " " or line[-1:] == " " else line
        if not line:
            continue
        if blocks and _continues(blocks[-1], line):
            blocks[-1].append(_joiner(blocks[-1][-1], line) + line)
        else:
            blocks.append([line])
    out: list[str] = []
    for pieces in blocks:
        out.extend(_cap_paragraph("".join(pieces)))
    return out


def _cap_paragraph(block: str) -> list[str]:
    if len(block) <= MAX_PARAGRAPH_CHARS:
        return [block]
    parts, cur = [], 0
    spans = sentence_spans(block)
    start = 0
    for s, e in spans:
        if e - start > MAX_PARAGRAPH_CHARS and s > start:
            parts.append(block[start:s])
            start = s
        cur = e
    parts.append(block[start:cur])
    return [p for p in (q.strip() for q in parts) if p]


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets within a paragraph.

    A sentence ends after 。！？； (or ASCII !?;) plus any closing quotes or
    brackets that follow; an over-long run is cut at a comma or space.
    """
    spans: list[tuple[int, int]] = []
    n = len(paragraph)
    start = i = 0
    while i < n:
        ch = paragraph[i]
        if ch in _SENTENCE_END:
            j = i + 1
            # A run of closers ends the sentence too, but never beyond the cap
            # ("。" * 10**6 must not become one unbounded sentence).
            while j < n and j - start < MAX_SENTENCE_CHARS and (
                    paragraph[j] in _CLOSERS or paragraph[j] in _SENTENCE_END):
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        if i - start >= MAX_SENTENCE_CHARS:
            cut = max(paragraph.rfind("，", start, i), paragraph.rfind(",", start, i), paragraph.rfind(" ", start, i))
            end = cut + 1 if cut > start + MAX_SENTENCE_CHARS // 2 else i
            spans.append((start, end))
            start = end
        i += 1
    if start < n:
        spans.append((start, n))
    # Strip surrounding spaces so spans start and end on text.
    out = []
    for s, e in spans:
        while s < e and paragraph[s] == " ":
            s += 1
        while e > s and paragraph[e - 1] == " ":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def detect_title(paragraphs: list[str]) -> str | None:
    """A short first line without closing punctuation, or a 原标题 prefix."""
    if not paragraphs:
        return None
    first = paragraphs[0]
    if first.startswith("原标题"):
        rest = first.split("：", 1)[-1].split(":", 1)[-1].strip()
        return re.split(r"[ 。！？]", rest, maxsplit=1)[0] or None
    if len(first) <= 60 and first[-1] not in _SENTENCE_END:
        return first
    return None


def detect_published(paragraphs: list[str]) -> dt.date | None:
    """A publication date stated in the first lines (发布时间：2025-01-02)."""
    for para in paragraphs[:5]:
        m = _DATE_LINE.search(para[:200])
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class CleanOptions:
    max_paragraph_chars: int = MAX_PARAGRAPH_CHARS


def clean_document(
    doc_id: str,
    raw_text: str,
    published: dt.date | None = None,
    title: str | None = None,
) -> CleanDocument:
    """Normalise, split and assemble the text every later stage reads.

    Paragraphs are joined with one newline in ``text``; offsets of paragraphs
    and sentences point into that text.
    """
    paras = split_paragraphs(normalise(raw_text))
    text_parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for no, para in enumerate(paras):
        if no:
            text_parts.append("\n")
            pos += 1
        sentences = [Sentence(pos + s, pos + e) for s, e in sentence_spans(para)]
        paragraphs.append(Paragraph(no, pos, pos + len(para), sentences))
        text_parts.append(para)
        pos += len(para)
    if title is not None:
        title = " ".join(normalise(title).split()) or None
    return CleanDocument(
        doc_id=doc_id,
        text="".join(text_parts),
        title=title or detect_title(paras),
        published=published or detect_published(paras),
        paragraphs=paragraphs,
    )
