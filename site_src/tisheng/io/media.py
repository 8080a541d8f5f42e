"""A video's duration read from its container header, touching only the header boxes and never the whole file.

MP4/MOV: the top-level boxes are walked by their sizes (the media data is skipped, not read) to ``moov``, whose
``mvhd`` holds a timescale and a duration (``mvex/mehd`` for a fragmented file). WebM/Matroska: the EBML header,
then the Segment's children walked by their sizes to ``Info``, whose Duration is in TimecodeScale nanoseconds.

``duration(read, size)`` takes ``read(offset, size) -> bytes`` so that the caller decides how bytes are fetched: a
file on disk (``duration_of_path``), or in the browser's worker a ``File`` read slice by slice with
``FileReaderSync`` (``tisheng.api.clip_duration``, called by the worker). Every problem comes back as a Chinese message, never an exception.

The work is bounded, not timed: each read fetches a window of ``WINDOW`` bytes (small boxes side by side cost one
read), a file is given ``MAX_READS`` reads and ``MAX_STEPS`` boxes or elements in all, and a duration over
``MAX_SECONDS`` is a damaged header, not a recording. In the browser each read is one FileReaderSync call (about a
millisecond), so an 8 MB file of a million empty boxes is refused in a fraction of a second instead of 73–90 s.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

Read = Callable[[int, int], bytes]

MP4_FIRST = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"pdin", b"styp", b"sidx"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
SEGMENT, INFO, CLUSTER = 0x18538067, 0x1549A966, 0x1F43B675
TIMECODE_SCALE, DURATION, DOCTYPE = 0x2AD7B1, 0x4489, 0x4282
MAX_STEPS = 10_000  # boxes or elements walked in all (a camera's file has tens; a long fragmented one, thousands)
MAX_READS = 200  # reads of the file (a camera's file needs two to twenty)
WINDOW = 512  # bytes fetched per read: the boxes near one another come with it
MAX_INFO = 65_536
MAX_SECONDS = 86_400  # a day: the evidence check's own maximum; a longer header is no recording (136 years seen)

TYPE_IT = "请直接在下面填写视频时长（分钟）。"
MESSAGES = {
    "empty": "这个文件是空的（0 字节），不是视频。" + TYPE_IT,
    "not-video": "这个文件不是 MP4、MOV 或 WebM 视频，无法读取时长。请确认选的是课堂实录视频；" + TYPE_IT,
    "truncated": "这个视频文件不完整（文件头中断，可能没有拷贝或下载完），无法读取时长。请换用完整的文件；" + TYPE_IT,
    "damaged": "这个视频文件的文件头已损坏，无法读取时长。" + TYPE_IT,
    "no-duration": "这个视频的文件头里没有记录时长（有的录屏软件和浏览器录制的视频是这样）。" + TYPE_IT,
    "implausible": "这个视频的文件头记录的时长超过 24 小时，不会是真实的录像：文件头已损坏，无法读取时长。" + TYPE_IT,
    "unusual": ("这个视频文件的结构异常（文件头由上万个小段组成，摄像机、手机和录屏软件保存的视频只有几十个），"
                "可能已损坏，无法读取时长。" + TYPE_IT),
    "unreadable": "无法读取这个文件（可能已被移动、删除，或没有读取权限）。" + TYPE_IT,
}


class Problem(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class Reader:
    """``read`` with the file's size, a window of the last bytes read, counts of reads, bytes and steps, and a
    short read raised as a truncated header."""

    def __init__(self, read: Read, size: int):
        self._read, self.size, self.bytes_read, self.calls, self.steps = read, size, 0, 0, 0
        self._at, self._window = 0, b""

    def exact(self, offset: int, n: int) -> bytes:
        if offset < 0 or n < 0 or offset + n > self.size:
            raise Problem("truncated")
        start = offset - self._at
        if 0 <= start and start + n <= len(self._window):
            return self._window[start:start + n]
        if self.calls >= MAX_READS:
            raise Problem("unusual")
        want = min(max(n, WINDOW), self.size - offset)
        try:
            got = bytes(self._read(offset, want))
        except Problem:
            raise
        except Exception as exc:  # the caller's reader failed (a file gone, a permission): not the file's fault
            raise Problem("unreadable") from exc
        self.calls += 1
        self.bytes_read += len(got)
        if len(got) < n:
            raise Problem("truncated")
        self._at, self._window = offset, got
        return got[:n]

    def step(self) -> None:
        """One more box or element walked."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise Problem("unusual")


