"""How many 字 a text has, counted both ways the documents leave open."""

from __future__ import annotations

import unicodedata

# CJK ideographs: the unified block and its extensions, compatibility ideographs, and 〇.
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return ch == "\u3007" or any(lo <= cp <= hi for lo, hi in _HAN)


def is_visible(ch: str) -> bool:
    """Letters, digits, punctuation and symbols; never white space, control or zero-width characters."""
    return not ch.isspace() and unicodedata.category(ch)[0] not in ("C", "Z")


def count(text: str) -> dict[str, int]:
    """{"han": Chinese characters only, "visible": every character but white space and invisible ones}."""
    han = visible = 0
    for ch in text:
        if is_han(ch):
            han += 1
            visible += 1
        elif is_visible(ch):
            visible += 1
    return {"han": han, "visible": visible}
