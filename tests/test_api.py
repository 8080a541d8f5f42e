"""The one door (tisheng.api): the files the browser and the CLI get through it, and that nothing goes around it."""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT, csv_sections
from tisheng import api

ENGINE = ROOT / "site_src" / "tisheng"
ROSTER = "姓名,学校,学科,线上学时,实践学时\n甲,一小,语文,30,30\n乙,一小,数学,10,5\n,一小,数学,1,1\n".encode()


def _sheets(body: bytes) -> dict[str, list[tuple]]:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(body))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book}




def test_no_engine_module_imports_the_door():
    importing = set()
    for path in ENGINE.rglob("*.py"):
        if path.name in ("api.py", "cli.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, (ast.Import, ast.ImportFrom)) else []
            module = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
            if "api" in names or module.endswith("api") or "tisheng.api" in names:
                importing.add(path.relative_to(ENGINE).as_posix())
    assert not importing, importing


def test_the_worker_calls_only_the_doors_functions():
    worker = (ROOT / "site_src" / "js" / "worker.js").read_text(encoding="utf-8")
    called = set(re.findall(r"\bapi\.(\w+)\(", worker))
    assert called == {"evaluate_json", "batch_json", "export_json", "upload_catalog_json", "check_local_json",
                      "import_local_file_json", "clip_duration_json"}
    assert "pyimport(\"tisheng.\" +" not in worker and "async call(" not in worker
    for name in called:
        assert callable(getattr(api, name))


def test_batch_export_from_the_result_or_from_the_file_is_the_same_report():
    request = {"tool": "hours", "profile": "kaiyuan-2024", "filename": "名单.csv"}
    result = api.batch(request, ROSTER)
    assert result["ok"] and result["summary"] == {"checked": 2, "pass": 1, "fail": 1, "bad": 1, "pass_rate": 0.5}
    by_result = api.export({"export": "batch", "format": "csv", "result": result})
    by_file = api.export({"export": "batch", "format": "csv", "request": request}, ROSTER)
    assert by_result == by_file
    meta, body = by_result
    assert meta == {"ok": True, "filename": "学时检查结果-开原市（2024）.csv"}  # no day given: named by its document
    dated = api.export({"export": "batch", "format": "csv", "result": result, "today": "2026-12-07"})[0]
    assert dated["filename"] == "学时检查结果-一小-2026年12月7日.csv"  # the page's day: by its school and that day
    assert body.decode("utf-8-sig").startswith("行号,姓名")
    table, bad = csv_sections(body.decode("utf-8-sig"))
    # 开原: 50 in all, 25 online, 25 practice. 甲 60 meets them; 乙 has 15: 35 short, 15 online, 20 practice
    assert "集中培训" not in table[0]  # neither the list nor 开原 has any
    assert [r[1:2] + r[6:8] for r in table[1:]] == [["甲", "60", "达标"], ["乙", "15", "未达标"]]
    assert table[2][8].startswith("再完成 15 学时线上研修和 20 学时实践应用") and bad[1] == ["4", "", "缺少姓名"]
    meta, body = api.export({"export": "batch", "format": "xlsx", "result": json.loads(json.dumps(result))})
    assert meta["filename"].endswith(".xlsx") and "检查结果" in _sheets(body)
    assert [r[1:2] + r[6:8] for r in _sheets(body)["检查结果"][1:]] == [("甲", 60.0, "达标"), ("乙", 15.0, "未达标")]
    # a memoryview (what the worker hands over) reads the same as bytes
    assert api.batch(request, memoryview(ROSTER)) == result


def test_batch_and_export_refusals_are_chinese_and_never_raise():
    for request, data in ((None, ROSTER), ({"tool": "points"}, ROSTER), ({"tool": "hours"}, "文本"), ([], None)):
        res = api.batch(request, data)
        assert res["ok"] is False and re.search(r"[\u4e00-\u9fff]", res["errors"][0]["message"])
    for request in (None, {}, {"export": "nothing"}, {"export": "batch", "result": {"ok": False}},
                    {"export": "batch", "result": "x"}, {"export": "points"}, {"export": "rollout", "request": 5}):
        meta, body = api.export(request)
        assert meta["ok"] is False and body is None and re.search(r"[\u4e00-\u9fff]", meta["errors"][0]["message"])
    meta, body = api.export_json("not json")
    assert json.loads(meta)["ok"] is False and body is None


def test_points_export_is_the_engines_answer_as_a_workbook():
    req = {"tool": "points", "profile": "ruzhou-zhanglou-2021",
           "input": {"mode": "teacher", "selected": "A1", "classrooms": "multimedia:9,mixed:0,smart:0,none:3"}}
    meta, body = api.export({"export": "points", "request": req, "school": "张楼小学"})
    assert meta["ok"] is True and meta["filename"] == "学校能力点范围-汝州市张楼小学（2021）.xlsx"
    assert meta["title"].startswith("张楼小学能力点范围")
    rows = _sheets(body)["学校范围"][1:]
    assert [r[1] for r in rows] == ["A2", "A3", "A5", "A7", "B2"]  # the plan's own range, not the teacher's pick
    bad, none = api.export({"export": "points", "request": {"profile": "national-2019", "input": {}}})
    assert bad["ok"] is False and "没有规定能力点" in bad["errors"][0]["message"] and none is None


def test_rollout_export_names_the_years_and_refuses_other_tools():
    meta, body = api.export({"export": "rollout", "request": {"tool": "rollout", "profile": "guangan-2014",
                                                              "input": {"mode": "check"}}})
    assert meta == {"ok": True, "filename": "名额核对-2014-2017.xlsx"}
    assert list(_sheets(body)) == ["核对的任务表", "核对结果", "按比例重排的名额"]
    other, _ = api.export({"export": "rollout", "request": {"tool": "hours", "profile": "national-2019",
                                                            "input": {"online": 50, "practice": 50}}})
    assert other["ok"] is False and other["errors"][0]["message"]


def test_catalog_upload_takes_bytes():
    body = "编号,名称,环境,维度\n1-1,技术支持的学情分析,多媒体,学情分析\n".encode("utf-8-sig")
    res = api.upload_catalog("本校目录.csv", body)
    assert res["ok"] is True and res["catalog"]["points"][0]["code"] == "1-1"
    assert json.loads(api.upload_catalog_json("本校目录.csv", memoryview(body))) == res


def test_templates_and_profiles_for_the_build_and_the_cli():
    blanks = api.templates()
    assert set(blanks) == set(api.BATCH_TOOLS) == {"hours", "grade"}
    assert all(len(r) == len(b["header"]) for b in blanks.values() for r in b["rows"])
    ids = [p["id"] for p in api.profiles()]
    assert "kaiyuan-2024" in ids and all(p["title"] for p in api.profiles())
