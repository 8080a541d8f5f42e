"""The points tool (能力点选择) and the catalog upload, against data/cases/points.yaml and a few properties."""

from __future__ import annotations

import ast
import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import DATA, ROOT, cases, check_case, request
from tisheng import api
from tisheng.core import snapshot
from tisheng.core.catalogs import parse_catalog_rows, read_catalog

POINTS = cases("points")
UPLOADS = yaml.safe_load((DATA / "cases" / "points.yaml").read_text(encoding="utf-8"))["uploads"]
PROFILES_WITH_RULES = {"kaiyuan-2024", "school-assessment-2022", "xx-school-2022", "ruzhou-zhanglou-2021"}


def evaluate(profile: str, **data: Any) -> dict[str, Any]:
    return api.evaluate({"tool": "points", "profile": profile, "input": data})


def _subset(label: str, got: Any, want: Any) -> None:
    """Every key in `want` equals the same key in `got` (lists of dicts compared item by item)."""
    if isinstance(want, dict):
        assert isinstance(got, dict), f"{label}: expected a mapping, got {got!r}"
        for key, value in want.items():
            _subset(f"{label}.{key}", got.get(key), value)
    elif isinstance(want, list) and want and isinstance(want[0], dict):
        assert isinstance(got, list) and len(got) == len(want), f"{label}: {got!r}"
        for i, (g, w) in enumerate(zip(got, want)):
            _subset(f"{label}[{i}]", g, w)
    else:
        assert got == want, f"{label} = {got!r}, expected {want!r}"


def check_points_case(case: dict[str, Any], response: dict[str, Any]) -> None:
    check_case(case, response)
    exp, label = case["expect"], f"case {case['id']}"
    if response.get("ok") is False:
        return
    if "suggestion" in exp:
        assert response["suggestions"], f"{label}: no suggestion"
        _subset(f"{label} suggestion", response["suggestions"][0], exp["suggestion"])
    if "suggestions" in exp:
        got = response["suggestions"][: len(exp["suggestions"])]
        _subset(f"{label} suggestions", got, exp["suggestions"])
    for key in ("school_range", "range_source"):
        if key in exp:
            assert response[key] == exp[key], f"{label}: {key} = {response[key]!r}"
    if "environments_available" in exp:
        ids = [e["id"] for e in response["environments_available"]]
        assert ids == exp["environments_available"], f"{label}: environments {ids}"
    by_rule = {f["rule"]: f for f in response["findings"]}
    for rule, text in (exp.get("message_contains") or {}).items():
        assert text in by_rule[rule]["message"], f"{label}: {rule} message {by_rule[rule]['message']!r}"
    for rule, text in (exp.get("others_contains") or {}).items():  # other documents' rules, beside the message
        assert text in by_rule[rule].get("others", "") and text not in by_rule[rule]["message"], f"{label}: {rule}"
    if "notes_contain" in exp:
        assert any(exp["notes_contain"] in n["message"] for n in response["notes"]), f"{label}: {response['notes']}"


@pytest.mark.parametrize("case", POINTS, ids=[c["id"] for c in POINTS])
def test_points_case(case):
    response = api.evaluate(request("points", case))
    check_points_case(case, response)
    json.dumps(response, ensure_ascii=False)  # plain JSON, as the browser receives it


def test_cases_cover_every_profile_with_point_rules():
    with_rules = set()
    for pid, prof in snapshot.load()["profiles"].items():
        section = prof.get("points") or {}
        keys = ("teacher_count_min", "teacher_dimensions_min", "school_range_size", "school_envs_min",
                "school_dimensions_min", "school_range", "age_rules")
        if any((section.get(k) or {}).get("value") is not None for k in keys):
            with_rules.add(pid)
    assert with_rules == PROFILES_WITH_RULES
    covered = {c["profile"] for c in POINTS if c["expect"].get("ok", True)}
    assert with_rules <= covered
    for pid in with_rules:  # a valid case, an invalid one and a suggestion for each
        mine = [c for c in POINTS if c["profile"] == pid and c["expect"].get("ok", True)]
        assert any(c["expect"].get("status") == "pass" for c in mine), pid
        assert any(c["expect"].get("status") == "fail" for c in mine), pid
        assert any("suggestion" in c["expect"] or "suggestions" in c["expect"] for c in mine), pid


