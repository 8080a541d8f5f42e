"""/tools/grade/ and /tools/grade-batch/: URL → score, band and cited steps; per-policy fields; errors beside their
fields; a staff list graded in the browser; the sign-off sheet printed one school per A4 page."""

from __future__ import annotations

import io
import re
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

import openpyxl
import pytest

from tests.e2e.pagestate import axe_serious, scrolled_to, settle
from tests.e2e.test_hours_page import ENGINE_TIMEOUT, answer_of, wait_result
from tests.helpers import cases, request
from tisheng.api import evaluate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = "<img src=x onerror=window.pwned=1>"


def test_url_query_gives_score_band_and_cited_steps(page):
    result = answer_of(page, "/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80"
                       "&showcase=88", "pass")
    assert result.get_attribute("data-band") == "excellent"
    text = result.inner_text()
    assert "85.0" in text and "优秀" in text
    steps = page.locator("#result .ts-steps li")
    assert steps.count() == 6
    assert "90 分 × 15% = 13.5 分" in steps.nth(0).inner_text()
    assert "学校集中培训1.按时参加学校集中培训2.个人研修方案15%" in steps.nth(0).inner_text()  # the quote
    assert "借用" in text  # the borrowed score lines are said
    # the other policy's fields are hidden and left out
    assert not page.is_visible("#peer") and page.is_disabled("#peer")
    assert page.is_visible("#centralized")


def test_fields_follow_the_policy_and_the_url(page):
    page.goto("/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80&showcase=88")
    wait_result(page, "pass")
    page.select_option("#profile", "school-assessment-2022")
    assert page.is_visible("#peer") and not page.is_visible("#centralized")
    page.fill("#peer", "80")
    page.fill("#leader", "90")
    page.fill("#w_peer", "40")
    page.fill("#w_leader", "60")
    page.fill("#absent", "2")
    page.wait_for_selector("#result[data-band='pass']", timeout=ENGINE_TIMEOUT)  # 32 + 54 − 2 × 5 = 76
    assert "centralized" not in page.url
    for part in ("profile=school-assessment-2022", "peer=80", "leader=90", "w_peer=40", "w_leader=60", "absent=2"):
        assert part in page.url


def test_missing_weights_error_beside_the_field_and_in_summary(page):
    page.goto("/tools/grade/?profile=school-assessment-2022&peer=80&leader=90")
    wait_result(page, "error")
    assert page.is_visible("#w_peer-error") and "权重" in page.inner_text("#w_peer-error")
    summary = page.locator(".ts-error-summary")
    assert summary.is_visible() and summary.locator("a[href='#w_peer']").count() == 1
    page.fill("#w_peer", "50")
    page.fill("#w_leader", "50")
    result = wait_result(page, "pass")
    assert result.get_attribute("data-band") == "excellent"  # 85.0
    assert "你填写" in result.inner_text()
    assert not summary.is_visible()


def test_a_document_without_score_lines_can_be_scored_only(page):
    """XX学校 draws no lines: by default the borrowed ones band her; “只算加权总分” gives the score and no band, in the
    link too, and the choice is offered only for that document."""
    q = {"profile": "xx-school-2022", "centralized": "50", "online": "50", "school_activities": "50", "showcase": "50"}
    result = answer_of(page, "/tools/grade/?" + urlencode(q), "fail")
    assert result.get_attribute("data-band") == "fail"
    assert page.is_visible("#reading")
    assert page.locator("#reading option[value='eighty-pass']:enabled").count() == 0
    page.select_option("#reading", "score-only")
    page.wait_for_selector("#result[data-status='pass']:not([data-band])", timeout=ENGINE_TIMEOUT)
    assert "reading=score-only" in page.url
    verdict = page.inner_text("#result .ts-verdict")
    assert verdict == "○ 总分 50.0 分，等次按学校自己的规定"
    assert "不合格" in page.inner_text("#result .ts-notes")  # what the borrowed lines would give, said beside it
    page.reload()
    page.wait_for_selector("#result[data-status='pass']:not([data-band])", timeout=ENGINE_TIMEOUT)
    assert page.input_value("#reading") == "score-only"


