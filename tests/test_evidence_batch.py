"""材料自查 for a staff list: one row per teacher, the school summary, who is missing what, and the downloads."""

from __future__ import annotations

import io
import zipfile

from tests.helpers import csv_sections, workbook_rows
from tisheng import api
from tisheng.tools.evidence import batch

HEAD = ("姓名,学校,学科,线上学时,实践学时,证据包个数,课堂实录时长（分钟）,自述说明字数,阶段数,互评次数,提交前先评价他人,"
        "证据等次,个人研修计划1份,听课记录,完善后的演示文稿或微课,教学设计1份,演示文稿或微课1个,课堂实录1个,"
        "证据包含视频材料和研讨记录\n")
ROWS = ("张一,一小,语文,20,30,2,6,\"320,305\",2,3,是,A5:优秀,是,是,是,是,是,是,是\n"
        "李二,一小,数学,20,20,5,12,280,1,2,否,A5:不合格,是,是,是,是,否,是,是\n"
        "王三,二小,英语,25,25,,,,,,,,,,,,,,\n"
        ",二小,英语,abc,25,x,,,,,,,,,,,,,\n")


# 李二 against 张楼's plan: 40 学时 before handing in (50), 5 packages (2-4), a 12-minute clip (5-10), 280 characters
# (300), 2 reviews (3), not reviewed first, A5 不合格, no 演示文稿或微课; met: 教学设计, 课堂实录, one statement per stage.
LI_MISSING = ["先完成学时（总学时不少于 50、实践应用学时不少于总学时的 50%），再提交成果参加考核", "演示文稿或微课1个", "提交微能力证据包2-4个", "课堂实录视频 5-10分钟",
              "每个阶段的自述说明不少于300字", "评价他人提交的成果不少于3次",
              "完成学时后、向平台提交成果前，须先评价他人提交的成果，至少三次", "能力点A5（技术支持的课堂导入）的等次"]
# Each teacher's verdict, and how many of the plan's 15 questions are met, unmet and unanswered (王三 gave only his
# 50 学时); the nameless row 5 is a problem row, in no count.
VERDICTS = {"张一": [15, 0, 0, "符合"], "李二": [7, 8, 0, "不符合"], "王三": [1, 0, 14, "未填完"]}


def _run(text: str, profile: str = "ruzhou-zhanglou-2021") -> dict:
    return batch.run(profile, text.encode("utf-8"), "名单.csv")


def test_one_row_per_teacher_with_counts_and_a_verdict():
    res = _run(HEAD + ROWS)
    assert res["ok"] and res["summary"] == {"checked": 3, "pass": 1, "fail": 1, "incomplete": 1, "bad": 1}
    by_name = {r[1]: r for r in res["rows"]}
    assert by_name["张一"][-2] == "符合" and by_name["李二"][-2] == "不符合" and by_name["王三"][-2] == "未填完"
    assert "评价他人提交的成果不少于3次" in by_name["李二"][-1]
    assert res["bad_rows"][0]["row"] == 5 and any("线上学时" in p for p in res["bad_rows"][0]["problems"])


def test_a_list_with_only_a_total_of_hours_is_asked_for_its_kinds():
    """张楼's hours are 50 with practice at least half (inherited): 50 in all cannot say whether practice is enough."""
    res = _run("姓名,学校,已完成学时,互评次数\n张一,一小,50,3\n李二,一小,40,3\n")
    by_name = {r[1]: r for r in res["rows"]}
    assert by_name["张一"][-2] == "未填完" and by_name["李二"][-2] == "不符合"
    assert by_name["李二"][-1].startswith("先完成学时（总学时不少于 50")


def test_school_summary_and_who_is_missing_what():
    res = _run(HEAD + ROWS)
    schools = {s["school"]: s for s in res["schools"]}
    assert schools["一小"]["count"] == 2 and schools["一小"]["fail"] == 1
    assert dict(schools["二小"]["by_rule"]) == {}  # 王三 answered nothing: asked, not failed
    wang = next(m for m in res["missing"] if m["name"] == "王三")
    assert wang["missing"] == [] and "提交微能力证据包2-4个" in wang["unanswered"]
    counts = {s["school"]: [s["count"], s["pass"], s["fail"], s["incomplete"]] for s in res["schools"]}
    assert counts == {"一小": [2, 1, 1, 0], "二小": [1, 0, 0, 1]}  # the nameless row of 二小 is in no count
    assert dict(schools["一小"]["by_rule"]) == dict.fromkeys(LI_MISSING, 1)
    li = next(m for m in res["missing"] if m["name"] == "李二")
    assert sorted(li["missing"]) == sorted(LI_MISSING) and li["unanswered"] == []
    assert [m["name"] for m in res["missing"]] == ["李二", "王三"]  # 张一 misses nothing