# ---------------------------------------------------------------- findings carry sources and say what is unconfirmed


@pytest.mark.parametrize("case", [c for c in POINTS if c["expect"].get("ok", True)], ids=lambda c: c["id"])
def test_every_finding_is_cited_and_in_chinese(case):
    response = api.evaluate(request("points", case))
    assert response["findings"]
    for f in response["findings"]:
        assert f["source"]["quote"] and f["source"]["section"] and f["source"]["title"], f
        assert not f["message"].isascii()
        assert isinstance(f["relies_on_unconfirmed"], list)
        if f["relies_on_unconfirmed"]:
            assert "待核对" in f["message"] or "未知" in f["message"], f
    for s in response["suggestions"]:
        assert s["message"] and not s["message"].isascii()


def test_dimension_rule_names_every_unconfirmed_point():
    response = evaluate("xx-school-2022", selected="A1,A5,C4")
    dims = next(f for f in response["findings"] if f["rule"] == "points.teacher_dimensions_min")
    assert dims["relies_on_unconfirmed"] == ["A1", "A5"]  # C4's dimension is confirmed by an outside source
    assert "A1、A5 的维度在目录中待核对" in dims["message"]


def test_unknown_dimension_never_counts():
    response = evaluate("kaiyuan-2024", selected="A1,A8,C3")
    dims = next(f for f in response["findings"] if f["rule"] == "points.teacher_dimensions_min")
    assert dims["actual"] == 1 and dims["met"] is False
    assert "A8、C3 的维度未知" in dims["message"]


def test_suggestions_never_offer_a_point_nobody_can_name():
    for selected in ("A8,A9,A10", "C3", "B4,B5,B7"):
        response = evaluate("school-assessment-2022", selected=selected)
        catalog = {p["code"]: p for p in snapshot.load()["catalogs"]["national-2019"]["points"]}
        for s in response["suggestions"]:
            for ch in s["changes"]:
                if "add" in ch:
                    assert catalog[ch["add"]]["name"] is not None


# ---------------------------------------------------------------- suggestions are minimal and deterministic


def _teacher_valid(profile: str, codes: list[str], **extra: Any) -> bool:
    response = evaluate(profile, selected=codes, **extra)
    return response["ok"] and response["status"] == "pass"


def _cost(start: list[str], final: list[str]) -> int:
    return max(len(set(start) - set(final)), len(set(final) - set(start)))


@pytest.mark.parametrize("profile,extra", [
    ("kaiyuan-2024", {}),
    ("xx-school-2022", {}),
    ("school-assessment-2022", {}),
    ("xx-school-2022", {"school_range": "A1,A2,A3,A5,A6,A11,B2,B9"}),
    ("ruzhou-zhanglou-2021", {"age": 33}),
    ("ruzhou-zhanglou-2021", {"age": 52, "reading": "first-statement"}),
])
def test_teacher_suggestion_is_the_smallest_change(profile, extra):
    """Brute force over a small universe: no valid choice is closer to hers than the first suggestion."""
    universe = ["A1", "A2", "A3", "A5", "A7", "A8", "A11", "B2", "B9", "C4"]
    rng = random.Random(20240301)
    for _ in range(12):
        start = rng.sample(universe, rng.randint(1, 4))
        response = evaluate(profile, selected=start, **extra)
        assert response["ok"], response
        if response["status"] == "pass":
            continue
        best = response["suggestions"][0]
        assert best["kind"] == "change" and not best["advisory"]
        assert _teacher_valid(profile, best["result"], **extra), (start, best)
        assert best["change_count"] == _cost(start, best["result"])
        for size in range(0, best["change_count"]):  # nothing cheaper exists
            for final in _within(universe, start, size):
                assert not _teacher_valid(profile, final, **extra), (start, final, best)


