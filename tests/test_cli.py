"""The `tisheng` command: same answers as the API, exit 0 pass, 1 fail, 2 bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, workbook_rows

CLI = [sys.executable, "-m", "tisheng"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(
    ("online", "practice", "code"),
    [("25", "25", 0), ("20", "30", 1), ("abc", "30", 2), ("-5", "30", 2)],
)
def test_hours_exit_codes(online, practice, code):
    proc = run("hours", "--profile", "kaiyuan-2024", "--online", online, "--practice", practice)
    assert proc.returncode == code, proc.stderr


def test_hours_text_says_what_is_missing():
    proc = run("hours", "--profile", "kaiyuan-2024", "--online", "20", "--practice", "30")
    assert "还差 5 学时线上研修" in proc.stdout
    assert "依据" in proc.stdout


@pytest.mark.parametrize(("today", "said"), [
    ("2024-05-01", "离“完成学时”的期限2024年6月30日还有 60 天"),
    ("2024-07-01", "“完成学时”的期限2024年6月30日已过去 1 天（按2024年7月1日计"),  # passed, on purpose: its day is named
])
def test_hours_deadline_is_said_against_the_day_given(today, said):
    proc = run("hours", "--profile", "kaiyuan-2024", "--online", "25", "--practice", "25", "--today", today, "--json")
    assert proc.returncode == 0 and said in json.loads(proc.stdout)["headline"]


def test_hours_json_matches_eval():
    request = {"tool": "hours", "profile": "kaiyuan-2024", "input": {"online": "20", "practice": "30"}}
    via_eval = json.loads(run("eval", stdin=json.dumps(request)).stdout)
    via_verb = json.loads(run("hours", "--profile", "kaiyuan-2024", "--online", "20", "--practice", "30",
                              "--json").stdout)
    assert via_eval == via_verb


@pytest.mark.parametrize("stdin", ["", "not json", "[]", '{"tool": "hours"}'])
def test_eval_bad_input_exits_2_with_json(stdin):
    proc = run("eval", stdin=stdin)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["ok"] is False


def test_unknown_verb_exits_2():
    assert run("frobnicate").returncode == 2


def test_installed_entry_point_exists():
    exe = ROOT / ".venv" / "bin" / "tisheng"
    if not exe.exists():
        pytest.skip("no .venv (run make setup)")
    proc = subprocess.run([str(exe), "profiles"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "kaiyuan-2024" in proc.stdout


def test_batch_takes_a_reading_and_says_which_one_it_used(tmp_path):
    """张楼's "线上课程20个，实践应用30个课时": a plan by default, minimums when chosen; stated either way."""
    import subprocess
    import sys

    roster = tmp_path / "名单.csv"
    roster.write_text("姓名,线上学时,实践学时\n甲,25,25\n", encoding="utf-8")
    out = tmp_path / "结果.xlsx"
    base = [sys.executable, "-m", "tisheng", "batch", str(roster), "--tool", "hours", "--profile",
            "ruzhou-zhanglou-2021", "--out", str(out)]
    default = subprocess.run(base, capture_output=True, text=True)
    assert default.returncode == 0 and "按本站默认的读法" in default.stderr
    assert "检查 1 人，达标 1，未达标 0，问题行 0，达标率 100%" in default.stdout  # 25 + 25 = 50, the one minimum
    assert [r[6:9] for r in workbook_rows(out.read_bytes())["检查结果"][1:]] == [(50.0, "达标", None)]
    strict = subprocess.run([*base, "--reading", "plan-minimum"], capture_output=True, text=True)
    assert strict.returncode == 1 and "按你选择的读法" in strict.stderr
    assert "检查 1 人，达标 0，未达标 1，问题行 0，达标率 0%" in strict.stdout  # 25 practice is 5 short of 30
    assert [r[6:9] for r in workbook_rows(out.read_bytes())["检查结果"][1:]] == [(50.0, "未达标", "再完成 5 学时实践应用")]


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_only_regular_files_are_read_and_a_pipe_never_blocks(kind, tmp_path):
    """A FIFO with no writer blocked --profile-file for ever, and /dev/zero ran for 26 s into 内部错误."""
    import os

    path = {"fifo": tmp_path / "方案.yaml", "device": "/dev/zero", "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    for args in (("hours", "--profile-file", str(path), "--online", "30", "--practice", "30"),
                 ("batch", str(path), "--profile", "kaiyuan-2024", "--out", str(tmp_path / "结果.csv"))):
        proc = run(*args)  # run's timeout fails the test if reading blocks
        assert proc.returncode == 3, proc.stderr
        assert ("不是一个普通文件" if kind != "folder" else "文件夹") in proc.stderr and "内部错误" not in proc.stderr
