"""The adversarial files (tests/adversarial.py) through the engine the browser runs and through the CLI: the same
verdict from both, a Chinese message for every refusal, good rows kept, and the CLI's exit codes
(0 pass, 1 fail, 2 bad input, 3 the file could not be read). Lists and catalogs, a user's own document
(--profile-file) and classroom clips (read by the engine only: the CLI has no clip reader)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests import adversarial
from tests.helpers import ROOT
from tisheng import api, batch
from tisheng.io import limits, media, tabular

PROFILE = {"hours": "kaiyuan-2024", "grade": "xx-school-2022"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"Traceback|Error\b|Exception|[A-Za-z]{2,}Error|No columns|tokenizing")
CASES = adversarial.cases()
FILES = [c for c in CASES if c.tool in PROFILE]
PROFILE_FILES = [c for c in CASES if c.tool == "profile"]


def _messages(errors: list[dict]) -> str:
    return " ".join(e["message"] for e in errors)


def profile_verdict(data: bytes) -> tuple:
    """What the engine says of a user's own document: refused before parsing, checked with messages, or read."""
    read = api.read_local_file(data)  # the one door of the rules page's import and --profile-file
    if read["ok"]:
        return ("ok",)
    return ("error", _messages(read["errors"])) if read["unreadable"] else ("invalid", len(read["errors"]))


def clip_verdict(data: bytes) -> tuple:
    calls: list[int] = []

    def read(offset: int, n: int) -> bytes:
        calls.append(n)
        return data[offset:offset + n]

    res = api.clip_duration(read, len(data))
    assert len(calls) <= media.MAX_READS and res["reads"] == len(calls)
    return ("ok", round(res["seconds"], 3)) if res["ok"] else ("error", res["message"])


def engine_verdict(case: adversarial.Case) -> tuple:
    """What the browser's engine answers, in the shape of ``Case.expect``."""
    if case.tool == "profile":
        return profile_verdict(case.data)
    if case.tool == "clip":
        return clip_verdict(case.data)
    if case.tool == "catalog":
        res = api.upload_catalog(case.filename, case.data)
        if res["ok"]:
            return ("ok", res["catalog"]["count"], 0)
        return ("error", " ".join(e["message"] for e in res["errors"]))
    res = batch.run(case.tool, PROFILE[case.tool], case.data, case.filename)
    if not res["ok"]:
        return ("error", " ".join(e["message"] for e in res["errors"]))
    return (res["status"], res["summary"]["checked"], res["summary"]["bad"])


def check(case: adversarial.Case, got: tuple, where: str) -> None:
    if case.expect[0] == "error":
        assert got[0] == "error", f"{where} {case.id}: expected a refusal, got {got}"
        assert case.expect[1] in got[1], f"{where} {case.id}: {got[1]!r} lacks {case.expect[1]!r}"
        assert CJK.search(got[1]) and not ENGLISH.search(got[1]), f"{where} {case.id}: {got[1]!r}"
    else:
        assert got == case.expect, f"{where} {case.id}: {got} != {case.expect}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_engine_answers_each_file(case):
    check(case, engine_verdict(case), "engine")