def _within(universe: list[str], start: list[str], cost: int):
    """Every choice from `universe` whose cost from `start` is exactly `cost`."""
    outside = [c for c in universe if c not in start]
    for r in range(0, cost + 1):
        for removed in itertools.combinations(start, r):
            for a in range(0, cost + 1):
                if max(r, a) != cost:
                    continue
                for added in itertools.combinations(outside, a):
                    final = [c for c in start if c not in removed] + list(added)
                    if final:
                        yield final


@pytest.mark.parametrize("profile", ["kaiyuan-2024", "xx-school-2022", "school-assessment-2022"])
def test_school_repair_is_the_smallest_change(profile):
    """The school range is repaired greedily; on random ranges it matches a brute-force minimum."""
    from tisheng.core.inputs import Errors
    from tisheng.tools.points import read_input, requirements, school_range

    named = [p["code"] for p in snapshot.load()["catalogs"]["national-2019"]["points"] if p["name"]]
    rng = random.Random(42)
    for _ in range(8):
        start = rng.sample(named, rng.randint(1, 9))
        response = evaluate(profile, mode="school", school_range=start)
        if response["status"] == "pass":
            continue
        best = response["suggestions"][0]
        assert best["kind"] == "change" and best["change_count"] == _cost(start, best["result"])
        ctx = read_input(snapshot.profile(profile), {"mode": "school", "school_range": start}, Errors())
        assert ctx is not None
        ok = school_range.school_ok(ctx, school_range.target_of(requirements.needs(ctx)), strict=False)
        assert ok(best["result"])
        for size in range(0, best["change_count"]):
            assert not any(ok(final) for final in _within(named, start, size)), (start, best)


def test_same_input_same_suggestion():
    for data in ({"selected": "A2,A3,A4"}, {"mode": "school", "priorities": "A3,B2"},
                 {"mode": "school", "classrooms": "multimedia:9,mixed:0", "priorities": "学业评价"}):
        first = evaluate("kaiyuan-2024", **data)
        for _ in range(3):
            assert evaluate("kaiyuan-2024", **data) == first


def test_priorities_steer_the_school_range():
    plain = evaluate("xx-school-2022", mode="school")["school_range"]
    asked = evaluate("xx-school-2022", mode="school", priorities="B9,C4,学业评价")["school_range"]
    assert plain != asked and {"B9", "C4"} <= set(asked) and len(asked) == 8


@pytest.mark.parametrize("profile", sorted(PROFILES_WITH_RULES))
def test_built_school_range_passes_its_own_check(profile):
    data = {"mode": "school", "classrooms": "multimedia:3,mixed:2,smart:1", "age": 30}
    built = evaluate(profile, **data)
    assert built["ok"] and built["status"] == "pass", built["summary"]
    checked = evaluate(profile, **data, school_range=built["school_range"])
    assert checked["status"] == "pass"
    assert not [f for f in checked["findings"] if not f["met"]]
    # teachers can pick a valid choice from the range the tool built
    teacher = evaluate(profile, selected=built["school_range"][:1], school_range=built["school_range"], age=30)
    assert teacher["suggestions"][0]["valid"]
    assert evaluate(profile, selected=teacher["suggestions"][0]["result"], school_range=built["school_range"],
                    age=30)["status"] == "pass"


def test_large_input_answers_quickly():
    import time

    points = [{"code": f"X{i}", "name": f"点{i}", "env": "A", "dimension": "教学设计"} for i in range(300)]
    for i, dim in enumerate(("学情分析", "学法指导", "学业评价")):
        points[i]["dimension"] = dim
    start = time.perf_counter()
    response = evaluate("xx-school-2022", selected=[f"X{i}" for i in range(10, 70)], catalog={"points": points})
    assert response["ok"] and response["suggestions"][0]["change_count"] == 2
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------- input shapes


