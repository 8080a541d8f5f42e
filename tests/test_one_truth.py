"""One truth: every surface that touches a rule gives it the same verdict in the same words.

For every document with hours rules and many generated hours (hypothesis, derandomized, so every run checks the same
examples), the single check (学时自查), a staff list's row (批量检查学时), 我的考核进度 and the evidence
prerequisite (材料自查) agree on whether she is done and say the same thing she must still do; the command line
gives the single check's answer. Each surface calls tools/hours; this proves they do not re-derive it."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT
from tisheng import api
from tisheng.core import snapshot

DAY = "2026-12-01"
PROFILES = sorted(pid for pid in snapshot.profile_ids() if (snapshot.profile(pid) or {}).get("hours"))
HOURS = st.integers(min_value=0, max_value=160).map(lambda half: half / 2)  # 0 to 80 in half hours


def surfaces(pid: str, online: float, practice: float) -> dict[str, tuple[bool, str]]:
    """(done, what she must still do) as each surface says it."""
    inp = {"online": online, "practice": practice, "today": DAY}
    single = api.evaluate({"tool": "hours", "profile": pid, "input": inp})
    todo = single["summary"].split("：", 1)[1].rstrip("。") if single["status"] == "fail" else ""
    out = {"single": (single["status"] == "pass", todo)}
    lst = api.batch({"tool": "hours", "profile": pid, "filename": "名单.csv"},
                    f"姓名,线上学时,实践学时\n甲,{online},{practice}\n".encode())
    row = lst["rows"][0]
    out["staff list"] = (row[lst["status_col"]] == "pass", row[-1])
    me = api.evaluate({"tool": "me", "profile": pid, "input": inp})
    line = next(x for x in me.get("lines", []) if x["tool"] == "hours")
    out["我的考核进度"] = (line["state"] == "done", todo if todo and todo in line["message"] else line["message"])
    evidence = api.evaluate({"tool": "evidence", "profile": pid, "input": inp})
    pre = next((x for x in evidence.get("checklist", []) if x["rule"] == "grading.prerequisite_hours"), None)
    if pre is not None:
        out["材料自查"] = (pre["state"] == "done", todo if todo and todo in pre["message"] else pre["message"])
    return out


@settings(max_examples=150, deadline=None, derandomize=True)
@given(pid=st.sampled_from(PROFILES), online=HOURS, practice=HOURS)
def test_every_surface_gives_the_hours_the_same_verdict_and_words(pid, online, practice):
    said = surfaces(pid, online, practice)
    done, todo = said["single"]
    for surface, (their_done, their_todo) in said.items():
        assert their_done == done, f"{pid} {online}+{practice}: {surface} says done={their_done}, 学时自查 {done}"
        if not done:
            assert their_todo == todo, f"{pid} {online}+{practice}: {surface} says {their_todo!r}, 学时自查 {todo!r}"


def test_the_surfaces_are_compared_on_every_document_and_both_verdicts():
    """The property above would pass vacuously if a surface were missing: each is there, and both verdicts occur."""
    assert len(PROFILES) >= 6
    kinds = {s for pid in PROFILES for s in surfaces(pid, 10, 10)}
    assert kinds == {"single", "staff list", "我的考核进度", "材料自查"}
    assert {surfaces(pid, o, o)["single"][0] for pid in PROFILES for o in (10, 40)} == {True, False}


def test_the_command_line_gives_the_single_checks_answer():
    for pid, online, practice in (("kaiyuan-2024", 20, 22), ("school-assessment-2022", 45, 5), ("lishu-school-2022", 25, 25)):
        proc = subprocess.run([sys.executable, "-m", "tisheng", "hours", "--profile", pid, "--online", str(online),
                               "--practice", str(practice), "--today", DAY, "--json"],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
        answer = json.loads(proc.stdout)
        single = api.evaluate({"tool": "hours", "profile": pid,
                               "input": {"online": online, "practice": practice, "today": DAY}})
        assert (answer["status"], answer["summary"], answer["headline"]) == \
            (single["status"], single["summary"], single["headline"]), pid


SCORES = st.integers(min_value=0, max_value=1000).map(lambda tenth: tenth / 10)
XX = ("学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示")
XX_IDS = ("centralized", "online", "school_activities", "showcase")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scores=st.tuples(SCORES, SCORES, SCORES, SCORES))
@example(scores=(80, 80, 80, 79.8))  # 79.95: 合格, written with its two decimals where a band turns
@example(scores=(60, 60, 60, 59.8))  # 59.95: 不合格
def test_a_score_is_graded_alike_by_the_single_check_and_the_staff_list(scores):
    """XX学校's four parts: 成绩计算 and 批量计算成绩 give the same score as written, band and verdict (the list had
    written 80.0 for a 79.95 the single check grades 合格)."""
    single = api.evaluate({"tool": "grade", "profile": "xx-school-2022", "input": dict(zip(XX_IDS, scores))})
    lst = api.batch({"tool": "grade", "profile": "xx-school-2022", "filename": "名单.csv"},
                    ("姓名," + ",".join(XX) + "\n甲," + ",".join(map(str, scores)) + "\n").encode())
    row = dict(zip(lst["columns"], lst["rows"][0]))
    got = (api.export({"export": "batch", "format": "csv", "result": lst})[1] or b"").decode("utf-8-sig")
    assert (row["等次"], row["结果"]) == (single["band_label"], single["status"]), scores
    assert f",{single['score_text']}," in got, (scores, single["score_text"], got.splitlines()[1])
