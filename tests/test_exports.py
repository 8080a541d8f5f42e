"""tisheng.exports: a successful answer in, (workbook bytes, download name) out; nothing to export is a Chinese
ValueError. The rule modules never import these, and no engine module imports tisheng.api at module level."""

from __future__ import annotations

import ast
import io
from typing import Any

import pytest

from tests.helpers import ROOT
from tisheng import api
from tisheng.tools.points import export as points_export
from tisheng.tools.rollout import export as rollout_export

openpyxl = pytest.importorskip("openpyxl")


def _sheets(body: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(body))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def test_the_points_workbook_lists_the_range_its_checks_and_the_classrooms():
    res = api.evaluate({"tool": "points", "profile": "ruzhou-zhanglou-2021",
                        "input": {"mode": "school", "classrooms": "multimedia:9,mixed:0,smart:0,none:3"}})
    body, name = points_export.workbook(res, "张楼小学")
    assert name == "学校能力点范围-汝州市张楼小学（2021）.xlsx"
    sheets = _sheets(body)
    assert list(sheets) == ["学校范围", "检查结果", "教室情况"]
    assert [r[1] for r in sheets["学校范围"][1:]] == ["A2", "A3", "A5", "A7", "B2"]
    assert sheets["检查结果"][1][0] == "结论" and all(not str(r[0]).startswith("points.") for r in sheets["检查结果"])
    # The plan names 4 items (1-2, 1-4, 1-6, 2-2) and asks for 4: met, as is the age rule; B2 is 混合学习环境 and the
    # school has no such room, which the rule only flags (提醒), so the verdict stands: 符合.
    assert [r[:2] for r in sheets["检查结果"][1:]] == [["结论", "符合"], ["学校范围的个数", "符合"], ["按年龄应选个数", "符合"],
                                                   ["学校有此环境的教室", "提醒"], ["建议", "提醒"]]
    assert "选取 4 项，符合" in sheets["检查结果"][2][2]
    assert sheets["教室情况"][1:] == [["多媒体教学环境", 9], ["混合学习环境", 0], ["智慧学习环境", 0],
                                   ["无信息化学习环境", 3]]
    assert points_export.title(res, " 张楼小学 ").startswith("张楼小学能力点范围")


def test_a_points_answer_without_a_range_cannot_be_exported():
    teacher = api.evaluate({"tool": "points", "profile": "kaiyuan-2024", "input": {"selected": "A1,A5,B9"}})
    assert teacher["ok"] and teacher["range_points"] == []
    with pytest.raises(ValueError, match="没有可导出的学校范围。"):
        points_export.workbook(teacher, "某校")


def test_the_rollout_workbook_is_named_by_mode_and_years():
    req = {"tool": "rollout", "profile": "national-2019",
           "input": {"mode": "plan", "years": [2015, 2016], "shares": [50, 50],
                     "groups": [{"name": "=甲区", "teachers": 11}, {"name": "乙区", "teachers": 6}]}}
    res = api.evaluate(req)
    body, name = rollout_export.workbook(res)
    assert name == "名额分配-2015-2016.xlsx"
    table = _sheets(body)["名额表"]
    assert table[0] == ["名称", "教师数", "2015年", "2016年", "各年合计"]
    assert table[1][0] == "'=甲区" and table[1][4] == 11 and table[3][:2] == ["合计", 17]
    # 50% of 11 is 5.5 a year: the tie goes to the earlier year (6, 5); 乙区's 6 split evenly; 8.5 a year is the target.
    assert table[1:] == [["'=甲区", 11, 6, 5, 11], ["乙区", 6, 3, 3, 6], ["合计", 17, 9, 8, 17],
                         ["比例目标", None, 8.5, 8.5, None], ["差额（合计−目标）", None, 0.5, -0.5, None],
                         ["偏差（百分点）", None, 2.94, -2.94, None]]  # 0.5 / 17 = 2.94%
    checks = _sheets(body)["核对结果"]
    assert [r[0] for r in checks[1:]] == ["符合", "符合", "符合", None, "结论", "政策文件"]
    assert checks[5][1].startswith("通过：") and "2015年合计 9 人" in checks[2][1] and "2016年合计 8 人" in checks[3][1]
    with pytest.raises(ValueError):
        rollout_export.workbook(api.evaluate({"tool": "hours", "profile": "national-2019", "input": {}}))


def test_no_engine_module_imports_the_api():
    """Only the two old JSON wrappers still do, inside the function and marked for removal."""
    marker = "# removed when the worker calls api.export"
    for path in (ROOT / "site_src" / "tisheng").rglob("*.py"):
        if path.name in ("api.py", "cli.py", "__main__.py"):  # the door itself and what calls it
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        top = set(map(id, tree.body))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if "api" in [node.module or ""] + [a.name for a in node.names] or (node.module or "").endswith(".api"):
                assert id(node) not in top, f"{path} imports the api at module level"
                assert marker in lines[node.lineno - 1], f"{path}:{node.lineno} imports the api unmarked"
