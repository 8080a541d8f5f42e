"""成绩计算: the engine against data/cases/grade.yaml, school-level checks, batch lists with bad rows, and the CLI."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
import sys

import openpyxl
import pytest

from tests.helpers import ROOT, cases, check_case, csv_sections, request, workbook_rows
from tisheng import api, batch
from tisheng.core import snapshot
from tisheng.tools import grade

GRADE = cases("grade")
CLI = [sys.executable, "-m", "tisheng"]


def ev(profile: str, data: dict) -> dict:
    return api.evaluate({"tool": "grade", "profile": profile, "input": data})


@pytest.mark.parametrize("case", GRADE, ids=[c["id"] for c in GRADE])
def test_grade_case(case):
    check_case(case, api.evaluate(request("grade", case)))


def test_cases_cover_every_band_boundary_and_deduction():
    ids = {c["id"] for c in GRADE}
    for needed in ("xx-exactly-80-is-excellent", "xx-79.9-is-pass", "xx-exactly-60-is-pass", "xx-59.9-is-fail",
                   "sa-80-read-as-pass", "sa-clamped-at-100", "sa-clamped-at-0", "sa-missing-weights"):
        assert needed in ids
    deductions = snapshot.profile("school-assessment-2022")["grading"]["deductions"]["value"]
    shown = {s for c in GRADE for s in c["expect"].get("steps", []) if s.startswith("deductions.")}
    assert shown == {f"deductions.{d['id']}" for d in deductions}


def test_every_number_comes_from_data(monkeypatch):
    """Change the data, the answer changes: the weights, the deduction and the band lines are not in the code."""
    prof = copy.deepcopy(snapshot.profile("xx-school-2022"))
    prof["grading"]["components"]["value"][0]["weight"] = 0.25
    prof["grading"]["components"]["value"][1]["weight"] = 0.20
    res = grade.evaluate(prof, {"centralized": 100, "online": 0, "school_activities": 0, "showcase": 0})
    assert res["score"] == 25.0
    sa = copy.deepcopy(snapshot.profile("school-assessment-2022"))
    sa["grading"]["deductions"]["value"][2]["points"] = -7
    res = grade.evaluate(sa, {"peer": 80, "leader": 80, "w_peer": 50, "w_leader": 50, "absent": 1})
    assert res["score"] == 73.0
    sa["grading"]["bands"]["value"][1]["min"] = 75
    sa["grading"]["bands"]["value"][2]["max"] = 75
    assert grade.evaluate(sa, {"peer": 74, "leader": 74, "w_peer": 50, "w_leader": 50})["band"] == "fail"


def test_scores_are_one_decimal_and_within_0_100():
    for peer, leader, extra in [(100, 100, {"bonus": 30}), (0, 0, {"absent": 100}), (33.33, 66.67, {}),
                                (12.345, 98.765, {"late": 3})]:
        res = ev("school-assessment-2022", {"peer": peer, "leader": leader, "w_peer": 1 / 3 * 100 // 1,
                                            "w_leader": 100 - 1 / 3 * 100 // 1, **extra})
        assert res["ok"], res
        assert 0 <= res["score"] <= 100 and round(res["score"], 1) == res["score"]
        assert len(res["score_text"].split(".")[1]) == 1


def test_every_step_and_finding_is_cited():
    res = ev("school-assessment-2022", {"peer": 90, "leader": 70, "weights": {"peer": 0.5, "leader": 0.5},
                                        "deductions": {"late_submission": 1, "late": 1, "absent": 1}, "bonus": 10,
                                        "areas": "prep1", "own_image": "否"})
    assert res["ok"]
    for item in res["steps"] + res["findings"] + res["notes"]:
        assert item["source"].get("quote") and item["source"].get("section"), item
        assert not item["message"].isascii()
    # Missing areas and invalid evidence are shown beside the score band; only the strict reading combines them.
    assert res["clamped"] is None and res["band"] == "excellent" and res["score_band"] == "excellent"
    strict = api.evaluate({"tool": "grade", "profile": "school-assessment-2022", "reading": {
        "grading.level_aggregation": "strict"}, "input": {"peer": 90, "leader": 70, "weights": {"peer": 0.5, "leader": 0.5},
                                                          "areas": "prep1", "own_image": "否"}})
    assert strict["band"] == "fail" and strict["score_band"] == "excellent"


def test_user_weights_are_marked_as_the_users():
    res = ev("school-assessment-2022", {"peer": 80, "leader": 60, "weights": {"peer": 0.25, "leader": 0.75}})
    assert res["weights"] == {"values": {"peer": 0.25, "leader": 0.75}, "from": "user"}
    assert all(c["weight_from"] == "user" for c in res["components"])
    assert any("你填写" in s["message"] for s in res["steps"])


def test_missing_weights_message_is_clear_chinese():
    res = ev("school-assessment-2022", {"peer": 80, "leader": 90})
    [err] = res["errors"]
    assert err["field"] == "input.weights" and "权重" in err["message"] and "文件没有规定" in err["message"]


# ---------------------------------------------------------------- school level

def _people(school: str, bands: str) -> list[dict]:
    names = {"e": "excellent", "p": "pass", "f": "fail"}
    return [{"name": f"{school}{i}", "school": school, "band": names[b]} for i, b in enumerate(bands, 1)]


def test_kaiyuan_excellent_cap_60_percent_lists_the_teachers():
    kaiyuan = snapshot.profile("kaiyuan-2024")
    # 3 of 5 = 60%: allowed. 4 of 5 = 80%: over by 1, every 优秀 teacher named.
    ok, over = grade.school_summary(kaiyuan, _people("一小", "eeepp") + _people("二小", "eeeep"))
    cap = {c["rule"]: c for c in ok["checks"]}["grade.school_excellent_rate_max"]
    assert cap["met"] is True and cap["actual"] == 0.6
    cap = {c["rule"]: c for c in over["checks"]}["grade.school_excellent_rate_max"]
    assert cap["met"] is False and cap["over_by"] == 1
    assert cap["teachers"] == ["二小1", "二小2", "二小3", "二小4"]
    assert "二小4" in cap["message"] and "60%" in cap["message"] and cap["source"]["quote"] == "各校微能力点认证优秀率不超过60%"
    assert over["status"] == "fail" and ok["status"] == "pass"


def test_kaiyuan_pass_rate_100_percent_lists_who_failed():
    kaiyuan = snapshot.profile("kaiyuan-2024")
    [school] = grade.school_summary(kaiyuan, _people("三小", "ppfpe"))
    rate = {c["rule"]: c for c in school["checks"]}["grade.school_pass_rate_min"]
    assert rate["met"] is False and rate["teachers"] == ["三小3"] and "三小3" in rate["message"]
    [school] = grade.school_summary(kaiyuan, _people("三小", "pppe"))
    assert all(c["met"] for c in school["checks"])


def test_profiles_without_school_rules_have_no_school_checks():
    [school] = grade.school_summary(snapshot.profile("xx-school-2022"), _people("一小", "eeeee"))
    assert school["checks"] == [] and school["status"] == "pass" and school["excellent_rate"] == 1.0


# ---------------------------------------------------------------- batch

def _xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["A1"] = "某县 2022 年信息技术应用能力考核成绩"
    for r in rows:
        sheet.append(r)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a name that looks like a formula, stored as text as a real roster would
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# The known answers for XX_ROWS' graded rows (weights 15/30/30/25; 80 and up 优秀, 60 to 80 合格, below 60 不合格;
# 结果 is the engine's status, shown as 通过/未通过 in the downloads).
XX_VERDICTS = {"王老师": ["优秀", "pass"], "赵老师": ["不合格", "fail"], "=HYPERLINK(\"x\")": ["合格", "pass"]}
XX_ROWS = [
    ["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"],
    ["王老师", "一小", "语文", 90, 85, 80, 88],      # 85.0 优秀
    ["赵老师", "一小", "数学", 60, 60, 60, 59.6],    # 59.9 不合格
    ["=HYPERLINK(\"x\")", "二小", "英语", 70, 70, 70, 70],  # 70.0 合格; the name stays text
    ["钱老师", "二小", "美术", "九十", 80, 80, 80],   # bad: text
    ["孙老师", "二小", "体育", 101, 80, 80, 80],      # bad: over 100
    [None, "二小", "音乐", 80, 80, 80, 80],           # bad: no name
    ["王老师", "一小", "科学", 80, 80, 80, 80],       # bad: duplicate
    ["李老师", "二小", "信息", 80, 80, 80, None],     # bad: missing component
]


def test_batch_xlsx_with_bad_rows():
    res = batch.run("grade", "xx-school-2022", _xlsx(XX_ROWS), "名单.xlsx")
    assert res["ok"] and res["status"] == "fail"
    s = res["summary"]
    assert (s["checked"], s["excellent"], s["pass_only"], s["fail"], s["bad"]) == (3, 1, 1, 1, 5)
    scores = {r[1]: r[res["columns"].index("成绩")] for r in res["rows"]}
    assert scores == {"王老师": 85.0, "赵老师": 59.9, "=HYPERLINK(\"x\")": 70.0}
    assert res["columns"][9:11] == ["等次", "结果"]
    assert {r[1]: r[9:11] for r in res["rows"]} == XX_VERDICTS
    bad = {b["row"]: "；".join(b["problems"]) for b in res["bad_rows"]}
    assert sorted(bad) == [6, 7, 8, 9, 10]  # the title is row 1, the header row 2
    assert "必须是数字" in bad[6] and "不能大于 100" in bad[7] and "缺少姓名" in bad[8] and "重名" in bad[9]
    assert "成果打磨展示" in bad[10]
    assert [x["school"] for x in res["schools"]] == ["一小", "二小"]
    counts = [(x["count"], x["excellent"], x["pass"], x["fail"], x["pass_rate"], x["excellent_rate"], x["bad"])
              for x in res["schools"]]
    assert counts == [(2, 1, 0, 1, 0.5, 0.5, 1), (1, 0, 1, 0, 1.0, 0.0, 4)]  # bad rows by school: 9 | 6, 7, 8, 10
    assert [len(x["rows"]) for x in res["signoff"]["schools"]] == [2, 1]
    assert [x["rows"] for x in res["signoff"]["schools"]] == [
        [[1, "王老师", "语文", "85.0", "优秀", "", "", ""], [2, "赵老师", "数学", "59.9", "不合格", "", "", ""]],
        [[1, "=HYPERLINK(\"x\")", "英语", "70.0", "合格", "", "", ""]]]
    assert res["signoff"]["columns"][5:] == ["意见（可表述、申诉）", "教师签名", "日期"]  # “有意见可表述、申诉”
    assert any(src["quote"] == "无签名考核结果同样有效" for src in res["signoff"]["sources"])
    assert sum(sum(x["data"]) for x in res["chart"]["series"]) == 3
    by_band = {x["name"]: [i for i, n in enumerate(x["data"]) for _ in range(n)] for x in res["chart"]["series"]}
    assert by_band == {"优秀": [8], "合格": [7], "不合格": [5]}  # 85.0 in 80–89, 70.0 in 70–79, 59.9 in 50–59


def test_batch_exports_are_formula_safe_and_complete():
    res = batch.run("grade", "xx-school-2022", _xlsx(XX_ROWS), "名单.xlsx")
    text = batch.to_csv(res).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert ",85.0," in text and ",59.9," in text  # one decimal place, always
    book = openpyxl.load_workbook(io.BytesIO(batch.to_xlsx(res)))
    assert book.sheetnames == ["成绩", "问题行", "学校汇总", "签名表", "依据"]
    cell = next(c for c in book["成绩"]["B"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    assert [c.value for c in book["签名表"][1]] == ["学校", "序号", "姓名", "学科", "成绩", "等次", "意见（可表述、申诉）",
                                                 "教师签名", "日期"]
    assert book["签名表"].max_row == 4
    sheets = workbook_rows(batch.to_xlsx(res))
    assert {r[1]: r[8:11] for r in sheets["成绩"][1:]} == {
        "王老师": (85.0, "优秀", "通过"), "赵老师": (59.9, "不合格", "未通过"), "=HYPERLINK(\"x\")": (70.0, "合格", "通过")}
    assert [r[:6] for r in sheets["签名表"][1:]] == [("一小", 1, "王老师", "语文", "85.0", "优秀"),
                                                  ("一小", 2, "赵老师", "数学", "59.9", "不合格"),
                                                  ("二小", 1, "=HYPERLINK(\"x\")", "英语", "70.0", "合格")]
    assert [r[1:7] for r in sheets["学校汇总"][1:]] == [(2, 1, 0, 1, "50%", "50%"), (1, 0, 1, 0, "100%", "0%")]
    assert [r[0] for r in sheets["问题行"][1:]] == [6, 7, 8, 9, 10]
    figures = sheets["依据"][sheets["依据"].index(("政策", "XX学校教师信息技术提升2.0考核方案", None, None, None)) + 1:]
    assert [r[:2] for r in figures] == [("人数", 3), ("优秀", 1), ("合格", 1), ("不合格", 1), ("问题行", 5),
                                        ("合格率", "66.7%"), ("优秀率", "33.3%")]  # 2 of 3 pass, 1 of 3 excellent
    table, bad, schools = csv_sections(text)
    assert {r[1]: r[8:11] for r in table[1:]} == {"王老师": ["85.0", "优秀", "通过"], "赵老师": ["59.9", "不合格", "未通过"],
                                                 "'=HYPERLINK(\"x\")": ["70.0", "合格", "通过"]}
    assert [r[0] for r in bad[1:]] == ["6", "7", "8", "9", "10"]
    assert schools[1:] == [["一小", "2", "1", "0", "1", "50%", "50%", ""], ["二小", "1", "0", "1", "0", "100%", "0%", ""]]


def test_batch_school_assessment_needs_weights_then_checks_deductions():
    csv_text = ("姓名,学校,教师互评,考核领导评价,迟交资料次数,迟到次数,旷到次数,加分\n"
                "甲,一小,80,90,1,,,\n乙,一小,64,64,,,1,\n丙,一小,100,100,,,,10\n丁,一小,80,80,1.5,,,\n")
    missing = batch.run("grade", "school-assessment-2022", csv_text.encode(), "a.csv")
    assert missing["ok"] is False
    assert sorted(e["field"] for e in missing["errors"]) == ["input.w_leader", "input.w_peer"]
    assert all("权重" in e["message"] for e in missing["errors"])
    wrong = batch.run("grade", "school-assessment-2022", csv_text.encode(), "a.csv", {"w_peer": "50", "w_leader": "60"})
    assert wrong["ok"] is False and wrong["errors"][0]["field"] == "input.w_peer"
    res = batch.run("grade", "school-assessment-2022", csv_text.encode(), "a.csv", {"w_peer": "50", "w_leader": "50"})
    assert res["ok"], res
    score = res["columns"].index("成绩")
    assert {r[1]: r[score] for r in res["rows"]} == {"甲": 84.0, "乙": 59.0, "丙": 100.0}
    # 85 − 1 (迟交) = 84 is 优秀 (80–100); 64 − 5 (旷到) = 59 不合格 (below 60); 100 + 10 is 100, 优秀
    assert {r[1]: r[score + 1:score + 3] for r in res["rows"]} == {
        "甲": ["优秀", "pass"], "乙": ["不合格", "fail"], "丙": ["优秀", "pass"]}
    s = res["summary"]
    assert (s["checked"], s["excellent"], s["pass_only"], s["fail"], s["bad"]) == (3, 2, 0, 1, 1)
    assert res["status"] == "fail"
    assert "按 100 分计" in next(r for r in res["rows"] if r[1] == "丙")[-1]
    assert [b["row"] for b in res["bad_rows"]] == [5] and "整数" in res["bad_rows"][0]["problems"][0]
    pass_ = batch.run("grade", "school-assessment-2022", csv_text.encode(), "a.csv",
                      {"w_peer": "0.5", "w_leader": "0.5", "reading": "eighty-pass"})
    assert pass_["options"]["reading"] == "eighty-pass"
    # no score lies on 80, so the other reading of the overlap gives the same bands
    assert {r[1]: r[score + 1] for r in pass_["rows"]} == {"甲": "优秀", "乙": "不合格", "丙": "优秀"}


def test_batch_kaiyuan_school_checks_name_the_teachers():
    lines = ["姓名,学校,等次"] + [f"一{i},一小,{b}" for i, b in enumerate("优秀 优秀 合格 合格 合格".split(), 1)]
    lines += [f"二{i},二小,{b}" for i, b in enumerate("优秀 优秀 优秀 优秀 合格".split(), 1)]
    lines += ["三1,三小,优秀", "三2,三小,不合格", "三3,三小,甲等"]
    res = batch.run("grade", "kaiyuan-2024", "\n".join(lines).encode(), "k.csv")
    assert res["ok"] and res["status"] == "fail"
    by = {s["school"]: {c["rule"]: c for c in s["checks"]} for s in res["schools"]}
    assert all(c["met"] for c in by["一小"].values())
    assert by["二小"]["grade.school_excellent_rate_max"]["met"] is False
    assert by["二小"]["grade.school_excellent_rate_max"]["teachers"] == ["二1", "二2", "二3", "二4"]
    assert by["三小"]["grade.school_pass_rate_min"]["teachers"] == ["三2"]
    assert res["bad_rows"][0]["row"] == 14 and "甲等" in res["bad_rows"][0]["problems"][0]
    assert "成绩" not in res["columns"]
    counts = {s["school"]: (s["count"], s["excellent"], s["pass"], s["fail"], s["status"]) for s in res["schools"]}
    # 一小 2 of 5 优秀 (40% ≤ 60%); 二小 4 of 5 (80%); 三小 one 不合格 where every teacher must pass; 甲等 is no level
    assert counts == {"一小": (5, 2, 3, 0, "pass"), "二小": (5, 4, 1, 0, "fail"), "三小": (2, 1, 0, 1, "fail")}
    assert {r[1]: r[4:6] for r in res["rows"]} == {
        **{f"一{i}": [b, "pass"] for i, b in enumerate("优秀 优秀 合格 合格 合格".split(), 1)},
        **{f"二{i}": [b, "pass"] for i, b in enumerate("优秀 优秀 优秀 优秀 合格".split(), 1)},
        "三1": ["优秀", "pass"], "三2": ["不合格", "fail"]}


def test_batch_profile_without_grading_is_an_error():
    res = batch.run("grade", "national-2019", "姓名,学校\n甲,一小\n".encode(), "a.csv")
    assert res["ok"] is False and res["errors"][0]["field"] == "profile"


def test_batch_missing_columns_named():
    res = batch.run("grade", "xx-school-2022", "姓名,学校,学校集中培训\n甲,一小,90\n".encode(), "a.csv")
    assert res["ok"] is False and "线上自主学习" in res["errors"][0]["message"]


def test_batch_with_options_is_the_browser_call():
    data = "姓名,学校,教师互评,考核领导评价\n甲,一小,80,80\n".encode()
    out = api.batch({"tool": "grade", "profile": "school-assessment-2022", "filename": "a.csv",
                     "options": {"w_peer": "50", "w_leader": "50"}}, data)
    assert out["ok"] and out["rows"][0][1] == "甲"
    meta, body = api.export({"export": "batch", "format": "csv", "result": out})
    assert meta["ok"] and body.decode("utf-8-sig").startswith("行号,姓名")
    # 80 × 50% + 80 × 50% = 80: 优秀 by the site's default reading of the 80 overlap, and said to be on it
    table, schools = csv_sections(body.decode("utf-8-sig"))
    assert table[1][:2] == ["2", "甲"] and table[1][-4:] == ["80.0", "优秀", "通过", "80 分：文件两段重叠，按另一读法等次不同"]
    assert schools[1] == ["一小", "1", "1", "0", "0", "100%", "100%", ""]
    assert json.loads(api.batch_json("not json", data))["ok"] is False


def test_template_has_every_profiles_columns():
    header, rows = batch.template("grade")
    for pid in ("xx-school-2022", "school-assessment-2022", "kaiyuan-2024"):
        prof = snapshot.profile(pid)
        index, missing = batch.map_header(header, batch.grade_columns(prof))
        assert not missing, (pid, missing)
    assert all(len(r) == len(header) for r in rows)


# ---------------------------------------------------------------- CLI

def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_batch_grade(tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(_xlsx(XX_ROWS[:2]))
    out = tmp_path / "report.xlsx"
    proc = run_cli("batch", str(good), "--tool", "grade", "--profile", "xx-school-2022", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "计算 1 人，优秀 1，合格 0，不合格 0，问题行 0，合格率 100%，优秀率 100%" in proc.stdout
    rows = list(openpyxl.load_workbook(out)["成绩"].iter_rows(values_only=True))
    assert rows[0][8:11] == ("成绩", "等次", "结果")
    assert rows[1:] == [(3, "王老师", "一小", "语文", 90, 85, 80, 88, 85.0, "优秀", "通过", None)]

    mixed = tmp_path / "mixed.xlsx"
    mixed.write_bytes(_xlsx(XX_ROWS))
    proc = run_cli("batch", str(mixed), "--tool", "grade", "--profile", "xx-school-2022", "--out", str(tmp_path / "r.csv"))
    assert proc.returncode == 1
    assert "计算 3 人，优秀 1，合格 1，不合格 1，问题行 5，合格率 66.7%，优秀率 33.3%" in proc.stdout
    assert [line.split("：")[0].strip() for line in proc.stderr.strip().splitlines()] == [
        "第 6 行 钱老师", "第 7 行 孙老师", "第 8 行", "第 9 行 王老师", "第 10 行 李老师"]
    report = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    graded = {r[1]: r[8:11] for r in report[1:4]}
    assert graded == {"王老师": ["85.0", "优秀", "通过"], "赵老师": ["59.9", "不合格", "未通过"],
                      "'=HYPERLINK(\"x\")": ["70.0", "合格", "通过"]}  # a formula stays text in the CSV
    schools = report[report.index(["学校", "人数", "优秀", "合格", "不合格", "合格率", "优秀率", "学校层面检查"]) + 1:]
    assert schools[:2] == [["一小", "2", "1", "0", "1", "50%", "50%", ""], ["二小", "1", "0", "1", "0", "100%", "0%", ""]]

    csv_file = tmp_path / "sa.csv"
    csv_file.write_text("姓名,学校,教师互评,考核领导评价\n甲,一小,80,80\n", encoding="utf-8")
    proc = run_cli("batch", str(csv_file), "--tool", "grade", "--profile", "school-assessment-2022", "--out",
                   str(tmp_path / "x.xlsx"))
    assert proc.returncode == 2 and "--w-peer" in proc.stderr and "权重" in proc.stderr
    proc = run_cli("batch", str(csv_file), "--tool", "grade", "--profile", "school-assessment-2022", "--out",
                   str(tmp_path / "x.xlsx"), "--w-peer", "50", "--w-leader", "50")
    assert proc.returncode == 0, proc.stderr
    assert "计算 1 人，优秀 1，合格 0，不合格 0，问题行 0，合格率 100%，优秀率 100%" in proc.stdout  # 80 × 50% + 80 × 50%
    assert [r[6:9] for r in workbook_rows((tmp_path / "x.xlsx").read_bytes())["成绩"][1:]] == [(80.0, "优秀", "通过")]

    kaiyuan = tmp_path / "k.csv"
    kaiyuan.write_text("姓名,学校,等次\n" + "".join(f"{i},一小,优秀\n" for i in range(4)) + "5,一小,合格\n",
                       encoding="utf-8")
    proc = run_cli("batch", str(kaiyuan), "--tool", "grade", "--profile", "kaiyuan-2024", "--out", str(tmp_path / "k.xlsx"))
    assert proc.returncode == 1 and "✘" in proc.stdout and "优秀率 80%" in proc.stdout
    assert "计算 5 人，优秀 4，合格 1，不合格 0，问题行 0，合格率 100%，优秀率 80%" in proc.stdout
    k_rows = workbook_rows((tmp_path / "k.xlsx").read_bytes())
    assert [r[4:6] for r in k_rows["成绩"][1:]] == [("优秀", "通过")] * 4 + [("合格", "通过")]
    assert [r[:7] for r in k_rows["学校汇总"][1:]] == [("一小", 5, 4, 1, 0, "100%", "80%")]  # over the 60% cap

    # a file that cannot be read is exit 3, not a verdict and not bad options
    assert run_cli("batch", str(tmp_path / "none.xlsx"), "--tool", "grade", "--profile", "xx-school-2022",
                   "--out", str(tmp_path / "n.xlsx")).returncode == 3


def test_cli_eval_grade_exit_codes():
    for data, code in [({"centralized": 90, "online": 85, "school_activities": 80, "showcase": 88}, 0),
                       ({"centralized": 50, "online": 50, "school_activities": 50, "showcase": 50}, 1),
                       ({"centralized": "x"}, 2)]:
        proc = subprocess.run([*CLI, "eval"], input=json.dumps({"tool": "grade", "profile": "xx-school-2022",
                                                                  "input": data}),
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert proc.returncode == code, proc.stdout


@pytest.mark.parametrize(("old", "new", "message"), [
    ("weight: 0.15", "weight: 0.20", "之和必须为 1"),
    ("points: -5", "points: 0", "非零的 points"),
    ("{band: excellent, label: 优秀, min: 80, max: 100, min_inclusive: true, max_inclusive: true}",
     "{band: excellent, label: 优秀, min: 80, max: 120, min_inclusive: true, max_inclusive: true}", "0–100"),
])
def test_build_rejects_broken_grading_numbers(tmp_path, old, new, message):
    import shutil

    import build_data  # scripts/, on sys.path via tests.helpers

    from tests.helpers import DATA
    shutil.copytree(DATA, tmp_path / "data")
    for path in (tmp_path / "data" / "profiles").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            break
    else:
        pytest.fail(f"{old!r} not found in any profile")
    with pytest.raises(build_data.DataError) as info:
        build_data.load_all(tmp_path / "data")
    assert message in str(info.value) and "grading." in str(info.value)


def test_a_count_that_is_not_whole_is_shown_as_entered():
    """2.04 absences is not a count; the message shows 2.04, not the rounded "2" it once showed."""
    res = api.evaluate({"tool": "grade", "profile": "school-assessment-2022",
                        "input": {"peer": 85, "leader": 85, "w_peer": 0.5, "w_leader": 0.5,
                                  "late_submission": "2.04"}})
    [err] = [e for e in res["errors"] if e["field"] == "input.late_submission"]
    assert err["message"].endswith("应是整数（次数），现在是 2.04。")


def test_a_list_of_given_grades_signs_without_scores_in_the_documents_words():
    """张楼's platform gives grades, not scores: the sign-off sheet has no empty 成绩 column, and every count and sheet
    says the grade as the rows do (不及格 is the document's word, not 不合格)."""
    res = batch.run("grade", "ruzhou-zhanglou-2021", "姓名,学校,学科,等次\n甲,一小,语文,优秀\n乙,一小,数学,不合格\n".encode(),
                    "名单.csv")
    words = {r[1]: r[res["columns"].index("等次")] for r in res["rows"]}
    assert words == {"甲": "优秀", "乙": "不及格"}
    assert res["signoff"]["columns"] == ["序号", "姓名", "学科", "等次", "意见（可表述、申诉）", "教师签名", "日期"]
    assert res["signoff"]["schools"][0]["rows"] == [[1, "甲", "语文", "优秀", "", "", ""], [2, "乙", "数学", "不及格", "", "", ""]]
    assert [k for k, _ in res["stats"]][1:4] == ["优秀", "合格", "不及格"]
    sheets = workbook_rows(batch.to_xlsx(res))
    assert sheets["签名表"][0] == ("学校", "序号", "姓名", "学科", "等次", "意见（可表述、申诉）", "教师签名", "日期")