def test_text_and_list_forms_agree():
    as_text = evaluate("kaiyuan-2024", selected="A1,A3,B2", school_range="A1、A3；B2 B9",
                       classrooms="multimedia:9,mixed:0,smart:0,none:3", priorities="A1,学情分析")
    as_list = evaluate("kaiyuan-2024", selected=["A1", "A3", "B2"], school_range=["A1", "A3", "B2", "B9"],
                       classrooms={"multimedia": 9, "mixed": 0, "smart": 0, "none": 3}, priorities=["A1", "analysis"])
    assert as_text == as_list


def test_chinese_classroom_labels_and_blank_boxes():
    response = evaluate("kaiyuan-2024", selected="A1,A5,B9", classrooms="多媒体：9，混合：，无信息化：3")
    assert response["ok"], response
    assert response["classrooms"] == {"multimedia": 9, "mixed": None, "smart": None, "none": 3}
    assert [e["id"] for e in response["environments_available"]] == ["multimedia"]


def test_duplicates_count_once_and_are_noted():
    response = evaluate("kaiyuan-2024", selected="A1,A1,A5")
    count = next(f for f in response["findings"] if f["rule"] == "points.teacher_count_min")
    assert count["actual"] == 2
    assert any("只计一次" in n["message"] for n in response["notes"])


@pytest.mark.parametrize("bad", [
    {"selected": {"A1": 1}}, {"selected": [["A1"]]}, {"selected": True}, {"selected": "A1", "classrooms": 5},
    {"selected": "A1", "classrooms": {"multimedia": True}}, {"selected": "A1", "age": [40]},
    {"selected": "A1", "age": 39.5}, {"selected": "A1", "catalog": "A1,A2"},
    {"selected": "A1", "catalog": {"points": []}},
    {"selected": "A1", "mode": 3}, {"selected": ",".join(["A1"] * 61)}, {"selected": "A1", "priorities": {"x": 1}},
])
def test_bad_input_never_raises(bad):
    response = api.evaluate({"tool": "points", "profile": "kaiyuan-2024", "input": bad})
    assert response["ok"] is False
    assert all(e["field"] and e["message"] and not e["message"].isascii() for e in response["errors"])


def test_no_rules_message_names_the_profiles_that_have_them():
    response = evaluate("jiangsu-2020", selected="A1")
    message = response["errors"][0]["message"]
    assert response["errors"][0]["field"] == "profile"
    for pid in PROFILES_WITH_RULES:  # by the titles users know, not by ids (issue 16)
        assert snapshot.profile(pid)["short_title"] in message and pid not in message


def test_age_rule_shows_both_readings():
    response = evaluate("ruzhou-zhanglou-2021", selected="A3,A5,A7", age=30)
    age = next(f for f in response["findings"] if f["rule"] == "points.age_rules")
    readings = {r["id"]: r for r in age["readings"]}
    assert readings["second-statement"]["used"] and readings["second-statement"]["count_min"] == 4
    assert readings["first-statement"]["count_min"] == 2 and readings["first-statement"]["met"]
    assert readings["first-statement"]["source"]["quote"]
    assert response["status"] == "fail"


# ---------------------------------------------------------------- catalog upload


@pytest.mark.parametrize("upload", UPLOADS, ids=[u["id"] for u in UPLOADS])
def test_catalog_upload_rows(upload):
    rows = [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in upload["rows"]]
    catalog, errors = parse_catalog_rows(rows)
    exp = upload["expect"]
    assert [[e["row"], e["field"]] for e in errors] == exp["errors"], errors
    for e in errors:
        assert e["message"].startswith(f"第 {e['row']} 行") or e["row"] == 1
        assert not e["message"].isascii()
    if exp["codes"] is None:
        assert catalog is None
        return
    assert catalog is not None and [p["code"] for p in catalog["points"]] == exp["codes"]
    unknown = [p["code"] for p in catalog["points"] if p["dimension"] is None]
    assert unknown == exp.get("unknown_dimension", [])
    checked, problems = read_catalog(catalog)  # what the browser sends back with each request
    assert problems == [] and checked is not None


