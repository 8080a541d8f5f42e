"""Characters a user cannot see in what she typed or pasted, and how messages show them. Kept here, below the rest of
the engine, because the readers of lists and the checks of typed input both use them."""

from __future__ import annotations

import re

# Zero-width characters a copy from a web page or chat leaves behind: dropped before a number is read.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Bidirectional controls (U+202E turns the rest of a line around): never echoed, always shown as a mark.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SHOWN = "（不可见字符）"
INVISIBLE = dict.fromkeys(map(ord, ZERO_WIDTH))
SHOW_INVISIBLE = {ord(c): SHOWN for c in ZERO_WIDTH + BIDI}
SHOW_BIDI = {ord(c): SHOWN for c in BIDI}
HIDDEN = re.compile(f"[{ZERO_WIDTH}{BIDI}]")