def duration(read: Read, size: int) -> dict[str, Any]:
    """{"ok": True, "seconds", "container", "bytes_read", "reads"} or {"ok": False, "problem", "message",
    "bytes_read", "reads"}."""
    r = Reader(read, size)
    try:
        if size <= 0:
            raise Problem("empty")
        head = r.exact(0, min(size, 12))
        if head[:4] == EBML_MAGIC:
            seconds, container = _ebml(r), "WebM/Matroska"
        elif len(head) >= 8 and head[4:8] in MP4_FIRST:
            seconds, container = _mp4(r), "MP4/MOV"
        else:
            raise Problem("not-video" if len(head) >= 8 or head[:4] != EBML_MAGIC[: len(head[:4])] else "truncated")
        if seconds > MAX_SECONDS:
            raise Problem("implausible")
    except Problem as p:
        return {"ok": False, "problem": p.kind, "message": MESSAGES[p.kind], "bytes_read": r.bytes_read,
                "reads": r.calls}
    return {"ok": True, "seconds": seconds, "container": container, "bytes_read": r.bytes_read, "reads": r.calls}


# ---------------------------------------------------------------- MP4 / MOV (ISO base media, QuickTime)


def _boxes(r: Reader, start: int, end: int) -> Any:
    """(type, content offset, box end) for each box in [start, end), reading only the 8 or 16 header bytes."""
    off = start
    while off + 8 <= end:
        r.step()
        size, kind = struct.unpack(">I4s", r.exact(off, 8))
        head = 8
        if size == 1:
            size, head = struct.unpack(">Q", r.exact(off + 8, 8))[0], 16
        elif size == 0:  # the last box runs to the end of the file
            size = r.size - off
        if size < head:
            raise Problem("damaged")
        yield kind, off + head, off + size
        off += size


def _mp4(r: Reader) -> float:
    for kind, body, end in _boxes(r, 0, r.size):
        if kind == b"moov":
            if end > r.size:  # the movie header is cut off: the file would not play, whatever it says
                raise Problem("truncated")
            return _moov(r, body, end)
    raise Problem("truncated")  # no movie header: the recording was cut off before it was written


def _moov(r: Reader, body: int, end: int) -> float:
    scale = length = None
    fragment = None
    for kind, inner, stop in _boxes(r, body, end):
        if kind == b"mvhd":
            scale, length = _mvhd(r, inner, stop)
        elif kind == b"mvex":
            for k2, in2, stop2 in _boxes(r, inner, stop):
                if k2 == b"mehd":
                    fragment = _full_number(r, in2, stop2)
    if scale is None:
        raise Problem("truncated" if end > r.size else "damaged")
    if not length and fragment:
        length = fragment
    if not scale or not length:
        raise Problem("no-duration")
    return length / scale


def _mvhd(r: Reader, inner: int, stop: int) -> tuple[int, int | None]:
    version = r.exact(inner, 1)[0]
    if version == 1:
        scale, length = struct.unpack(">IQ", r.exact(inner + 20, 12))
        unknown = length == 0xFFFFFFFFFFFFFFFF
    else:
        scale, length = struct.unpack(">II", r.exact(inner + 12, 8))
        unknown = length == 0xFFFFFFFF
    if inner + (32 if version == 1 else 20) > stop:
        raise Problem("damaged")
    return scale, None if unknown else length


