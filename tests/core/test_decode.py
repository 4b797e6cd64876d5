import codecs
import csv
import hashlib

import pytest

from pipeline.decode import DecodeError, decode_bytes

TEXT = "截至2025年12月，我国网民规模达11.25亿人\u00a0（含\u30fb符号）。"


@pytest.mark.parametrize("codec,bom,expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gb18030", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
])
def test_round_trip(codec, bom, expected):
    decoded = decode_bytes(bom + TEXT.encode(codec))
    assert decoded.text == TEXT
    assert decoded.encoding == expected


def test_gb18030_not_gbk():
    # NBSP and U+30FB are not in GBK: a GBK decoder would fail or lose them.
    data = TEXT.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")
    assert decode_bytes(data).text == TEXT


def test_utf16_without_bom():
    text = "Report 2025: 11.25 yi users\n" * 20
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_truncated_gb18030_is_decoded_with_replacement():
    data = ("网络视听" * 200).encode("gb18030")[:-1]
    decoded = decode_bytes(data)
    assert decoded.encoding == "gb18030"
    assert decoded.replaced == 1
    assert decoded.text.startswith("网络视听")


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 20)


def test_random_bytes_refused():
    import random

    rnd = random.Random(1)
    with pytest.raises(DecodeError):
        decode_bytes(bytes(rnd.randrange(128, 256) for _ in range(5000)))


def test_shared_encoding_copies(shared):
    """Every re-encoded pool copy decodes to its original text exactly."""
    folder = shared / "corpus" / "pool" / "encodings"
    rows = list(csv.DictReader(open(folder / "INDEX.tsv", encoding="utf-8"), delimiter="\t"))
    assert rows
    for row in rows:
        decoded = decode_bytes((folder / row["file"]).read_bytes())
        original = (shared / "corpus" / (row["original_doc_id"] + ".txt")).read_bytes().decode("utf-8")
        got = decoded.text.replace("\r\n", "\n")
        assert got == original.replace("\r\n", "\n").replace("\r", "\n") or \
            hashlib.sha1(decoded.text.encode()).hexdigest() == row["sha1_of_decoded_text"], row["file"]
        assert decoded.encoding == ("gb18030" if row["encoding"].lower() == "gb18030" else "utf-8-sig")