def test_80_boundary_reading_and_checklist(page):
    q = {"profile": "school-assessment-2022", "peer": "80", "leader": "80", "w_peer": "50", "w_leader": "50"}
    page.goto("/tools/grade/?" + urlencode(q))
    result = wait_result(page, "pass")
    assert result.get_attribute("data-band") == "excellent"
    assert "正好落在文件两个分数段重叠处" in result.inner_text()
    page.select_option("#reading", "eighty-pass")
    page.wait_for_selector("#result[data-band='pass']", timeout=ENGINE_TIMEOUT)
    assert "reading=eighty-pass" in page.url
    # one ticked item leaves four areas empty: those areas are 不合格, shown beside the score band, which stands
    page.check("#area-prep1")
    page.wait_for_selector("#result li[data-rule='grade.standard_areas.data'].ts-finding--unmet", timeout=ENGINE_TIMEOUT)
    assert "areas=prep1" in page.url
    assert page.get_attribute("#result", "data-band") == "pass"
    assert "这一方面不合格" in page.inner_text("#result")
    # the strict aggregation is a reading the user chooses; it is carried in the link with the other one
    page.select_option("#reading", "eighty-pass,strict")
    page.wait_for_selector("#result[data-band='fail']", timeout=ENGINE_TIMEOUT)
    assert "reading=eighty-pass%2Cstrict" in page.url
    assert page.inner_text(".ts-score-why") == "（按分数为合格，因下列原因评为不合格）"  # the grades in the document's words
    for item in ("teaching1", "tutoring2", "data1", "research1"):
        page.check(f"#area-{item}")
    page.wait_for_selector("#result[data-band='pass']", timeout=ENGINE_TIMEOUT)
    page.select_option("#own_image", "否")
    page.wait_for_selector("#result[data-band='fail']", timeout=ENGINE_TIMEOUT)
    assert "无效证据" in page.inner_text("#result")
    page.select_option("#reading", "eighty-pass")  # invalid evidence flags the evidence, not the teacher
    page.wait_for_selector("#result[data-band='pass']", timeout=ENGINE_TIMEOUT)
    assert "这份证据不含教师本人影像" in page.inner_text("#result")
    page.reload()
    page.wait_for_selector("#result[data-band='pass']", timeout=ENGINE_TIMEOUT)
    assert page.is_checked("#area-tutoring2") and not page.is_checked("#area-tutoring1")


def test_clamping_is_said(page):
    q = {"profile": "school-assessment-2022", "peer": "10", "leader": "10", "w_peer": "50", "w_leader": "50",
         "absent": "5"}
    page.goto("/tools/grade/?" + urlencode(q))
    result = wait_result(page, "fail")
    assert result.get_attribute("data-band") == "fail"
    assert "0.0" in page.inner_text("#result .ts-score") and "按 0 分计" in result.inner_text()


def test_browser_answers_like_cpython(page):
    flat = [c for c in cases("grade") if c["expect"].get("ok", True) and c["profile"] != "kaiyuan-2024"
            and all(not isinstance(v, (dict, list, bool)) for v in c["input"].values())]
    assert len(flat) >= 6
    for case in flat[:6]:
        page.goto("/tools/grade/?" + urlencode({"profile": case["profile"], **case["input"]}))
        result = wait_result(page)
        assert result.get_attribute("data-status") == case["expect"]["status"], case["id"]
        assert result.get_attribute("data-band") == case["expect"]["band"], case["id"]
        if "score" in case["expect"]:  # the score as CPython's engine writes it (two decimals where a band turns)
            assert evaluate(request("grade", case))["score_text"] in page.inner_text("#result .ts-score"), case["id"]


def test_bad_input_in_chinese(page):
    page.goto("/tools/grade/?profile=xx-school-2022&centralized=abc&online=120&school_activities=80")
    wait_result(page, "error")
    assert "必须是数字" in page.inner_text("#centralized-error")
    assert "不能大于 100" in page.inner_text("#online-error")
    assert "请填写" in page.inner_text("#showcase-error")
    assert page.title().startswith("错误：")


# ---------------------------------------------------------------- batch and the sign-off sheet

