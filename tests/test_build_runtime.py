"""The build's packing of the memory snapshot: only what is not zeros, and exactly where it goes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import build_runtime  # noqa: E402

B = 4  # a small block, so that the cases stay readable


def unpack(packed: bytes, runs: list[list[int]], size: int) -> bytes:
    """What the worker's place() does: the stretches back at their offsets, zeros between them."""
    out = bytearray(size)
    at = 0
    for offset, n in runs:
        out[offset:offset + n] = packed[at:at + n]
        at += n
    return bytes(out)


def test_stretches_of_zeros_are_left_out_in_whole_blocks():
    data = b"ab\0\0" + bytes(8) + b"\0\0\0c" + b"dddd" + bytes(4) + b"e"
    runs = build_runtime.nonzero_runs(data, B)
    assert runs == [[0, 4], [12, 8], [24, 1]]  # a block with any byte set is kept whole; the last may be short
    packed = b"".join(data[a:a + n] for a, n in runs)
    assert unpack(packed, runs, len(data)) == data


def test_all_zeros_and_no_zeros():
    assert build_runtime.nonzero_runs(bytes(16), B) == []
    assert build_runtime.nonzero_runs(b"x" * 10, B) == [[0, 10]]
    assert build_runtime.nonzero_runs(b"", B) == []
