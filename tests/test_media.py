"""The video duration reader: MP4/MOV and WebM/Matroska headers written here, a large sparse file of which only a
few KB may be read, and truncated, garbage and empty files, each answered in Chinese."""

from __future__ import annotations

import os
import random

import pytest

from tests import mediafiles as mf
from tisheng.io import media


def read_bytes(data: bytes, log: list[tuple[int, int]] | None = None):
    def read(offset: int, n: int) -> bytes:
        if log is not None:
            log.append((offset, n))
        return data[offset:offset + n]
    return read


def dur(data: bytes) -> dict:
    return media.duration(read_bytes(data), len(data))


@pytest.mark.parametrize("make,seconds", [
    (lambda: mf.mp4(372.5), 372.5),
    (lambda: mf.mp4(600, timescale=90000, version=1), 600.0),
    (lambda: mf.mp4(185, moov_first=True), 185.0),
    (lambda: mf.mp4(61, brand=b"qt  "), 61.0),
    (lambda: mf.mov(245), 245.0),
])
def test_mp4_and_mov(make, seconds):
    res = dur(make())
    assert res["ok"] and res["container"] == "MP4/MOV"
    assert res["seconds"] == pytest.approx(seconds, abs=1e-3)


@pytest.mark.parametrize("kwargs,seconds", [
    ({}, 372.5), ({"float_size": 4}, 300.0), ({"timecode_scale": 1000}, 599.0), ({"doctype": b"matroska"}, 180.0),
    ({"unknown_segment": True}, 420.0), ({"info_after_cluster": True}, 95.0),
])
def test_webm_and_matroska(kwargs, seconds):
    res = dur(mf.webm(seconds, **kwargs))
    assert res["ok"] and res["container"] == "WebM/Matroska"
    assert res["seconds"] == pytest.approx(seconds, rel=1e-5)


def test_a_large_file_is_never_read_whole(tmp_path):
    path = tmp_path / "big.mp4"
    size = mf.sparse_mp4(path, 540, gap=3 * 1024 ** 3)
    assert os.path.getsize(path) == size
    log: list[tuple[int, int]] = []
    with open(path, "rb") as fh:
        def read(offset: int, n: int) -> bytes:
            log.append((offset, n))
            fh.seek(offset)
            return fh.read(n)
        res = media.duration(read, size)
    assert res["ok"] and res["seconds"] == pytest.approx(540)
    assert res["bytes_read"] == sum(n for _, n in log) < 4096, log
    assert len(log) < 20


def test_a_webm_with_long_media_reads_only_the_header():
    data = mf.webm(480) + b"\x00" * 5_000_000
    log: list[tuple[int, int]] = []
    res = media.duration(read_bytes(data, log), len(data))
    assert res["ok"] and sum(n for _, n in log) < 1024


def test_path_reader():
    res = media.duration_of_path(os.devnull)
    assert res["problem"] == "empty" and "空的" in res["message"]
    assert media.duration_of_path("/nonexistent/clip.mp4")["problem"] == "unreadable"