def test_upload_error_messages_say_what_is_wrong():
    upload = UPLOADS[0]
    _, errors = parse_catalog_rows(upload["rows"])
    messages = " ".join(e["message"] for e in errors)
    for text in ("缺少编号", "与第 3 行重复", "环境“网络环境”无法识别", "维度“设计类”无法识别"):
        assert text in messages
    assert all(not e["column"].startswith("\ufeff") for e in errors)


def test_uploaded_catalog_replaces_the_profile_catalog_for_every_mode():
    catalog, _ = parse_catalog_rows([
        {"编号": "1-1", "名称": "学情", "环境": "多媒体", "维度": "学情分析"},
        {"编号": "1-2", "名称": "设计", "环境": "多媒体", "维度": "教学设计"},
        {"编号": "2-1", "名称": "指导", "环境": "混合", "维度": "学法指导"},
        {"编号": "2-2", "名称": "评价", "环境": "混合", "维度": "学业评价"},
    ])
    teacher = evaluate("kaiyuan-2024", selected="1-1,1-2,2-1", catalog=catalog)
    assert teacher["status"] == "pass" and teacher["catalog"]["uploaded"] is True
    school = evaluate("kaiyuan-2024", mode="school", catalog=catalog)
    assert school["status"] == "pass" and school["school_range"] == ["1-1", "1-2", "2-1", "2-2"]
    national = evaluate("kaiyuan-2024", selected="1-1", catalog=None)
    assert national["ok"] is False and national["errors"][0]["field"] == "input.selected"


# ---------------------------------------------------------------- the engine stays stdlib-only (it runs in Pyodide)


# xlsxfast is the command line's optional calamine reader; the browser's engine zip leaves it out (test below).
ENGINE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "site_src/tisheng").rglob("*.py")
                      if p.name != "xlsxfast.py")


@pytest.mark.parametrize("path", ENGINE_FILES)
def test_stdlib_only(path):
    import sys

    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in sys.stdlib_module_names, f"{path} imports {name}"
    assert Path(ROOT / path).stat().st_size < 80_000


# ---------------------------------------------------------------- the browser's file upload and the range export


def _upload(body: bytes, filename: str) -> dict[str, Any]:
    return api.upload_catalog(filename, body)


def _rows_as_csv(rows: list[dict[str, str]]) -> str:
    header = list(rows[0])
    return "\n".join([",".join(header), *(",".join(r.get(h, "") for h in header) for r in rows)]) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-8"])
def test_upload_file_reports_the_same_rows_as_parse_catalog_rows(encoding):
    """A CSV as Excel/WPS saves it (UTF-8 with BOM, or GBK) gives the rows' numbers as the file has them."""
    upload = UPLOADS[0]
    res = _upload(_rows_as_csv(upload["rows"]).encode(encoding), "本省目录.csv")
    assert res["ok"] is False
    assert sorted((e["row"], e["field"]) for e in res["errors"]) == sorted(tuple(e) for e in upload["expect"]["errors"])
    assert all(e["message"].startswith(f"第 {e['row']} 行") for e in res["errors"])
    assert res["good_rows"] == len(upload["expect"]["codes"])


def test_upload_xlsx_and_its_catalog_works_in_a_request():
    import io

    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "名称", "环境", "维度"])
    ws.append(["1-1", "技术支持的学情分析", "多媒体", "学情分析"])
    ws.append([None, None, None, None])
    ws.append(["1-2", "演示文稿设计与制作", "A", "教学设计"])
    ws.append([12, "数字代码", "混合学习环境", "学法指导"])
    ws.append(["3-1", "评价", "智慧", None])
    buf = io.BytesIO()
    wb.save(buf)
    res = _upload(buf.getvalue(), "目录.xlsx")
    assert res["ok"] is True, res
    cat = res["catalog"]
    assert [(p["code"], p["env"], p["dimension"], p["row"]) for p in cat["points"]] == [
        ("1-1", "multimedia", "analysis", 2), ("1-2", "multimedia", "design", 4), ("12", "mixed", "guidance", 5),
        ("3-1", "smart", None, 6)]
    assert "目录" in cat["title"]
    out = evaluate("kaiyuan-2024", selected="1-1,1-2,12", catalog=cat)
    assert out["ok"] and out["status"] == "pass" and out["catalog"]["uploaded"] is True