def test_downloads_are_csv_and_xlsx_with_the_summary_sheets():
    res = _run(HEAD + ROWS)
    text = batch.to_csv(res).decode("utf-8-sig")
    assert "学校汇总" in text and "谁缺什么" in text and "依据" in text
    table, schools, who, bad, basis = csv_sections(text)
    at = table[0].index("符合项数")  # after the list's own columns
    assert table[0][at:] == ["符合项数", "不符合项数", "未填项数", "结论", "缺什么"]
    assert {r[1]: [int(n) for n in r[at:at + 3]] + [r[at + 3]] for r in table[1:]} == VERDICTS
    assert sorted(table[2][at + 4].split("；")) == sorted(LI_MISSING) and table[1][at + 4] == table[3][at + 4] == ""
    assert [r[:5] for r in schools[2:]] == [["一小", "2", "1", "1", "0"], ["二小", "1", "0", "0", "1"]]
    assert [r[:3] for r in who[2:]] == [["一小", "李二", "；".join(LI_MISSING)], ["二小", "王三", "无"]]
    assert [r[0] for r in bad[2:]] == ["5"] and basis[0] == ["依据"]
    book = zipfile.ZipFile(io.BytesIO(batch.to_xlsx(res)))
    assert len([n for n in book.namelist() if n.startswith("xl/worksheets/")]) == 6
    meta, body = api.export({"export": "batch", "format": "xlsx", "result": res})
    assert meta["ok"] and meta["filename"] == "材料自查结果-汝州市张楼小学（2021）.xlsx" and body[:2] == b"PK"
    sheets = workbook_rows(body)
    assert list(sheets) == ["材料自查", "学校汇总", "谁缺什么", "问题行", "签名表", "依据"]
    assert [r[:5] for r in sheets["签名表"]] == [("学校", "序号", "姓名", "学科", "结论"), ("一小", 1, "张一", "语文", "符合"),
                                                ("一小", 2, "李二", "数学", "不符合"), ("二小", 1, "王三", "英语", "未填完")]
    at = list(sheets["材料自查"][0]).index("符合项数")
    assert {r[1]: list(r[at:at + 4]) for r in sheets["材料自查"][1:]} == VERDICTS
    assert [r[:5] for r in sheets["学校汇总"][1:]] == [("一小", 2, 1, 1, 0), ("二小", 1, 0, 0, 1)]
    assert [r[:2] for r in sheets["谁缺什么"][1:]] == [("一小", "李二"), ("二小", "王三")]
    assert [r[0] for r in sheets["问题行"][1:]] == [5]


def test_the_sign_off_sheet_numbers_each_schools_teachers_and_says_what_each_lacks():
    """Every staff list prints a 签名表: 序号 from 1 in each school, the verdict, what is missing (and how much is
    unanswered), then the blank columns; the nameless problem row stays with its school's left-out teachers."""
    so = _run(HEAD + ROWS)["signoff"]
    assert so["title"] == "材料核对签名表" and so["columns"] == ["序号", "姓名", "学科", "结论", "缺什么", "教师签名", "日期"]
    assert so["sign_from"] == 5 and so["wide"] == 4  # 缺什么 is printed wide
    rows = {s["school"]: s["rows"] for s in so["schools"]}
    assert [r[:4] for r in rows["一小"]] == [[1, "张一", "语文", "符合"], [2, "李二", "数学", "不符合"]]
    assert sorted(rows["一小"][1][4].split("；")) == sorted(LI_MISSING) and rows["一小"][0][4] == ""
    assert rows["二小"] == [[1, "王三", "英语", "未填完", "另有 14 项未填", "", ""]]
    assert _run(HEAD + ROWS)["bad_rows"][0]["school"] == "二小"
    assert _run(HEAD + ",二小,英语,abc,25,x,,,,,,,,,,,,,\n")["signoff"] is None  # nobody checked, nothing to sign


def test_the_door_runs_the_list_and_gives_the_template():
    res = api.batch({"tool": "evidence", "profile": "ruzhou-zhanglou-2021", "filename": "名单.csv"},
                    (HEAD + ROWS).encode("utf-8"))
    assert res == _run(HEAD + ROWS)
    meta, body = api.export({"export": "template", "tool": "evidence", "profile": "xx-school-2022"})
    assert meta["ok"] and "课堂实录时长（分钟）" in meta["header"] and body[:2] == b"PK"


def test_csv_cells_cannot_become_formulas():
    res = _run(HEAD + "=HYPERLINK(\"x\"),一小,语文,25,25,2,6,320,1,3,是,,是,是,是\n")
    assert "'=HYPERLINK" in batch.to_csv(res).decode("utf-8-sig")


def test_columns_follow_the_document():
    header, rows = batch.template("xx-school-2022")
    assert "课堂实录时长（分钟）" in header and "校本研修活动第3项" in header and "互评次数" not in header
    header, _ = batch.template("lishu-school-2022")
    assert "通过白板考核" in header


def test_bad_files_are_answered_in_chinese():
    for data, name in ((b"", "a.csv"), (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "a.xls"), ("学校,学科\n一小,语文\n".encode(), "a.csv")):
        res = batch.run("ruzhou-zhanglou-2021", data, name)
        assert res["ok"] is False and all(not e["message"].isascii() for e in res["errors"])
    res = batch.run("guangan-2014", (HEAD + ROWS).encode(), "a.csv")
    assert res["ok"] is False and res["errors"][0]["field"] == "profile"
    bad = api.batch({"tool": "evidence", "profile": "ruzhou-zhanglou-2021", "filename": "a.csv"}, None)
    assert bad["ok"] is False


def test_the_command_line_checks_an_evidence_list(tmp_path):
    import subprocess
    import sys

    from tests.helpers import ROOT

    src = tmp_path / "名单.csv"
    src.write_text(HEAD + ROWS, encoding="utf-8")
    out = tmp_path / "结果.xlsx"
    proc = subprocess.run([sys.executable, "-m", "tisheng", "batch", str(src), "--tool", "evidence",
                           "--profile", "ruzhou-zhanglou-2021", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT / "site_src")
    assert proc.returncode == 1, proc.stderr  # one teacher does not meet the rules, one has not answered
    assert "检查 3 人，符合 1，不符合 1，未填完 1，问题行 1" in proc.stdout
    assert out.read_bytes()[:2] == b"PK"
    sheets = workbook_rows(out.read_bytes())
    at = list(sheets["材料自查"][0]).index("符合项数")
    assert {r[1]: list(r[at:at + 4]) for r in sheets["材料自查"][1:]} == VERDICTS
    assert [r[:5] for r in sheets["学校汇总"][1:]] == [("一小", 2, 1, 1, 0), ("二小", 1, 0, 0, 1)]