def _full_number(r: Reader, inner: int, stop: int) -> int:
    """A full box holding one number: 32-bit in version 0, 64-bit in version 1 (``mehd``)."""
    version = r.exact(inner, 1)[0]
    if version == 1:
        return int(struct.unpack(">Q", r.exact(inner + 4, 8))[0])
    return int(struct.unpack(">I", r.exact(inner + 4, 4))[0])


# ---------------------------------------------------------------- WebM / Matroska (EBML)


def _vint(r: Reader, off: int, max_len: int, keep_marker: bool) -> tuple[int, int, bool]:
    """(value, length, all ones) of an EBML variable-length integer: an element ID keeps its marker bit, a size
    drops it, and a size of all ones means “unknown”."""
    first = r.exact(off, 1)[0]
    length = next((i + 1 for i in range(8) if first & (0x80 >> i)), 0)
    if not length or length > max_len:
        raise Problem("damaged")
    raw = r.exact(off, length) if length > 1 else bytes([first])
    value = int.from_bytes(raw, "big")
    data_bits = (1 << (7 * length)) - 1
    all_ones = (value & data_bits) == data_bits
    return (value if keep_marker else value & data_bits), length, all_ones


def _element(r: Reader, off: int) -> tuple[int, int, int | None]:
    """(ID, content offset, content size or None when unknown)."""
    eid, n1, _ = _vint(r, off, 4, True)
    size, n2, unknown = _vint(r, off + n1, 8, False)
    return eid, off + n1 + n2, None if unknown else size


def _children(data: bytes) -> dict[int, bytes]:
    """The direct children of an element already read whole (the small EBML header, Info)."""
    out: dict[int, bytes] = {}
    inner = Reader(lambda o, n: data[o:o + n], len(data))
    off = 0
    while off < len(data):
        eid, body, size = _element(inner, off)
        if size is None or body + size > len(data):
            raise Problem("damaged")
        out.setdefault(eid, data[body:body + size])
        off = body + size
    return out


def _ebml(r: Reader) -> float:
    _, body, size = _element(r, 0)
    if size is None or size > 4096:
        raise Problem("damaged")
    doctype = _children(r.exact(body, size)).get(DOCTYPE, b"").rstrip(b"\x00")
    if doctype not in (b"webm", b"matroska"):
        raise Problem("not-video")
    eid, seg, seg_size = _element(r, body + size)
    if eid != SEGMENT:
        raise Problem("damaged")
    seg_end = r.size if seg_size is None else seg + seg_size
    return _segment(r, seg, seg_end)


def _segment(r: Reader, off: int, end: int) -> float:
    while off < min(end, r.size):
        r.step()
        eid, body, size = _element(r, off)
        if eid == INFO:
            if size is None or size > MAX_INFO:
                raise Problem("damaged")
            return _info(r.exact(body, size))
        if size is None:  # a live stream's cluster of unknown size: no Info before it
            raise Problem("no-duration")
        off = body + size
    raise Problem("truncated" if end > r.size or off > r.size else "no-duration")


def _info(data: bytes) -> float:
    kids = _children(data)
    raw = kids.get(DURATION)
    if raw is None:
        raise Problem("no-duration")
    if len(raw) == 4:
        ticks = struct.unpack(">f", raw)[0]
    elif len(raw) == 8:
        ticks = struct.unpack(">d", raw)[0]
    else:
        raise Problem("damaged")
    scale_raw = kids.get(TIMECODE_SCALE)
    scale = int.from_bytes(scale_raw, "big") if scale_raw else 1_000_000
    seconds = ticks * scale / 1e9
    if seconds != seconds or seconds == float("inf"):
        raise Problem("implausible")
    if not seconds > 0:
        raise Problem("no-duration")
    return seconds


# ---------------------------------------------------------------- callers


def duration_of_path(path: str) -> dict[str, Any]:
    import os

    try:
        size = os.path.getsize(path)
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError:
        return {"ok": False, "problem": "unreadable", "message": MESSAGES["unreadable"], "bytes_read": 0}
    with fh:
        def read(offset: int, n: int) -> bytes:
            fh.seek(offset)
            return fh.read(n)

        return duration(read, size)