@pytest.mark.parametrize("body,filename,says", [
    (b"", "a.csv", "空"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "a.xls", ".xls"),
    (b"PK\x03\x04broken", "a.xlsx", "无法读取"),
    (b"\x00\x01\x02" * 50, "a.bin", "不是表格"),
    ("编号,名称\nA1,x\n".encode(), "a.csv", "缺少“环境”列"),
    (b"x" * 2_100_000, "big.csv", "太大"),
])
def test_upload_bad_files_say_why_in_chinese(body, filename, says):
    res = _upload(body, filename)
    assert res["ok"] is False
    assert any(says in e["message"] for e in res["errors"]), res["errors"]


def test_upload_bad_request_never_raises():
    for filename, data in (("", None), (None, "文本"), (5, 5), ("a.csv", [1, 2])):
        res = api.upload_catalog(filename, data)
        assert res["ok"] is False and res["errors"][0]["message"]


def test_range_export_is_a_workbook_of_the_engines_answer():
    import io

    openpyxl = pytest.importorskip("openpyxl")
    req = {"tool": "points", "profile": "ruzhou-zhanglou-2021",
           "input": {"mode": "teacher", "selected": "A1", "classrooms": "multimedia:9,mixed:0,smart:0,none:3"}}
    res, body = api.export({"export": "points", "request": req, "school": "张楼小学"})
    assert res["ok"] is True and res["filename"] == "学校能力点范围-汝州市张楼小学（2021）.xlsx"
    assert res["title"].startswith("张楼小学能力点范围")
    wb = openpyxl.load_workbook(io.BytesIO(body))
    rows = [[c.value for c in r] for r in wb["学校范围"].iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["A2", "A3", "A5", "A7", "B2"]  # the plan's own range, not the teacher's pick
    assert rows[-1][6].startswith("没有") and rows[0][6] == "有"
    checks = [[c.value for c in r] for r in wb["检查结果"].iter_rows(min_row=2)]
    assert checks[0][:2] == ["结论", "符合"]
    # the plan's 4 items where it asks for 4, enough for either age reading; B2 without a mixed room is only flagged
    assert [r[:2] for r in checks] == [["结论", "符合"], ["学校范围的个数", "符合"], ["按年龄应选个数", "符合"],
                                       ["学校有此环境的教室", "提醒"], ["建议", "提醒"]]
    assert all(not str(r[0]).startswith("points.") for r in checks)
    assert any("张楼小学" in str(r[3]) for r in checks)  # each check names its source


def test_range_export_errors_are_chinese():
    bad, body = api.export({"export": "points", "request": {"profile": "national-2019", "input": {}}})
    assert bad["ok"] is False and "没有规定能力点" in bad["errors"][0]["message"] and body is None
    assert json.loads(api.export_json("not json", None)[0])["ok"] is False


def test_response_lists_the_range_points_with_their_check_status():
    out = evaluate("ruzhou-zhanglou-2021", mode="school", classrooms="multimedia:9,mixed:0")
    assert [p["code"] for p in out["range_points"]] == out["school_range"] == ["A2", "A3", "A5", "A7", "B2"]
    b2 = out["range_points"][-1]
    assert b2["env_available"] is False and b2["confirmed"]["dimension"] is False
    assert evaluate("kaiyuan-2024", selected="A1,A5,B9")["range_points"] == []


def test_the_calamine_reader_stays_out_of_the_browser():
    import io
    import zipfile

    import build_runtime

    names = zipfile.ZipFile(io.BytesIO(build_runtime.engine_zip())).namelist()
    assert "tisheng/io/tabular.py" in names and "tisheng/io/xlsxfast.py" not in names