def staff_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "成绩"
    sheet["A1"] = "2022 年信息技术应用能力考核"
    sheet.append(["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"])
    sheet.append(["王老师", "一小", "语文", 90, 85, 80, 88])    # row 3: 85.0 优秀
    sheet.append(["赵老师", "一小", "数学", 60, 60, 60, 59.6])  # row 4: 59.9 不合格
    sheet.append([HOSTILE, "二小", "英语", 70, 70, 70, 70])     # row 5: 70.0 合格, shown as text
    sheet.append(["钱老师", "二小", "美术", "九十", 80, 80, 80])  # row 6: bad
    sheet.append(["孙老师", "三小", "体育", 80, 80, 80, 80])    # row 7: 80.0 优秀
    sheet.append(["李老师", "三小", "音乐", 100, 80, 80, 80])   # row 8: 83.0 优秀
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# staff_xlsx's known answers: (成绩, 等次, 结果) by xx-school's weights 15/30/30/25 and its lines 80 and 60.
STAFF = {"王老师": ("85.0", "优秀", "通过"), "赵老师": ("59.9", "不合格", "未通过"), HOSTILE: ("70.0", "合格", "通过"),
         "孙老师": ("80.0", "优秀", "通过"), "李老师": ("83.0", "优秀", "通过")}  # 李: 100 × 15% + 80 × 85% = 83


RESULTS = ".ts-table:not(.ts-school-table)"  # the teachers' table, not the schools'


def cells(where, n: int) -> list[list[str]]:
    """The first n cells of each body row of the tables under a locator, as their text."""
    return where.locator("tbody tr").evaluate_all(
        "(trs, n) => trs.map((tr) => [...tr.cells].slice(0, n).map((td) => td.textContent))", n)