@pytest.mark.parametrize("data,problem", [
    (b"", "empty"),
    (b"%PDF-1.7\n" + b"x" * 500, "not-video"),
    ("课堂实录。".encode() * 40, "not-video"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not-video"),
    (b"\x1a\x45\xdf", "truncated"),
    (mf.webm(300, doctype=b"pdfx"), "not-video"),
])
def test_not_a_video(data, problem):
    res = dur(data)
    assert not res["ok"] and res["problem"] == problem
    assert res["message"] and not res["message"].isascii() and "填写" in res["message"]


@pytest.mark.parametrize("cut", [10, 20, 40, 300, -60, -8, -1])
def test_truncated_mp4(cut):
    whole = mf.mp4(372)  # moov at the end: cutting the tail cuts the header that holds the duration
    res = dur(whole[:cut])
    assert not res["ok"] and res["problem"] in ("truncated", "damaged"), res


@pytest.mark.parametrize("cut", [30, 60, 90, 120])
def test_truncated_webm(cut):
    res = dur(mf.webm(372)[:cut])
    assert not res["ok"] and res["problem"] in ("truncated", "damaged", "no-duration"), res


def test_no_duration_recorded():
    res = dur(mf.webm(None))  # what a browser's recorder writes
    assert res["problem"] == "no-duration" and "没有记录时长" in res["message"]
    assert dur(mf.mp4(0))["problem"] == "no-duration"


def test_a_failing_reader_is_unreadable():
    def read(offset: int, n: int) -> bytes:
        raise OSError("gone")
    assert media.duration(read, 1000)["problem"] == "unreadable"


def test_garbage_never_raises():
    rng = random.Random(7)
    seeds = [mf.mp4(100), mf.webm(100), mf.mov(100)]
    for _ in range(600):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data[: rng.randint(0, len(data))])
        res = dur(data)
        assert res["ok"] or (res["problem"] in media.MESSAGES and not res["message"].isascii())
        if res["ok"]:
            assert res["seconds"] >= 0


def test_the_door_reads_a_clip_through_a_read_callback():
    from tisheng import api

    data = mf.mp4(90)
    got = api.clip_duration(lambda offset, n: data[offset:offset + n], len(data))
    assert got["ok"] and abs(got["seconds"] - 90) < 0.01
    assert api.clip_duration(None, 10)["problem"] == "unreadable"


def test_a_million_empty_boxes_is_refused_after_bounded_work():
    """8 MB of 8-byte boxes kept the browser's engine busy 73-90 s: one slice read per box, 100,000 of them."""
    data = mf.box(b"ftyp", b"isom\x00\x00\x02\x00isommp41") + mf.box(b"free", b"") * 1_000_000
    log: list[tuple[int, int]] = []
    res = media.duration(read_bytes(data, log), len(data))
    assert res["problem"] == "unusual" and "结构异常" in res["message"] and "填写" in res["message"]
    assert len(log) == res["reads"] <= media.MAX_READS
    assert sum(n for _, n in log) <= media.MAX_READS * media.WINDOW


def test_big_boxes_far_apart_use_up_the_reads_not_the_time():
    data = mf.box(b"ftyp", b"isom\x00\x00\x02\x00isommp41") + mf.box(b"free", b"\x00" * 1000) * 5000
    log: list[tuple[int, int]] = []
    res = media.duration(read_bytes(data, log), len(data))
    assert res["problem"] == "unusual" and len(log) == media.MAX_READS


@pytest.mark.parametrize("make", [lambda s: mf.mp4(s, timescale=1), lambda s: mf.mp4(s, timescale=90000, version=1),
                                  lambda s: mf.webm(float(s))])
def test_a_duration_no_camera_writes_is_a_damaged_header(make):
    """136 years (0xFFFFFFFE seconds) was shown as 71582788 分 14 秒 and then blamed on the teacher's typing."""
    assert dur(make(media.MAX_SECONDS))["ok"]
    for seconds in (media.MAX_SECONDS + 1, 0xFFFF_FFFE):
        res = dur(make(seconds))
        assert res["problem"] == "implausible", res
        assert "文件头已损坏" in res["message"] and "多输" not in res["message"]


def test_a_movie_header_past_many_tracks_is_still_read():
    """A camera's moov holds its tracks before anything else we read: each a jump, all within the reads."""
    tracks = b"".join(mf.box(b"trak", b"\x00" * 4000) for _ in range(60))
    moov = mf.box(b"moov", tracks + mf.mvhd(245))
    data = mf.box(b"ftyp", b"isom\x00\x00\x02\x00isommp41") + mf.box(b"mdat", b"\x00" * 10_000) + moov
    res = dur(data)
    assert res["ok"] and res["seconds"] == pytest.approx(245) and res["reads"] < 70
