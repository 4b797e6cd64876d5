"""Bytes to text: BOMs, UTF-8, UTF-16, GB18030, then detection.

GB18030 is tried before any detector because it is a strict superset of GBK
and GB2312: decoding Chinese as GBK loses characters such as NBSP or U+30FB
that real articles contain.  A few undecodable bytes (a file truncated in the
middle of a character) are replaced rather than failing the document; binary
data is refused with a clear message.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Share of replacement characters tolerated in a best-effort decode.
MAX_REPLACED_SHARE = 0.01
# Share of NUL bytes above which data without a UTF-16 shape is binary.
MAX_NUL_SHARE = 0.01
# Share of common Chinese-article characters a BOM-less UTF-16 decode needs.
MIN_UTF16_COMMON_SHARE = 0.8
# How codecs name a multibyte character cut off by the end of the data.
_TRUNCATED = ("unexpected end of data", "incomplete multibyte sequence")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    # ASCII-heavy UTF-16 has NULs on one side only; CJK-heavy UTF-16 is
    # caught by the strict-decode attempts below.
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _common_share(text: str) -> float:
    """Share of characters usual in Chinese articles (CJK, ASCII, punctuation)."""
    if not text:
        return 0.0
    common = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or " " <= c <= "~" or c in "\n\r\t"
                 or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or "\u2000" <= c <= "\u206f")
    return common / len(text)


def _cjk_utf16(data: bytes) -> Decoded | None:
    """Chinese-heavy UTF-16 without a BOM (its NULs sit on both byte sides).

    Random bytes decoded as UTF-16 are mostly unusual characters, so the
    share of common characters tells text from binary and LE from BE.
    """
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        score = _common_share(data[:8192].decode(codec, errors="replace"))
        if score >= MIN_UTF16_COMMON_SHARE and (best is None or score > best[0]):
            best = (score, codec)
    if best is None:
        return None
    codec = best[1]
    text = data[: len(data) // 2 * 2].decode(codec, errors="replace")
    return Decoded(text, codec, text.count("\ufffd") + len(data) % 2)


def _is_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:8192]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(sample) > 0.05


def decode_bytes(data: bytes) -> Decoded:
    """Decode file bytes to text, naming the encoding used."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            return _checked(Decoded(text, name, text.count("\ufffd")))
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return _checked(Decoded(text, utf16, text.count("\ufffd")))
    sample = data[:8192]
    if b"\x00" in sample:
        cjk16 = _cjk_utf16(data)
        if cjk16 is not None:
            return _checked(cjk16)
        # A stray NUL in otherwise valid text is dropped by cleaning; many
        # NULs, or NULs in bytes that are not valid text, mean binary data.
        if sample.count(0) > MAX_NUL_SHARE * len(sample):
            raise DecodeError("binary data (NUL bytes), not a text file")
    for codec in ("utf-8", "gb18030"):
        try:
            return _checked(Decoded(data.decode(codec), codec))
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 4 and exc.reason in _TRUNCATED:
                # Cut in the middle of the last character (a truncated
                # download): the text is this encoding minus one character.
                text = data.decode(codec, errors="replace")
                return _checked(Decoded(text, codec, text.count("\ufffd")))
            continue
    if b"\x00" in sample:
        raise DecodeError("binary data (NUL bytes), not a text file")
    # Best effort: the encoding that leaves the fewest undecodable bytes.
    candidates = []
    for codec in ("utf-8", "gb18030", "big5"):
        text = data.decode(codec, errors="replace")
        candidates.append((text.count("\ufffd"), codec, text))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding not in ("utf_8", "gb18030", "big5"):
            text = data.decode(best.encoding, errors="replace")
            candidates.append((text.count("\ufffd"), best.encoding, text))
    except Exception:  # detection is a hint only
        pass
    replaced, codec, text = min(candidates, key=lambda c: c[0])
    if replaced > max(1, MAX_REPLACED_SHARE * len(text)):
        raise DecodeError(
            f"not decodable as UTF-8, GB18030 or a detected encoding ({replaced} bad characters)"
        )
    return _checked(Decoded(text, codec, replaced))


def _checked(decoded: Decoded) -> Decoded:
    if _is_binary(decoded.text):
        raise DecodeError(f"binary data, not text (decoded as {decoded.encoding})")
    return decoded