def upload(page, name: str, data: bytes, mime: str = XLSX):
    page.set_input_files("#file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    return page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)


def test_batch_upload_grades_charts_and_downloads(page):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    result = upload(page, "名单.xlsx", staff_xlsx())
    assert result.get_attribute("data-status") == "fail"
    assert page.inner_text(".ts-stats").split() == ["人数", "5", "优秀", "3", "合格", "1", "不合格", "1", "问题行", "1",
                                                    "合格率", "80%", "优秀率", "60%"]
    first = page.locator(".ts-table tbody tr").nth(0).inner_text()
    assert "赵老师" in first and "59.9" in first and "未通过" in first  # failures first, one decimal place
    shown = [(r[1], (r[8], r[9], r[10])) for r in cells(page.locator(RESULTS), 11)]
    assert shown == [(name, STAFF[name]) for name in ("赵老师", "王老师", HOSTILE, "孙老师", "李老师")]
    scrolled_to(page.locator(".ts-bad"))  # below the table: drawn when scrolled near
    assert "第 6 行" in page.text_content(".ts-bad")
    assert page.locator(f"td:text-is('{HOSTILE}')").count() >= 1
    assert page.evaluate("window.pwned") is None
    page.wait_for_selector(".ts-chart svg", timeout=30_000)
    assert "成绩分布" in page.get_attribute(".ts-chart", "aria-label")
    assert page.locator(".ts-sheet").count() == 3
    scrolled_to(page.locator(".ts-signoff"))  # the sheets are drawn as they come near the screen: text only then
    assert page.locator(".ts-sheet").nth(0).locator("th").all_inner_texts()[5:] == ["意见（可表述、申诉）", "教师签名", "日期"]
    signed = {school: [(r[1], r[3], r[4]) for r in cells(page.locator(f".ts-sheet[data-school='{school}']"), 5)]
              for school in ("一小", "二小", "三小")}
    schools = {"一小": ["王老师", "赵老师"], "二小": [HOSTILE], "三小": ["孙老师", "李老师"]}
    assert signed == {school: [(n, *STAFF[n][:2]) for n in names] for school, names in schools.items()}
    assert "无签名考核结果同样有效" in page.text_content(".ts-signoff")
    with page.expect_download() as info:
        page.click("button[data-export=xlsx]")
    assert info.value.suggested_filename == "成绩-一小等 3 所学校-2026年12月1日.xlsx"  # its schools and day
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert "签名表" in book.sheetnames and book["签名表"].max_row == 6
    graded = {r[1]: (f"{r[8]:.1f}", r[9], r[10]) for r in book["成绩"].iter_rows(min_row=2, values_only=True)}
    assert graded == STAFF
    assert [(r[0], r[2], r[4], r[5]) for r in book["签名表"].iter_rows(min_row=2, values_only=True)] == [
        (school, n, *STAFF[n][:2]) for school, n in (("一小", "王老师"), ("一小", "赵老师"), ("二小", HOSTILE),
                                                    ("三小", "孙老师"), ("三小", "李老师"))]
    assert [r[:7] for r in book["学校汇总"].iter_rows(min_row=2, values_only=True)] == [
        ("一小", 2, 1, 0, 1, "50%", "50%"), ("二小", 1, 0, 1, 0, "100%", "0%"), ("三小", 2, 2, 0, 0, "100%", "100%")]


def test_batch_weights_are_page_fields_with_errors(page):
    page.goto("/tools/grade-batch/?profile=school-assessment-2022")
    assert page.is_visible("#w_peer")
    data = "姓名,学校,教师互评,考核领导评价,旷到次数\n甲,一小,80,90,1\n乙,一小,50,50,\n".encode()
    result = upload(page, "名单.csv", data, "text/csv")
    assert result.get_attribute("data-status") == "error"
    assert page.is_visible("#w_peer-error") and "权重" in page.inner_text("#w_peer-error")
    assert page.locator(".ts-error-summary a[href='#w_peer']").count() == 1
    page.fill("#w_peer", "50")
    page.fill("#w_leader", "50")
    page.dispatch_event("#w_leader", "change")
    page.wait_for_selector("#result[data-status='fail'] .ts-table", timeout=ENGINE_TIMEOUT)
    assert "80.0" in page.inner_text(".ts-table")  # 85 − 5
    # 甲 80 × 50% + 90 × 50% − 5 (one 旷到) = 80: 优秀 on the overlap's default reading; 乙 50 is 不合格
    assert [(r[1], *r[7:10]) for r in cells(page.locator(RESULTS), 10)] == [("乙", "50.0", "不合格", "未通过"),
                                                                                 ("甲", "80.0", "优秀", "通过")]
    assert "w_peer=50" in page.url
    page.select_option("#profile", "xx-school-2022")
    assert not page.is_visible("#w_peer")


def test_batch_kaiyuan_school_checks_name_teachers(page):
    page.goto("/tools/grade-batch/?profile=kaiyuan-2024")
    rows = ["姓名,学校,等次"] + [f"教师{i},二小,{b}" for i, b in enumerate(["优秀"] * 4 + ["合格"], 1)]
    result = upload(page, "名单.csv", "\n".join(rows).encode(), "text/csv")
    assert result.get_attribute("data-status") == "fail"
    unmet = page.locator(".ts-schools li[data-rule='grade.school_excellent_rate_max'].ts-finding--unmet")
    assert unmet.count() == 1
    text = unmet.inner_text()
    assert "教师1、教师2、教师3、教师4" in text and "各校微能力点认证优秀率不超过60%" in text


def test_sign_off_sheet_prints_one_school_per_a4_page(page, tmp_path):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    upload(page, "名单.xlsx", staff_xlsx())
    page.wait_for_selector(".ts-chart svg", timeout=30_000)
    page.emulate_media(media="print")
    settle(page)
    assert page.is_visible(".ts-sheet[data-school='一小'] .ts-sign-table")
    said = page.inner_text(".ts-sheet[data-school='一小'] .ts-sign-basis")  # what it was computed with, and the day
    assert "计算依据：学校集中培训占 15%" in said and "打印日期：2026年12月1日" in said, said
    for hidden in (".md-header", ".md-sidebar--primary", ".ts-form", ".ts-stats", ".ts-table-wrap", ".ts-chart",
                   "h1", "[data-print-signoff]"):
        assert not page.locator(hidden).first.is_visible(), hidden
    shot = page.screenshot(full_page=True, path="/tmp/grade-print.png")
    assert len(shot) > 5000
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)  # the page size comes from @page
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 3, pages  # 一小, 二小, 三小
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", pdf)[1].split()]
    assert abs(box[2] - 595) < 2 and abs(box[3] - 842) < 2, box  # A4 in points
    page.emulate_media(media="screen")
    assert page.is_visible(".ts-form")


