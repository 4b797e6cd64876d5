"""Time grows linearly with the size of a document, whatever its shape.

A 2-million-character line without punctuation and 1 million characters in
short unpunctuated lines (a PDF extract of a table) go through
``process_batch`` (what every worker runs) next to versions a quarter
the size.  Four times the text must cost about four times the time; the
bound is loose (< 8x) because the machine is shared, but a quadratic step
(it was there: rejoining broken lines) shows up as 16x and more.
"""
from __future__ import annotations

import random
import time

import pytest

from pipeline.clean import MAX_PARAGRAPH_CHARS
from pipeline.discover import discover
from pipeline.process import process_batch

pytestmark = pytest.mark.slow

VOCABULARY = ["网络视听", "用户", "规模", "持续", "扩大", "微短剧", "市场", "快速", "增长", "产业链", "条",
              "不断", "完善", "带动", "就业", "岗位", "直播", "平台", "内容", "创作者", "车载", "音频", "数字"]


def words(n: int, seed: int) -> str:
    """Varied text (no repeated paragraphs for a cache to shortcut)."""
    rnd = random.Random(seed)
    return "".join(rnd.choices(VOCABULARY, k=n // 2))[:n]


def one_line(n: int) -> str:
    return words(n, n)


def short_lines(n: int) -> str:
    text = words(n, n + 1)  # lines longer than a heading, no closing punctuation: rejoined
    return "\n".join(text[i:i + 39] for i in range(0, len(text) - 39, 40))


def run(tmp_path, name: str, text: str):
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    sources = list(discover(folder, 10**9))
    t0 = time.perf_counter()
    result = process_batch(sources, "run", "key", ("indicators",))
    return time.perf_counter() - t0, result


@pytest.mark.parametrize("shape,size", [(one_line, 2_000_000), (short_lines, 1_000_000)])
def test_time_is_linear_in_document_size(tmp_path, shape, size):
    small_s, _ = run(tmp_path, "small", shape(size // 4))
    big_s, result = run(tmp_path, "big", shape(size))
    (doc,) = result.rows["documents"]
    assert doc["status"] == "ok" and doc["chars"] >= 0.95 * size
    assert all(p["end"] - p["start"] <= MAX_PARAGRAPH_CHARS for p in result.rows["paragraphs"])
    assert big_s / small_s < 8, f"{shape.__name__}: {size // 4} chars {small_s:.1f} s, {size} chars {big_s:.1f} s"
