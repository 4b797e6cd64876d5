"""Length-preserving normalisation of a sentence before scanning.

The cleaning stage already maps full-width digits and ``％`` to ASCII, but the
extractor may also see text that did not go through it.  Every mapping here is
one character to one character, so offsets found in the normalised string are
offsets in the original one.
"""
from __future__ import annotations

_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}        # ０-９
_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})                    # Ａ-Ｚ
_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})                    # ａ-ｚ
for a, b in {"％": "%", "﹪": "%", "．": ".", "－": "-", "～": "~", "＋": "+", "／": "/",
             "＊": "*", "\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
             "\u202f": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ", "\t": " ",
             "\u2060": " ", "\u00ad": " ", "\r": " ", "\n": " "}.items():
    _TABLE[ord(a)] = ord(b)


def normalise(text: str) -> str:
    """Same length as ``text``; digits, letters, % and spaces in ASCII form."""
    out = text.translate(_TABLE)
    return out if len(out) == len(text) else text