@pytest.mark.parametrize("path", ["/tools/grade/", "/tools/grade-batch/"])
def test_pages_keyboard_reachable_and_labelled(page, path):
    page.goto(path)
    for control in page.locator(".ts-form input:visible, .ts-form select:visible").all():
        cid = control.get_attribute("id")
        kind = control.get_attribute("type")
        if kind == "checkbox" and cid == "remember":
            continue
        assert cid and page.locator(f"label[for='{cid}']").count() == 1, cid
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement !== document.body")


def test_a_link_to_a_policy_without_grading_says_why(page):
    page.goto("/tools/grade/?profile=national-2019&peer=80")
    wait_result(page, "error")
    assert "没有规定成绩计算办法" in page.inner_text("#profile-error")
    assert page.locator(".ts-error-summary a[href='#profile']").count() == 1


def test_kaiyuan_grades_by_the_given_level_and_points_to_the_school_checks(page):
    page.goto("/tools/grade/?profile=kaiyuan-2024&band=不合格")
    result = page.wait_for_selector("#result[data-status='fail']", timeout=120_000)
    assert result.get_attribute("data-band") == "fail"
    assert "优秀率不超过 60%" in result.inner_text()
    page.select_option("#band", "优秀")
    page.wait_for_selector("#result[data-band='excellent']", timeout=120_000)


def school_of_30_xlsx() -> bytes:
    """张楼小学's 30 staff: 26 graded, 4 left out for a bad cell; and a small second school."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"])
    for i in range(26):
        sheet.append([f"教师{i + 1}", "张楼小学", "语文", 80 + i % 15, 85, 70 + i % 20, 88])
    for i in range(4):
        sheet.append([f"缺考{i + 1}", "张楼小学", "数学", "缺考", 80, 80, 80])
    for i in range(3):
        sheet.append([f"二小教师{i + 1}", "二小", "英语", 70, 70, 70, 70])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def xx_score(*parts: int) -> Decimal:
    """xx-school's score: 15/30/30/25 per cent of its four parts, to one decimal place, halves up."""
    total = sum(Decimal(w) * p for w, p in zip(("0.15", "0.30", "0.30", "0.25"), parts))
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


INSIDE = """(sel) => [...document.querySelectorAll(sel)].filter((t) => t.getClientRects().length).every((t) => {
  const box = t.getBoundingClientRect(), page = document.querySelector('.md-content').getBoundingClientRect();
  return box.width > 0 && box.right <= page.right + 0.5 && box.left >= page.left - 0.5;
})"""


def test_sign_off_sheet_of_a_big_school_pages_itself_and_names_who_is_left_out(page):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    upload(page, "名单.xlsx", school_of_30_xlsx())
    page.wait_for_selector(".ts-chart svg", timeout=30_000)
    scrolled_to(page.locator(".ts-signoff"))  # below the table: drawn when scrolled near
    assert "超过 20 人的学校分成几页" in page.text_content(".ts-signoff")  # the form says how it pages
    page.emulate_media(media="print")
    settle(page)
    sheets = page.locator(".ts-sheet")
    assert sheets.count() == 3
    zhanglou = page.locator(".ts-sheet[data-school='张楼小学']")
    # teacher i: 15% × (80 + i % 15) + 30% × 85 + 30% × (70 + i % 20) + 25% × 88, all 80.5 or more: 优秀
    want = [[str(i + 1), f"教师{i + 1}", "语文", str(xx_score(80 + i % 15, 85, 70 + i % 20, 88)), "优秀"] for i in range(26)]
    assert cells(zhanglou, 5) == want
    assert cells(page.locator(".ts-sheet[data-school='二小']"), 5) == [
        [str(i), f"二小教师{i}", "英语", "70.0", "合格"] for i in (1, 2, 3)]
    for n in (0, 1):
        text = zhanglou.nth(n).inner_text()
        assert "张楼小学 考核结果签名表" in text and f"第 {n + 1} 页 共 2 页" in text, text
        assert zhanglou.nth(n).locator("tbody tr").count() == 13
    last = zhanglou.nth(1).inner_text()
    assert "未列入本表的教师" in last and all(f"缺考{i}" in last for i in range(1, 5))
    assert "未列入" not in zhanglou.nth(0).inner_text()
    assert "第" not in page.locator(".ts-sheet[data-school='二小']").locator(".ts-sheet-meta").inner_text()
    assert page.evaluate(INSIDE, ".ts-sign-table"), "a sign-off table runs past the page's right edge"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 3  # 张楼小学 2 pages, 二小 1: the page count the sheets promise