@pytest.mark.parametrize("case", FILES, ids=[c.id for c in FILES])
def test_cli_gives_the_browsers_verdict(case, tmp_path):
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    proc = subprocess.run([sys.executable, "-m", "tisheng", "batch", str(path), "--tool", case.tool,
                           "--profile", PROFILE[case.tool], "--out", str(tmp_path / "结果.csv")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in proc.stderr and not ENGLISH.search(proc.stderr), proc.stderr
    if case.expect[0] == "error":
        assert proc.returncode == 3, (proc.returncode, proc.stderr)
        assert case.expect[1] in proc.stderr and CJK.search(proc.stderr)
        return
    status, checked, bad = case.expect
    assert proc.returncode == (0 if status == "pass" else 1), proc.stderr
    assert f"检查 {checked} 人" in proc.stdout or f"计算 {checked} 人" in proc.stdout, proc.stdout
    assert f"问题行 {bad}" in proc.stdout
    report = (tmp_path / "结果.csv").read_text(encoding="utf-8-sig")
    assert "Traceback" not in report


@pytest.mark.parametrize("case", PROFILE_FILES, ids=[c.id for c in PROFILE_FILES])
def test_cli_reads_each_profile_file_as_the_engine_does(case, tmp_path):
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    proc = subprocess.run([sys.executable, "-m", "tisheng", "hours", "--profile-file", str(path), "--online", "30",
                           "--practice", "30"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "内部错误" not in proc.stderr and not ENGLISH.search(proc.stderr), proc.stderr
    if case.expect[0] == "ok":
        assert proc.returncode == 0, proc.stderr
        return
    lines = proc.stderr.strip().splitlines()
    assert len(lines) <= limits.MAX_MESSAGES + 2, len(lines)
    if case.expect[0] == "error":
        assert proc.returncode == 3 and case.expect[1] in proc.stderr, (proc.returncode, proc.stderr)
    else:
        assert proc.returncode == 2, proc.stderr
        more = case.expect[1] - limits.MAX_MESSAGES
        assert f"另有 {more:,} 条问题未列出（共 {case.expect[1]:,} 条）" in lines[-1], lines[-1]


def test_every_cell_is_capped_at_excels_limit():
    case = next(c for c in CASES if c.id == "ten-million-char-cell")
    res = batch.run("hours", "kaiyuan-2024", case.data, case.filename)
    assert len(res["rows"][0][1]) == tabular.MAX_CELL_CHARS == 32_767
    assert any("32,767" in w for w in res["file"]["warnings"])


def test_the_sheet_read_is_named_and_hidden_ones_are_skipped():
    case = next(c for c in CASES if c.id == "hidden-first-sheet")
    res = batch.run("hours", "kaiyuan-2024", case.data, case.filename)
    assert res["file"]["sheet"] == "名单"
    assert any("已读取“名单”" in w and "隐藏" in w for w in res["file"]["warnings"])
    assert "旧老师" not in json.dumps(res, ensure_ascii=False)


def test_the_unclosed_quote_is_named_with_its_row():
    case = next(c for c in CASES if c.id == "unbalanced-quote")
    message = engine_verdict(case)[1]
    assert "第 3 行" in message and "引号" in message


@pytest.mark.parametrize("value", ["9" * 7000, "1" + "0" * 400, "2_5", "25\u200b", "\u200b"])
def test_typed_numbers_never_crash(value):
    for tool, key in (("hours", "online"), ("points", "age"), ("grade", "centralized")):
        profile = {"hours": "kaiyuan-2024", "points": "ruzhou-zhanglou-2021", "grade": "xx-school-2022"}[tool]
        res = api.evaluate({"tool": tool, "profile": profile, "input": {key: value, "practice": "25", "mode": "teacher"}})
        text = json.dumps(res, ensure_ascii=False)
        assert "内部错误" not in text and "Error" not in text, (tool, value, text[:300])


def test_invisible_characters_are_counted_and_never_echoed_raw():
    for case_id, count in (("zero-width-space", 1), ("right-to-left-override", 2)):
        case = next(c for c in CASES if c.id == case_id)
        res = batch.run("hours", "kaiyuan-2024", case.data, case.filename)
        assert any(f"有 {count} 个看不见的字符" in w for w in res["file"]["warnings"]), res["file"]["warnings"]
        text = json.dumps(res, ensure_ascii=False)
        assert "\u202e" not in text and "\u200b" not in text
    assert "线上学时“3（不可见字符）0”不是数字" in text and "王老师（不可见字符）" in text


@pytest.mark.parametrize("value", ["25\u202e", "2\u202e5", "\u2066\u202e", "2024-06-31\u202e"])
def test_a_typed_bidi_control_is_shown_as_a_mark(value):
    for key in ("online", "today"):
        res = api.evaluate({"tool": "hours", "profile": "kaiyuan-2024", "input": {"online": value, "practice": "25",
                                                                                   key: value}})
        text = json.dumps(res, ensure_ascii=False)
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", text) and "（不可见字符）" in text, text


def test_zero_width_space_is_ignored_and_2_5_is_refused():
    ok = api.evaluate({"tool": "hours", "profile": "kaiyuan-2024", "input": {"online": "25\u200b", "practice": "25"}})
    assert ok["ok"] is True
    assert any("看不见的字符" in n["message"] for n in ok["notes"])  # dropped, but not silently
    bad = api.evaluate({"tool": "hours", "profile": "kaiyuan-2024", "input": {"online": "2_5", "practice": "25"}})
    assert bad["ok"] is False and "2_5" in bad["errors"][0]["message"]


def test_the_catalog_upload_says_which_sheet_it_read():
    case = next(c for c in CASES if c.id == "catalog-sheet-2")
    res = api.upload_catalog(case.filename, case.data)
    assert res["ok"] and any("已读取“目录”" in w for w in res["warnings"])
