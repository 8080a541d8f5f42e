"""材料自查's own pieces: how 字 are counted both ways, the 规范's piece→point rule, readings that belong to the
evidence tool only, and the reading chosen on the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT
from tisheng import api
from tisheng.core import readings, snapshot
from tisheng.tools.evidence.chars import count
from tisheng.tools.evidence.levels import point_level

RULE = {"excellent": "all-excellent", "fail": "any-fail"}


@pytest.mark.parametrize("text,han,visible", [
    ("", 0, 0),
    ("教学反思", 4, 4),
    ("用 PPT 做了 3 个课件。", 6, 11),
    ("全角，标点；也算！", 6, 9),
    ("空格 和\n换行\t不算", 7, 7),
    ("零\u200b宽\ufeff字符", 4, 4),
    ("𠀀𪚥〇", 3, 3),  # ideographs beyond the basic block, and 〇
    ("ＡＢＣ１２３", 0, 6),
])
def test_characters_are_counted_both_ways(text, han, visible):
    assert count(text) == {"han": han, "visible": visible}


@pytest.mark.parametrize("pieces,level", [
    (["excellent"], "excellent"), (["excellent", "excellent"], "excellent"), (["excellent", "pass"], "pass"),
    (["pass", "pass"], "pass"), (["excellent", "fail"], "fail"), (["fail"], "fail"), ([], "pass"),
])
def test_a_point_is_excellent_only_if_every_piece_is_and_fails_if_any_piece_fails(pieces, level):
    assert point_level(pieces, RULE) == level


def test_the_point_rule_is_cited_from_the_norms_public_copies():
    rule = snapshot.profile("kaiyuan-2024")["grading"]["point_grade_rule"]
    assert rule["inherited_from"] == "national-2019" and rule["second_hand"] and rule["caveat"]
    res = api.evaluate({"tool": "evidence", "profile": "kaiyuan-2024", "input": {"levels": "A1:优秀,不合格"}})
    line = next(x for x in res["checklist"] if x["rule"] == "grading.point_grade_rule.A1")
    assert line["state"] == "missing" and line["caveat"] and line["source"]["title"] == "中小学教师信息技术应用能力校本应用考核规范"
    assert "reference" not in line["source"]  # a file name never reaches an answer


def test_the_counting_reading_belongs_to_the_evidence_tool_only():
    prof = snapshot.profile("ruzhou-zhanglou-2021")
    ids = lambda tool: {r for g in readings.groups(prof, tool) for r in g.rules}  # noqa: E731
    assert "grading.self_statement_counting" in ids("evidence") and "grading.self_statement_counting" in ids("me")
    assert "grading.self_statement_counting" not in ids("grade")
    school = snapshot.profile("school-assessment-2022")
    assert ids("evidence") == set() or not ({"grading.bands", "grading.level_aggregation"} & ids("evidence"))
    assert not readings.groups(school, "evidence")


def test_the_cli_takes_the_counting_reading():
    req = {"tool": "evidence", "profile": "ruzhou-zhanglou-2021",
           "input": {"statements": ["我" * 290 + " PowerPoint 2019"]}}
    run = [sys.executable, "-m", "tisheng", "eval"]
    strict = subprocess.run(run, input=json.dumps(req), capture_output=True, text=True, cwd=ROOT, check=False)
    loose = subprocess.run([*run, "--reading", "grading.self_statement_counting=all-visible"], input=json.dumps(req),
                           capture_output=True, text=True, cwd=ROOT, check=False)
    assert strict.returncode == 1 and loose.returncode == 0, (strict.stderr, loose.stderr)
    assert json.loads(loose.stdout)["readings"][0]["used"] == "all-visible"


def test_no_document_that_states_nothing_is_checked():
    res = api.evaluate({"tool": "evidence", "profile": "guangan-2014", "input": {}})
    assert res["ok"] is False and "没有规定教师要提交的材料" in res["errors"][0]["message"]
