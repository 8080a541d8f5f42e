"""材料自查, 我的考核进度 and 批量材料自查 in the browser: the clip reader on MP4 and WebM files made here (and on a
non-video, a truncated and a large sparse file), pasted statements that never reach the address or the store,
the questions of the chosen document only, Chinese errors, the overview's links, print and phone layouts."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest

from tests import mediafiles as mf
from tests.e2e.pagestate import axe_serious, settle
from tests.e2e.test_grade_page import cells, pdf_pages
from tests.e2e.test_hours_page import ENGINE_TIMEOUT, wait_result
from tests.e2e.test_phone_layout import WIDTH, assert_readable
from tests.helpers import csv_sections

STATEMENT = "这一阶段我学习了演示文稿的设计与制作，学会了用母版统一版式，用动画突出重点，并把所学用在三年级语文课的导入环节。"
MIXED = STATEMENT * 5 + "课上用PowerPoint 2019和WPS做了3个课件，用希沃白板5做了2次互动练习，学生反馈很好。"  # 287 汉字, 330 in all
ZHANGLOU = "/tools/evidence/?profile=ruzhou-zhanglou-2021"


def line(page, rule):
    return page.locator(f"#result li[data-rule='{rule}']")


def state(page, rule) -> str | None:
    return line(page, rule).get_attribute("data-state")


def wait_state(page, rule, want):
    page.wait_for_selector(f"#result[data-status] li[data-rule='{rule}'][data-state='{want}']", timeout=ENGINE_TIMEOUT)


def pick_clip(page, path, expect: str):
    page.set_input_files("#clip_file", str(path))
    page.wait_for_selector(f".ts-tool[data-clip='{expect}']", timeout=ENGINE_TIMEOUT)


@pytest.mark.parametrize("name,data,minutes,want,words", [
    ("课堂实录.mp4", mf.mp4(372.5), "6.21", "done", "6 分 12 秒"),
    ("课堂实录.mov", mf.mov(245), "4.08", "missing", "比要求的 5 分钟短"),
    ("课堂实录.webm", mf.webm(650.0), "10.83", "missing", "比要求的 10 分钟长"),
])
def test_the_clip_duration_is_read_from_the_file_header(page, tmp_path, name, data, minutes, want, words):
    page.goto(ZHANGLOU)
    wait_result(page)
    clip = tmp_path / name
    clip.write_bytes(data)
    pick_clip(page, clip, "read")
    assert page.input_value("#clip_minutes") == minutes
    wait_state(page, "grading.clip_minutes", want)
    assert words in line(page, "grading.clip_minutes").inner_text()
    assert "录制研修主题应用的课堂视频（5-10分钟）" in line(page, "grading.clip_minutes").inner_text()
    query = parse_qs(urlsplit(page.url).fragment.lstrip("?"))
    assert query["clip_minutes"] == [minutes] and "clip_file" not in query
    assert name.split(".")[0] not in page.url and "fakepath" not in page.url


def test_a_large_clip_is_answered_from_its_header(page, tmp_path):
    clip = tmp_path / "整节课.mp4"
    mf.sparse_mp4(clip, 540, gap=2 * 1024 ** 3)  # 2 GB on the disk's books, a few KB of real data
    page.goto(ZHANGLOU)
    wait_result(page)
    pick_clip(page, clip, "read")
    assert page.input_value("#clip_minutes") == "9"
    wait_state(page, "grading.clip_minutes", "done")


@pytest.mark.parametrize("name,data,words", [
    ("说明.pdf", b"%PDF-1.7\n" + b"x" * 2000, "不是 MP4、MOV 或 WebM 视频"),
    ("课堂实录.mp4", mf.mp4(372)[:-30], "不完整"),
    ("录屏.webm", mf.webm(None), "没有记录时长"),
    ("空.mp4", b"", "是空的"),
])
def test_an_unreadable_file_says_why_and_asks_for_the_minutes(page, tmp_path, name, data, words):
    page.goto(ZHANGLOU)
    wait_result(page)
    bad = tmp_path / name
    bad.write_bytes(data)
    pick_clip(page, bad, "unreadable")
    status = page.inner_text("#clip_file-status")
    assert words in status and "填写视频时长（分钟）" in status
    assert page.evaluate("document.activeElement.id") == "clip_minutes"
    page.fill("#clip_minutes", "7")
    wait_state(page, "grading.clip_minutes", "done")


def test_pasted_statements_are_counted_both_ways_and_never_leave_the_page(page):
    page.goto(ZHANGLOU + "&packages=2")
    wait_result(page)
    page.check("#remember")
    page.fill("#statement-1", MIXED)
    wait_state(page, "grading.self_statement_chars_min", "missing")
    text = line(page, "grading.self_statement_chars_min").inner_text()
    assert "只计汉字 287 字" in text and "连字母、数字和标点 330 字" in text and "还差 13 字" in text
    assert "结论不同" in page.inner_text("#result")
    assert "演示文稿" not in page.url and "statement" not in page.url
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "packages" in stored and "演示文稿" not in stored
    page.select_option("#reading", "all-visible")
    wait_state(page, "grading.self_statement_chars_min", "done")
    assert "reading=all-visible" in page.url


def test_only_the_chosen_documents_questions_are_asked(page):
    page.goto("/tools/evidence/?profile=lishu-school-2022")
    wait_result(page)
    page.wait_for_selector("#whiteboard:visible", timeout=ENGINE_TIMEOUT)
    for hidden in ("#packages", "#peer_reviews", "#own_image", "#statement-1", "#clip_file"):
        assert not page.is_visible(hidden), hidden
    page.select_option("#whiteboard", "否")
    wait_state(page, "grading.whiteboard_pass_rate_min", "missing")
    assert page.get_attribute("#result", "data-status") == "fail"
    page.select_option("#profile", "xx-school-2022")
    page.wait_for_selector("#item-school_activities-3", timeout=ENGINE_TIMEOUT)
    assert not page.is_visible("#whiteboard") and "whiteboard" not in page.url
    page.check("#item-school_activities-3")
    wait_state(page, "grading.components.school_activities-3", "done")
    assert "items=school_activities-3" in page.url


def test_bad_answers_are_shown_in_chinese_beside_their_fields(page):
    page.goto(ZHANGLOU + "&packages=-1&peer_reviews=三次&levels=A5:很好")
    wait_result(page, "error")
    assert "不能小于" in page.inner_text("#packages-error")
    assert "必须是数字" in page.inner_text("#peer_reviews-error")
    assert "优秀、合格或不合格" in page.inner_text("#levels-error")
    assert page.locator(".ts-error-summary a[href='#packages']").count() == 1
    page.fill("#packages", "2")
    page.fill("#peer_reviews", "3")
    page.fill("#levels", "A5:优秀,合格")
    wait_result(page, "pass")


def test_the_evidence_page_has_no_serious_accessibility_problem(page):
    page.goto(ZHANGLOU + "&packages=5")
    wait_result(page, "fail")
    assert axe_serious(page) == []


ME = ("/tools/me/?profile=ruzhou-zhanglou-2021&online=20&practice=30&selected=1-2,A5&age=45&packages=2"
      "&peer_reviews=1&today=2021-04-10")


def test_the_overview_lists_done_missing_and_the_next_deadline_with_links(page):
    page.goto(ME)
    wait_result(page, "fail")
    result = page.locator("#result")
    assert "的期限2021年4月12日还有 2 天" in result.inner_text()
    assert result.locator("li[data-tool='hours'][data-state='done']").count() == 1
    missing = result.locator("li[data-tool='evidence'][data-state='missing']")
    assert missing.count() == 1 and "评价他人提交的成果不少于3次" in missing.inner_text()
    for tool in ("hours", "points", "evidence", "grade"):
        assert result.locator(f"li[data-tool='{tool}'] a.ts-me-link").count() >= 1, tool
    href = result.locator("li[data-tool='hours'] a.ts-me-link").get_attribute("href")
    page.goto(href)
    wait_result(page, "pass")
    assert page.input_value("#online") == "20" and page.input_value("#practice") == "30"


def test_the_overview_is_remembered_only_when_asked_and_prints_on_one_page(page):
    page.goto(ME)
    wait_result(page, "fail")
    assert page.evaluate("localStorage.getItem('tisheng:me')") is None
    page.check("#remember")
    assert "peer_reviews" in page.evaluate("localStorage.getItem('tisheng:me')")
    page.uncheck("#remember")
    assert page.evaluate("localStorage.getItem('tisheng:me')") is None
    settle(page)
    page.emulate_media(media="print")
    settle(page)
    assert re.fullmatch(r"结果日期：\d{4}年\d{1,2}月\d{1,2}日", page.inner_text("#result .ts-print-date"))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


def test_the_overview_shows_grade_questions_of_the_chosen_document(page):
    page.goto("/tools/me/?profile=xx-school-2022&online=25&practice=25&grade_centralized=90&grade_online=85"
              "&grade_school_activities=80&grade_showcase=88")
    wait_result(page)
    grade = page.locator("#result li[data-tool='grade']")
    assert grade.get_attribute("data-state") == "done" and "优秀" in grade.inner_text()
    assert page.is_visible("#grade_showcase")
    page.fill("#grade_online", "200")
    wait_result(page, "error")
    assert "不能大于 100" in page.inner_text("#grade_online-error")


def staff_list() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "学校", "学科", "线上学时", "实践学时", "证据包个数", "课堂实录时长（分钟）", "自述说明字数",
                  "阶段数", "互评次数", "提交前先评价他人", "证据等次", "个人研修计划1份", "听课记录", "完善后的演示文稿或微课",
                  "教学设计1份", "演示文稿或微课1个", "课堂实录1个", "证据包含视频材料和研讨记录"])
    sheet.append(["张一", "张楼小学", "语文", 20, 30, 2, 6, "320,305", 2, 3, "是", "优秀,合格", *["是"] * 7])
    sheet.append(["李二", "张楼小学", "数学", 20, 20, 5, 12, 280, 1, 2, "否", "不合格", "是", "是", "是", "是", "否", "是", "是"])
    sheet.append(["王三", "纸坊小学", "英语", 25, 25, *[""] * 14])
    sheet.append(["", "纸坊小学", "英语", "abc", 25, *[""] * 14])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_school_list_gives_one_row_per_teacher_a_summary_and_who_misses_what(page):
    page.goto("/tools/evidence-batch/?profile=ruzhou-zhanglou-2021")
    page.set_input_files("#file", files=[{"name": "名单.xlsx", "mimeType": XLSX, "buffer": staff_list()}])
    wait_result(page, "fail")
    text = page.inner_text("#result")
    assert "共检查 3 位教师：符合 1 人，不符合 1 人，未填完 1 人；另有 1 行有问题" in text
    assert page.locator(".ts-school-summary tbody tr").count() == 2
    # 张一 meets all 15 of 张楼's questions, 李二 8 of them not (as in tests/test_evidence_batch.py), 王三 answered one
    assert cells(page.locator(".ts-school-summary"), 5) == [["张楼小学", "2", "1", "1", "0"], ["纸坊小学", "1", "0", "0", "1"]]
    assert {r[1]: r[20:24] for r in cells(page.locator(".ts-teacher-rows"), 24)} == {
        "张一": ["15", "0", "0", "符合"], "李二": ["7", "8", "0", "不符合"], "王三": ["1", "0", "14", "未填完"]}
    who = page.locator(".ts-who-missing tbody tr", has_text="李二").inner_text()
    assert "评价他人提交的成果不少于3次" in who
    assert "线上学时" in page.locator(".ts-bad-rows").inner_text()
    with page.expect_download() as got:
        page.click("[data-export=xlsx]")
    book = openpyxl.load_workbook(io.BytesIO(open(got.value.path(), 'rb').read()))
    assert book.sheetnames == ["材料自查", "学校汇总", "谁缺什么", "问题行", "签名表", "依据"]
    assert {r[1]: r[20:24] for r in book["材料自查"].iter_rows(min_row=2, values_only=True)} == {
        "张一": (15, 0, 0, "符合"), "李二": (7, 8, 0, "不符合"), "王三": (1, 0, 14, "未填完")}
    assert [r[:5] for r in book["学校汇总"].iter_rows(min_row=2, values_only=True)] == [
        ("张楼小学", 2, 1, 1, 0), ("纸坊小学", 1, 0, 0, 1)]
    with page.expect_download() as got:
        page.click("[data-export=csv]")
    assert got.value.suggested_filename == "材料自查结果-张楼小学等 2 所学校-2026年12月1日.csv"  # by its schools and day
    table = csv_sections(open(got.value.path(), encoding="utf-8-sig").read())[0]
    assert [(r[1], r[23]) for r in table[1:]] == [("张一", "符合"), ("李二", "不符合"), ("王三", "未填完")]


def test_a_school_list_prints_a_sign_off_sheet_per_school(page):
    page.goto("/tools/evidence-batch/?profile=ruzhou-zhanglou-2021")
    page.set_input_files("#file", files=[{"name": "名单.xlsx", "mimeType": XLSX, "buffer": staff_list()}])
    wait_result(page, "fail")
    assert page.locator(".ts-actions [data-print]").inner_text() == "打印签名表"
    page.emulate_media(media="print")
    settle(page)
    sheets = page.locator(".ts-sheet")
    assert [s.get_attribute("data-school") for s in sheets.all()] == ["张楼小学", "纸坊小学"]
    assert cells(page.locator(".ts-sheet[data-school='张楼小学'] .ts-sign-table"), 7)[1][:4] == ["2", "李二", "数学", "不符合"]
    assert "第 5 行" in page.inner_text(".ts-sheet[data-school='纸坊小学']")  # the nameless row, left out with its school
    for hidden in (".md-header", ".ts-form", ".ts-school-summary", ".ts-teacher-rows", "h1", ".ts-actions"):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 2  # one A4 page per school
    page.emulate_media(media="screen")
    assert page.is_visible(".ts-form")


def test_a_school_list_template_and_bad_files(page):
    page.goto("/tools/evidence-batch/?profile=lishu-school-2022")
    page.wait_for_selector("html[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    with page.expect_download() as got:
        page.click("[data-evidence-template]")
    header = [c.value for c in openpyxl.load_workbook(io.BytesIO(open(got.value.path(), 'rb').read())).active[1]]
    assert "通过白板考核" in header and "互评次数" not in header
    page.set_input_files("#file", files=[{"name": "名单.xls", "mimeType": "application/vnd.ms-excel",
                                          "buffer": b"\xd0\xcf\x11\xe0" + b"\x00" * 600}])
    wait_result(page, "error")
    assert "另存为" in page.inner_text("#file-error")


def test_phone_layouts(phone):
    phone.goto(ZHANGLOU + "&packages=5")
    wait_result(phone, "fail")
    assert_readable(phone)
    phone.goto(ME)
    wait_result(phone, "fail")
    assert_readable(phone)
    phone.goto("/tools/evidence-batch/?profile=ruzhou-zhanglou-2021")
    phone.set_input_files("#file", files=[{"name": "名单.xlsx", "mimeType": XLSX, "buffer": staff_list()}])
    wait_result(phone, "fail")
    assert_readable(phone)
    # every table is a card per row, the name first, every value beside its label inside the screen
    for table in (".ts-bad-rows", ".ts-school-summary", ".ts-who-missing", ".ts-teacher-rows"):
        card = phone.locator(f"{table} tbody tr").first
        first = card.locator("td").evaluate_all(
            "cells => cells.filter(c => c.offsetHeight).sort((a, b) => a.getBoundingClientRect().top"
            " - b.getBoundingClientRect().top)[0].dataset.label")
        want = {".ts-school-summary": "学校", ".ts-bad-rows": "行号"}.get(table, "姓名")  # the bad row has no name
        assert first == want, (table, first)
        for cell in card.locator("td").all():
            box = cell.bounding_box()
            assert box is None or box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (table, box)
    assert phone.locator(".ts-teacher-rows tbody tr", has_text="李二").locator(
        "td[data-label='结论']").inner_text() == "不符合"


def test_open_questions_are_said_to_be_open_not_met(page):
    """Nothing wrong found yet is not 符合要求 while she still has questions to answer."""
    page.goto("/tools/evidence/?profile=ruzhou-zhanglou-2021&online=20&practice=30&packages=2&clip_minutes=6&peer_reviews=3")
    wait_result(page, "pass")
    assert page.inner_text("#result .ts-verdict-tag").strip() == "？ 尚未查完："
    assert "还有 11 项要你回答后才能检查" in page.inner_text("#result .ts-verdict")


def test_before_the_engine_is_up_the_page_asks_only_her_documents_questions_and_lists_what_to_hand_in(page):
    """A phone's first visit: the engine's files are still on their way (here they never arrive), and the page already
    shows only the questions of the chosen document and the list of what it asks, each line cited."""
    page.route(re.compile(r".*(pyodide|snapshot|\.wasm).*"), lambda route: None)  # held: never answered
    page.goto("/tools/evidence/?profile=kaiyuan-2024")
    plan = page.wait_for_selector("#result .ts-plan")
    assert page.get_attribute("#result", "data-status") is None  # nothing is judged yet
    assert "能力点的等次" in plan.inner_text() and "依据：" in plan.inner_text()
    assert page.is_visible("#levels") and not page.is_visible("#packages") and not page.is_visible("#peer_reviews")
    page.select_option("#profile", "ruzhou-zhanglou-2021")
    page.wait_for_selector("#result .ts-plan >> text=个人研修计划")
    assert page.is_visible("#packages") and page.is_visible("#peer_reviews")
    assert page.locator("[data-list=items] input[type=checkbox]").count() == 7  # 张楼's things to hand in
