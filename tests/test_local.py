"""A user's own document (tisheng.local): validation beside each field, round trip, every tool, the CLI."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, csv_sections, workbook_rows
from tests.local_profile import (GRADE, HOURS_FAIL, HOURS_PASS, POINTS_FAIL, POINTS_PASS, ROLLOUT, SAMPLE)
from tisheng import api
from tisheng.profiles import local
from tisheng.io import yamlmini

CLI = [sys.executable, "-m", "tisheng"]
USER_TITLE = "本地文件：" + SAMPLE["title"] + "（用户录入，未经本站核对）"


def _ev(tool: str, data: dict[str, Any], profile: Any = None) -> dict[str, Any]:
    return api.evaluate({"tool": tool, "profile": "local", "local_profile": profile or SAMPLE, "input": data})


def _num(d: dict[str, str]) -> dict[str, float]:
    return {k: float(v) for k, v in d.items()}


def test_the_sample_is_valid_and_its_conflicts_with_its_parent_are_listed():
    assert local.check(SAMPLE) == []
    prof, errors = local.load(SAMPLE)
    assert errors == [] and prof is not None
    kinds = {c["rule"]: c["kind"] for c in prof["local_conflicts"]}
    assert kinds == {"hours.total_min": "stricter", "hours.online_min": "stricter", "hours.deadline": "stricter",
                     "points.teacher_count_min": "stricter", "points.teacher_dimensions_min": "stricter"}
    total = next(c for c in prof["local_conflicts"] if c["rule"] == "hours.total_min")
    assert total["message"] == "总学时：本地文件规定至少 60 学时，比上级文件更严（《开原市（2024）》规定至少 50 学时）。"


def test_a_looser_rule_is_called_looser():
    loose = copy.deepcopy(SAMPLE)
    loose["hours"]["total_min"]["value"] = 40
    loose["hours"]["deadline"]["value"] = "2024-12-31"
    prof, _ = local.load(loose)
    kinds = {c["rule"]: c["kind"] for c in prof["local_conflicts"]}
    assert kinds["hours.total_min"] == "looser" and kinds["hours.deadline"] == "looser"


def test_export_round_trips_byte_for_byte_and_reads_the_same_in_pyyaml():
    text = local.export(SAMPLE)
    obj, errors = local.parse(text)
    assert errors == []
    assert local.export(obj) == text
    assert yaml.safe_load(text) == obj  # the build (PyYAML) reads the file as the engine does
    assert api.import_local(text)["profile"] == obj
    # JSON of the same file is accepted and exports to the same bytes
    assert local.export(local.parse(json.dumps(obj, ensure_ascii=False))[0]) == text


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "profiles").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_yaml_writer_and_reader_agree_with_pyyaml_on_every_profile(path: Path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_data import _plain

    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    text = yamlmini.dumps(data)
    assert yamlmini.loads(text) == data and yaml.safe_load(text) == data and yamlmini.dumps(yamlmini.loads(text)) == text


def _broken(mutate) -> list[dict[str, str]]:
    obj = copy.deepcopy(SAMPLE)
    mutate(obj)
    return local.check(obj)


CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z_]{3,}")


@pytest.mark.parametrize(("mutate", "field", "words"), [
    (lambda o: o["grading"]["components"]["value"][0].update(weight=0.25), "grading.components.value",
     "权重之和必须为 100%，现在是 105%"),
    (lambda o: o["grading"]["bands"]["value"][1].update(min=65), "grading.bands.value.pass", "空档：60 到 65 分"),
    (lambda o: o["grading"]["bands"]["value"][1].update(max=90), "grading.bands.value.excellent", "重叠：85 到 90 分"),
    (lambda o: o["hours"].update(period_start={"value": "2024-09-01"}), "hours.deadline.value",
     "完成期限 2024-05-31 早于起始日期 2024-09-01"),
    (lambda o: o.update(extends="hebei-2021"), "extends", "不是本站收录的文件"),
    (lambda o: o["hours"]["total_min"]["source"].update(quote="每位教师" * 60), "hours.total_min.source.quote",
     "有 240 个字，超过 200 个字的上限"),
    (lambda o: o.update(format_version=0), "format_version", "旧版格式"),
    (lambda o: o.update(format_version=2), "format_version", "更新版本的网站"),
    (lambda o: o.pop("format_version"), "format_version", "没有写明格式版本"),
    (lambda o: o["hours"]["total_min"].update(value="六十"), "hours.total_min.value", "必须是数字"),
    (lambda o: o["points"]["teacher_count_min"].update(value=2.5), "points.teacher_count_min.value", "整数"),
    (lambda o: o["rollout"]["shares"]["value"].update({"2025": 0.2}), "rollout.shares.value", "超过 100%"),
    (lambda o: o.update(title=""), "title", "请填写文件标题"),
    (lambda o: o.update(date="2024-02-30"), "date", "年-月-日"),
    (lambda o: o["hours"].update(windows={"value": []}), "hours.windows", "本页不能录入"),
])
def test_every_invalid_entry_gets_a_chinese_message_beside_its_field(mutate, field, words):
    errors = _broken(mutate)
    hits = [e for e in errors if e["field"] == field]
    assert hits, errors
    assert words in hits[0]["message"], hits
    for e in errors:
        assert CHINESE.search(e["message"]) and "null" not in e["message"], e
        assert not ENGLISH.search(e["message"].replace("hebei-2021", "").replace("windows", "")), e


def test_an_invalid_profile_in_a_request_names_the_field_under_local_profile():
    bad = copy.deepcopy(SAMPLE)
    bad["grading"]["components"]["value"][0]["weight"] = 0.25
    res = _ev("grade", {"components": _num(GRADE)}, bad)
    assert res["ok"] is False and res["errors"][0]["field"] == "local_profile.grading.components.value"
    res = api.evaluate({"tool": "hours", "profile": "local", "input": {}})
    assert res["ok"] is False and res["errors"][0]["field"] == "local_profile"


def test_hours_uses_the_local_rules_and_cites_them_as_typed_in():
    ok = _ev("hours", _num(HOURS_PASS))
    assert ok["ok"] and ok["status"] == "pass" and ok["profile_title"] == SAMPLE["title"]
    total = next(f for f in ok["findings"] if f["rule"] == "hours.total_min")
    assert total["source"]["title"] == USER_TITLE and total["source"]["quote"] == "每位教师完成不少于60学时"
    practice = next(f for f in ok["findings"] if f["rule"] == "hours.practice_min")
    assert practice["source"]["title"] != USER_TITLE and practice["inherited_from"] == "kaiyuan-2024"
    assert ok["notes"][0]["rule"] == "local" and any("比上级文件更严" in n["message"] for n in ok["notes"])
    bad = _ev("hours", _num(HOURS_FAIL))
    assert bad["status"] == "fail"
    assert api.evaluate({"tool": "hours", "profile": "kaiyuan-2024", "input": _num(HOURS_FAIL)})["status"] == "pass"


def test_points_grade_and_rollout_use_the_local_rules():
    assert _ev("points", {"selected": POINTS_PASS, "mode": "teacher"})["status"] == "pass"
    three = _ev("points", {"selected": POINTS_FAIL, "mode": "teacher"})
    assert three["status"] == "fail"
    assert not any("3个" in (n.get("message") or "") and "读法" in n["message"] for n in three.get("notes", []))
    grade = _ev("grade", {"components": _num(GRADE)})
    assert grade["score"] == 85.5 and grade["band"] == "excellent"
    assert any(f["source"].get("title") == USER_TITLE for f in grade["findings"])
    roll = _ev("rollout", {"groups": [{"name": n, "teachers": int(t)} for n, t in ROLLOUT]})
    assert roll["status"] == "pass" and roll["year_totals"] == {"2022": 45, "2023": 45, "2024": 60}


def test_the_rules_page_calls_answer_in_json():
    res = api.check_local(SAMPLE)
    assert res["ok"] and res["yaml"] == local.export(SAMPLE)
    assert res["inherited"]["hours.practice_min"] == "不填则沿用《开原市（2024）》：至少 25 学时。"
    bad = api.import_local("title: 未加引号")
    assert bad["ok"] is False and "第 1 行" in bad["errors"][0]["message"]
    kept = api.import_local(local.export(SAMPLE).replace(
        "format_version: 1", "format_version: 2"))
    assert kept["ok"] is False and kept["profile"]["title"] == SAMPLE["title"]  # nothing in the file is lost


def _cli(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env_path = str(ROOT / "site_src")
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=60,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})


def test_a_staff_list_by_the_local_file_and_its_download_named_after_its_title():
    roster = "姓名,学校,学科,线上学时,实践学时\n甲,一小,语文,{},{}\n乙,一小,数学,{},{}\n".format(
        HOURS_PASS["online"], HOURS_PASS["practice"], HOURS_FAIL["online"], HOURS_FAIL["practice"])
    own = {**SAMPLE, "title": 'a/b:c*"某校"\n方案'}
    res = api.batch({"tool": "hours", "profile": "local", "local_profile": own, "filename": "名单.csv"}, roster.encode())
    assert res["ok"] and [r[res["status_col"]] for r in res["rows"]] == ["pass", "fail"]
    meta, body = api.export({"export": "batch", "format": "csv", "result": res})
    assert meta["ok"] and body and meta["filename"] == "学时检查结果-abc某校方案.csv"
    [table] = csv_sections(body.decode("utf-8-sig"))
    # 甲 30 + 30 meets the school's 60 and 30 online; 乙's 25 online is 5 short of the school's 30
    assert [r[1:2] + r[6:9] for r in table[1:]] == [["甲", "60", "达标", ""], ["乙", "55", "未达标", "再完成 5 学时线上研修"]]


def test_cli_takes_the_same_file_and_gives_the_same_verdicts(tmp_path: Path):
    (tmp_path / "本校方案.yaml").write_text(local.export(SAMPLE), encoding="utf-8")
    roster = "姓名,学校,学科,线上学时,实践学时\n张三,一小,语文,{},{}\n李四,一小,数学,{},{}\n".format(
        HOURS_PASS["online"], HOURS_PASS["practice"], HOURS_FAIL["online"], HOURS_FAIL["practice"])
    (tmp_path / "名单.csv").write_text(roster, encoding="utf-8")
    proc = _cli("batch", "名单.csv", "--profile-file", "本校方案.yaml", "--out", "报告.xlsx", cwd=tmp_path)
    assert proc.returncode == 1 and "达标 1，未达标 1" in proc.stdout, proc.stderr
    with zipfile.ZipFile(tmp_path / "报告.xlsx") as book:  # the 依据 sheet names the typed-in document as such
        strings = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert USER_TITLE in strings and "每位教师完成不少于60学时" in strings
    sheets = workbook_rows((tmp_path / "报告.xlsx").read_bytes())
    assert [r[1:2] + r[6:9] for r in sheets["检查结果"][1:]] == [
        ("张三", 60.0, "达标", None), ("李四", 55.0, "未达标", "再完成 5 学时线上研修")]
    assert [r[:2] for r in sheets["依据"] if r[0] in ("已检查", "达标", "未达标", "问题行", "达标率")] == [
        ("已检查", 2), ("达标", 1), ("未达标", 1), ("问题行", 0), ("达标率", "50%")]
    ok = _cli("hours", "--profile-file", "本校方案.yaml", "--online", "30", "--practice", "30", cwd=tmp_path)
    assert ok.returncode == 0 and USER_TITLE in ok.stdout
    req = json.dumps({"tool": "grade", "input": {"components": _num(GRADE)}})
    out = _cli("eval", "--profile-file", "本校方案.yaml", cwd=tmp_path, stdin=req)
    assert out.returncode == 0 and json.loads(out.stdout)["band"] == _ev("grade", {"components": _num(GRADE)})["band"]


def test_cli_a_wrong_file_exits_2_an_unreadable_one_3(tmp_path: Path):
    bad = local.export(SAMPLE).replace("weight: 0.2", "weight: 0.25")
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(local.export(SAMPLE).replace("format_version: 1", "format_version: 3"),
                                       encoding="utf-8")
    (tmp_path / "broken.yaml").write_bytes(b"\xff\xfe title")
    args = ("--online", "30", "--practice", "30")
    proc = _cli("hours", "--profile-file", "bad.yaml", *args, cwd=tmp_path)
    assert proc.returncode == 2 and "权重之和必须为 100%" in proc.stderr
    proc = _cli("hours", "--profile-file", "new.yaml", *args, cwd=tmp_path)
    assert proc.returncode == 2 and "更新版本" in proc.stderr
    assert _cli("hours", "--profile-file", "broken.yaml", *args, cwd=tmp_path).returncode == 3
    missing = _cli("hours", "--profile-file", "nowhere.yaml", *args, cwd=tmp_path)
    assert missing.returncode == 3 and "文件不存在" in missing.stderr
    assert _cli("hours", *args, cwd=tmp_path).returncode == 2


def test_build_rejects_a_band_gap_in_data(tmp_path: Path):
    import shutil

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_data

    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / "profiles" / "xx-school-2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{band: pass, label: 合格, min: 60, max: 80,", "{band: pass, label: 合格, min: 60, max: 75,", 1),
                    encoding="utf-8")
    with pytest.raises(build_data.DataError) as info:
        build_data.load_all(tmp_path / "data")
    assert "xx-school-2022.yaml: grading.bands.value.excellent: 优秀与合格之间有空档" in str(info.value)


def test_peer_leader_composition_deductions_and_age_rules_work_through_the_tools():
    plan = {
        "format_version": 1, "title": "某县教师信息技术应用能力考核办法", "level": "county", "extends": "national-2019",
        "points": {"age_rules": {"value": [{"age_min": None, "age_max": 44, "count_min": 3},
                                           {"age_min": 45, "age_max": None, "count_min": 2}]}},
        "grading": {
            "final_composition": {"value": [{"id": "peer", "label": "教师互评", "weight": 0.4},
                                            {"id": "leader", "label": "考核领导评价", "weight": 0.6}],
                                  "source": {"section": "五", "quote": "互评占40%，领导评价占60%"}},
            "deductions": {"value": [{"id": "d1", "label": "迟到", "points": -2, "per": "每次"}]},
            "bands": {"value": [
                {"band": "excellent", "label": "优秀", "min": 90, "max": 100, "min_inclusive": True, "max_inclusive": True},
                {"band": "pass", "label": "合格", "min": 60, "max": 90, "min_inclusive": True, "max_inclusive": False},
                {"band": "fail", "label": "不合格", "min": None, "max": 60, "min_inclusive": None, "max_inclusive": False}]},
        },
    }
    assert local.check(plan) == []
    text = local.export(plan)
    assert local.export(local.parse(text)[0]) == text
    res = _ev("grade", {"peer": 90, "leader": 95, "deductions": {"d1": 1}}, plan)  # 36 + 57 − 2 = 91
    assert res["ok"], res.get("errors")
    assert res["score"] == 91 and res["band"] == "excellent"
    older = _ev("points", {"selected": ["A1", "A2"], "age": 50, "mode": "teacher"}, plan)
    younger = _ev("points", {"selected": ["A1", "A2"], "age": 30, "mode": "teacher"}, plan)
    assert older["ok"] and younger["ok"], (older.get("errors"), younger.get("errors"))
    assert (older["status"], younger["status"]) == ("pass", "fail")


def test_a_file_that_inherits_the_grading_parts_and_states_its_own_bands():
    plan = {"format_version": 1, "title": "某校成绩等次规定", "extends": "xx-school-2022",
            "grading": {"bands": {"value": [
                {"band": "excellent", "label": "优秀", "min": 90, "max": 100, "min_inclusive": True, "max_inclusive": True},
                {"band": "pass", "label": "合格", "min": 60, "max": 90, "min_inclusive": True, "max_inclusive": False},
                {"band": "fail", "label": "不合格", "min": None, "max": 60, "min_inclusive": None,
                 "max_inclusive": False}]}}}
    scores = {"centralized": 90, "online": 85, "school_activities": 80, "showcase": 88}  # 85 points
    mine = _ev("grade", {"components": scores}, plan)
    theirs = api.evaluate({"tool": "grade", "profile": "xx-school-2022", "input": {"components": scores}})
    assert (mine["score"], mine["band"], theirs["band"]) == (85, "pass", "excellent")
    prof, _ = local.load(plan)
    assert [c["kind"] for c in prof["local_conflicts"]] == ["differs"]


def test_a_host_can_publish_the_exported_file_in_data_profiles(tmp_path: Path):
    import shutil

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_data

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = local.export(SAMPLE)
    pid = local.parse(text)[0]["id"]
    (data / "profiles" / f"{pid}.yaml").write_text(text, encoding="utf-8")
    with (data / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"  - id: {pid}\n    title: {SAMPLE['title']}\n    level: school\n    seed: null\n")
    built = build_data.load_all(data)
    assert built["profiles"][pid]["hours"]["total_min"]["value"] == 60
    assert built["profiles"][pid]["hours"]["practice_min"]["inherited_from"] == "kaiyuan-2024"


def test_the_schools_own_points_are_checked_against_the_catalog_and_used():
    plan = copy.deepcopy(SAMPLE)
    plan["points"]["school_range"] = {"value": ["A1", "A40"]}
    assert [e["message"] for e in local.check(plan)] == ["学校选定的能力点：A40 不在能力点目录中。"]
    plan["points"]["school_range"] = {"value": ["A1", "第一项"]}
    assert local.check(plan)[0]["field"] == "points.school_range.value"
    plan["points"]["school_range"] = {"value": ["A1", "A2", "A5", "B3", "B6"],
                                      "source": {"section": "三", "quote": "本校选定A1、A2、A5、B3、B6"}}
    res = _ev("points", {"selected": POINTS_PASS, "mode": "teacher"}, plan)
    assert res["ok"] and res["status"] == "pass"
    inside = _ev("points", {"selected": ["A1", "A2", "A5", "C1"], "mode": "teacher"}, plan)
    assert inside["status"] == "fail" and any("C1" in f["message"] for f in inside["findings"] if not f["met"])


def test_the_rules_tool_checks_a_file_through_the_one_door():
    ok = api.evaluate({"tool": "rules", "profile": "local", "local_profile": SAMPLE, "input": {}})
    assert ok["ok"] and ok["status"] == "pass" and "写明了 9 条规定，其中 5 条与上级文件不同" in ok["summary"]
    assert {f["conflict"] for f in ok["findings"]} == {"stricter", None}
    assert all(f["source"]["title"] == USER_TITLE for f in ok["findings"])
    bad = copy.deepcopy(SAMPLE)
    bad["hours"]["deadline"]["value"] = "2024-13-01"
    res = api.evaluate({"tool": "rules", "profile": "local", "local_profile": bad, "input": {}})
    assert res["ok"] is False and res["errors"][0]["field"] == "local_profile.hours.deadline.value"
