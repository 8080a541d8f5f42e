"""Tiny writers of MP4 and WebM files for the tests: just the container header a duration reader needs, plus a
little media data. Nothing is downloaded; every byte is made here."""

from __future__ import annotations

import struct


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def mvhd(seconds: float, timescale: int = 1000, version: int = 0) -> bytes:
    units = round(seconds * timescale)
    if version == 1:
        body = b"\x01\x00\x00\x00" + struct.pack(">QQIQ", 0, 0, timescale, units)
    else:
        body = b"\x00\x00\x00\x00" + struct.pack(">IIII", 0, 0, timescale, units)
    return box(b"mvhd", body + b"\x00" * 80)  # rate, volume, matrix, next track id: not read


def mp4(seconds: float, *, timescale: int = 1000, version: int = 0, moov_first: bool = False,
        media: bytes = b"\x00" * 256, brand: bytes = b"isom") -> bytes:
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp41")
    moov = box(b"moov", mvhd(seconds, timescale, version) + box(b"trak", box(b"tkhd", b"\x00" * 84)))
    mdat = box(b"mdat", media)
    return ftyp + (moov + mdat if moov_first else mdat + moov)


def mov(seconds: float) -> bytes:
    """QuickTime: a `wide` placeholder, then `mdat`, then `moov`; no `ftyp`."""
    return box(b"wide", b"") + box(b"mdat", b"\x00" * 64) + box(b"moov", mvhd(seconds, 600))


def ebml_id(eid: int) -> bytes:
    return eid.to_bytes((eid.bit_length() + 7) // 8, "big")


def ebml_size(n: int | None, width: int = 8) -> bytes:
    if n is None:
        return b"\x01" + b"\xff" * 7  # unknown size
    return ((1 << (7 * width)) | n).to_bytes(width, "big") if width > 1 else bytes([0x80 | n])


def el(eid: int, body: bytes, size: int | None | str = "own") -> bytes:
    return ebml_id(eid) + ebml_size(len(body) if size == "own" else size) + body  # type: ignore[arg-type]


def uint(n: int) -> bytes:
    return n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")


def webm(seconds: float | None, *, timecode_scale: int = 1_000_000, float_size: int = 8,
         doctype: bytes = b"webm", unknown_segment: bool = False, info_after_cluster: bool = False) -> bytes:
    header = el(0x1A45DFA3, el(0x4286, uint(1)) + el(0x42F7, uint(1)) + el(0x4282, doctype) + el(0x4287, uint(4)))
    info_body = el(0x2AD7B1, uint(timecode_scale)) + el(0x4D80, b"tests") + el(0x5741, b"tests")
    if seconds is not None:
        ticks = seconds * 1e9 / timecode_scale
        info_body += el(0x4489, struct.pack(">f", ticks) if float_size == 4 else struct.pack(">d", ticks))
    info = el(0x1549A966, info_body)
    tracks = el(0x1654AE6B, el(0xAE, el(0xD7, uint(1)) + el(0x86, b"V_VP8")))
    cluster = el(0x1F43B675, el(0xE7, uint(0)) + el(0xA3, b"\x81\x00\x00\x80" + b"\x00" * 64))
    body = (cluster + info if info_after_cluster else info + tracks + cluster)
    return header + el(0x18538067, body, None if unknown_segment else "own")


def sparse_mp4(path, seconds: float, gap: int) -> int:
    """An MP4 whose media data is `gap` bytes of a sparse file (64-bit box size), with `moov` at the end."""
    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isommp41")
    moov = box(b"moov", mvhd(seconds))
    with open(path, "wb") as fh:
        fh.write(ftyp)
        fh.write(struct.pack(">I4sQ", 1, b"mdat", 16 + gap))
        fh.seek(len(ftyp) + 16 + gap)
        fh.write(moov)
    return len(ftyp) + 16 + gap + len(moov)