def test_print_offers_the_results_table_as_well(page):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    upload(page, "名单.xlsx", school_of_30_xlsx())
    page.wait_for_selector(".ts-chart svg", timeout=30_000)
    assert page.locator("#ts-print-what option").all_inner_texts() == ["签名表（每校一页）", "成绩表（全部教师）"]
    page.select_option("#ts-print-what", "results")  # what Ctrl+P prints from now on
    page.emulate_media(media="print")
    settle(page)
    assert not page.locator(".ts-sheet").first.is_visible()
    block = page.locator(".ts-print-results-block")
    assert block.is_visible()
    text = block.inner_text()
    assert "成绩表" in text and "打印日期" in text and "共 29 人" in text
    assert block.locator("tbody tr").count() == 29  # every teacher, not the screen's first page
    printed = [(r[0], r[2], r[9], r[10], r[11]) for r in cells(block, 12)]  # numbered by 序号, not the list's rows
    assert printed == [(str(i + 1), f"教师{i + 1}", str(xx_score(80 + i % 15, 85, 70 + i % 20, 88)), "优秀", "通过")
                       for i in range(26)] + [(str(27 + k), f"二小教师{i}", "70.0", "合格", "通过") for k, i in enumerate((1, 2, 3))]
    assert "计算依据：" in text and "学校集中培训占 15%" in text  # what the scores were computed with
    assert "第 28 行（缺考1）" in text  # who is left out, and why
    assert page.evaluate(INSIDE, ".ts-print-table"), "the results table runs past the page's right edge"
    for hidden in (".md-header", ".ts-form", ".ts-chart", ".ts-table-wrap"):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert 1 <= pdf_pages(pdf) <= 2


def test_zhanglou_is_graded_by_its_leaders_level_in_its_own_words(page):
    result = answer_of(page, "/tools/grade/?profile=ruzhou-zhanglou-2021&band=不及格", "fail")
    text = result.inner_text()
    assert "等次：不及格" in text and "教研组组长评定的等次：不及格" in text and "分为优秀、合格和不及格" in text
    assert page.input_value("#band-levels") == "不及格"
    page.select_option("#band-levels", "优秀")
    assert "等次：优秀" in wait_result(page, "pass").inner_text()
    assert axe_serious(page) == []


def test_the_overview_takes_zhanglous_level_from_its_link(page):
    result = answer_of(page, "/tools/me/?profile=ruzhou-zhanglou-2021&online=25&practice=25&grade_band=优秀", "pass")
    assert "等次：优秀" in result.inner_text()
    assert page.input_value("#grade_band-levels") == "优秀"


def test_a_list_of_many_schools_pages_the_school_results_with_their_findings(page):
    """120 schools: 50 at a time, each page with its own schools' findings; the count says where the reader is."""
    page.goto("/tools/grade-batch/?profile=kaiyuan-2024")
    rows = ["姓名,学校,等次"] + [f"教师{i},第{i:03d}校,{'优秀' if i % 2 else '合格'}" for i in range(1, 121)]
    upload(page, "名单.csv", "\n".join(rows).encode(), "text/csv")
    box = scrolled_to(page.locator(".ts-schools"))
    assert box.locator("h3").inner_text() == "学校层面（120 所学校）"
    assert box.locator("tbody tr").count() == 50
    assert "共 120 所学校，第 1 / 3 页" in box.locator(".ts-count").inner_text()
    first = {li.get_attribute("data-school") for li in box.locator("li.ts-finding").all()}
    assert first == {f"第{i:03d}校" for i in range(1, 51)}
    box.locator(".ts-pager button:has-text('下一页')").click()
    assert "第 2 / 3 页" in box.locator(".ts-count").inner_text()
    assert box.locator("tbody tr").first.locator("td").first.inner_text() == "第051校"
    assert {li.get_attribute("data-school") for li in box.locator("li.ts-finding").all()} == \
        {f"第{i:03d}校" for i in range(51, 101)}
    box.locator(".ts-pager button:has-text('下一页')").click()
    assert box.locator("tbody tr").count() == 20 and box.locator(".ts-pager button:has-text('下一页')").is_disabled()
