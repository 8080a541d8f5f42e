"""A long staff list in the browser: a progress bar, the answer's tables packed in columns and its other long lists in
parts, each joined back whole, the sign-off sheets one school at a time, and a list past what a tab holds refused with
a message naming the command line."""

from __future__ import annotations

import pytest

from tests.e2e.pagestate import scrolled_to
from tests.e2e.test_grade_page import cells, pdf_pages, xx_score
from tests.e2e.test_batch_page import upload

ROWS = 9_000  # more than two of the worker's 4,000-row parts


def _list(rows: int, grade: bool = False) -> bytes:
    head = "姓名,学校,学科," + ("学校集中培训,线上自主学习,校本研修活动,成果打磨展示" if grade else "线上学时,实践学时")
    body = [f"教师{i:05d},第{i % 90 + 1}小学,语文," + (f"{60 + i % 40},80,80,80" if grade else f"{20 + i % 10},25")
            for i in range(rows)]
    return ("\n".join([head, *body]) + "\n").encode("utf-8")


def test_a_long_list_shows_progress_and_every_row_arrives(page):
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.wait_for_selector("html[data-engine=ready]")
    page.evaluate("""() => { window.__seen = []; new MutationObserver(() => {
        const bar = document.querySelector('.ts-progress');
        if (bar && bar.hasAttribute('value')) window.__seen.push([bar.value, bar.max]); })
        .observe(document.getElementById('result'), { subtree: true, childList: true, attributes: true }); }""")
    result = upload(page, "名单.csv", _list(ROWS), "text/csv")
    assert result.get_attribute("data-status") == "fail"
    seen = page.evaluate("window.__seen")
    assert seen and all(total == ROWS for _, total in seen) and max(done for done, _ in seen) >= 2000
    stats = page.inner_text(".ts-stats").split()
    assert stats[:2] == ["检查人数", str(ROWS)]
    # 开原: 25 online, 25 practice, 50 in all; teacher i has 20 + i % 10 online and 25 practice: half of them pass
    assert stats == ["检查人数", "9000", "达标", "4500", "未达标", "4500", "问题行", "0", "达标率", "50%"]
    # the rows came in parts and were joined in order: the report made from the page's answer has every teacher
    with page.expect_download() as info:
        page.click("button[data-export=csv]")
    lines = open(info.value.path(), encoding="utf-8-sig").read().splitlines()
    names = [line.split(",")[1] for line in lines[1:ROWS + 1]]
    assert names == [f"教师{i:05d}" for i in range(ROWS)]
    verdicts = [line.split(",")[7] for line in lines[1:ROWS + 1]]
    assert verdicts == ["达标" if 20 + i % 10 >= 25 else "未达标" for i in range(ROWS)]


def test_a_citys_grade_list_prints_sign_off_sheets_one_school_at_a_time(page):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    page.wait_for_selector("html[data-engine=ready]")
    result = upload(page, "成绩.csv", _list(ROWS, grade=True), "text/csv")
    assert result.get_attribute("data-status") in ("pass", "fail")
    # xx-school: 15% 学校集中培训 (60 + i % 40) and 85% at 80, i.e. 77 + 0.15 × (i % 40): 优秀 from i % 40 = 20 on,
    # 合格 below; nobody fails and the document sets no school-level rule, so the list passes
    assert result.get_attribute("data-status") == "pass"
    assert page.inner_text(".ts-stats").split() == ["人数", "9000", "优秀", "4500", "合格", "4500", "不合格", "0",
                                                    "问题行", "0", "合格率", "100%", "优秀率", "50%"]
    assert page.locator(".ts-sheet").count() == 0  # nothing drawn for 90 schools × 5 pages at once
    page.select_option("#ts-signoff-school", label="第7小学（100 人）")
    sheets = page.locator(".ts-sheet[data-school='第7小学']")
    assert sheets.count() == 5 and page.locator(".ts-sheet").count() == 5
    want = []
    for n, i in enumerate(range(6, ROWS, 90), 1):  # 第7小学 is i % 90 = 6
        score = xx_score(60 + i % 40, 80, 80, 80)
        want.append([str(n), f"教师{i:05d}", "语文", str(score), "优秀" if score >= 80 else "合格"])
    assert cells(sheets, 5) == want
    scrolled_to(sheets.nth(4))
    assert "第 5 页 共 5 页" in sheets.nth(4).inner_text()


def test_more_bad_rows_than_a_part_come_in_parts_and_are_joined_in_order(page):
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.wait_for_selector("html[data-engine=ready]")
    body = "姓名,学校,学科,线上学时,实践学时\n" + "".join(f"教师{i:05d},一小,语文,abc,25\n" for i in range(ROWS))
    upload(page, "名单.csv", (body + "王老师,一小,语文,25,25\n").encode("utf-8"), "text/csv")
    assert page.inner_text(".ts-bad h3") == f"问题行（{ROWS} 行，未计入下面的结果）"
    page.select_option("#ts-print-what", "results")  # the results print lists every row left out, in list order
    left_out = page.locator(".ts-print-left-out li")
    assert left_out.count() == ROWS
    assert left_out.nth(0).text_content().startswith("第 2 行（教师00000）")
    assert left_out.nth(ROWS - 1).text_content().startswith(f"第 {ROWS + 1} 行（教师{ROWS - 1:05d}）")


@pytest.mark.parametrize("rows", [400_001])
def test_a_list_past_what_a_tab_holds_is_refused_naming_the_command_line(page, rows):
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.wait_for_selector("html[data-engine=ready]")
    body = ("姓名,学校,学科,线上学时,实践学时\n" + "王老师,一小,语文,25,25\n" * rows).encode("utf-8")
    result = upload(page, "全省名单.csv", body, "text/csv")
    assert result.get_attribute("data-status") == "error"
    text = page.inner_text("#file-error")  # beside the file field, and in the error summary
    assert "超过 400,000 行" in text and "命令行工具" in text


def test_a_citys_sign_off_sheets_print_the_school_chosen_or_say_to_choose_one(page):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    page.wait_for_selector("html[data-engine=ready]")
    upload(page, "成绩.csv", _list(ROWS, grade=True), "text/csv")
    page.emulate_media(media="print")
    note = page.locator(".ts-signoff-none")
    assert note.is_visible() and "请先在页面上选择学校" in note.inner_text()
    page.emulate_media(media="screen")
    assert not note.is_visible()
    page.select_option("#ts-signoff-school", label="第7小学（100 人）")
    page.emulate_media(media="print")
    sheets = page.locator(".ts-sheet[data-school='第7小学']")
    assert sheets.count() == 5 and all(sheets.nth(i).is_visible() for i in range(5))
    assert not note.is_visible() and not page.locator("#ts-signoff-school").is_visible()
    # five full sheets of 20 teachers: the last with the document's note and the head's signature line, on 5 pages
    assert pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True)) == 5
    page.emulate_media(media="screen")


# Cells a staff list's answer may hold, and a few it should not but must survive: packed in columns, sent as a message
# with its buffers transferred (as from the worker), and read back, every cell is what it was.
PACK_ROUNDTRIP = """async () => {
  const T = await import(new URL("table.js", document.querySelector("script[type=module][src*='/assets/tisheng/']").src));
  return new Promise((done) => {
  const n = 70000; // more distinct names than a column of codes holds
  const rows = Array.from({ length: n }, (_, i) => [
    i + 2, "教师" + i, "第" + (i % 7) + "小学", i % 3 ? 80.5 : null, i % 5 ? "" : "还差 5 学时", i % 2 ? "pass" : "fail",
    i % 4 ? i : "附表", i % 11 ? -i - 0.25 : null, i % 9 ? true : false]);
  rows[3][4] = "𠀀<script>"; // outside the BMP, and markup, kept as text
  const table = T.pack(rows);
  const kinds = table.columns.map((c) => c.kind);
  const lists = [rows.slice(0, 3), [], rows.slice(3, 10)];
  const sheets = T.packTogether(lists);
  const channel = new MessageChannel();
  channel.port2.onmessage = (e) => {
    const [t, s] = e.data;
    const view = T.view(t);
    done({
      kinds, same: JSON.stringify(T.unpack(t)) === JSON.stringify(rows),
      sheets: s.map((x) => T.unpack(x)).map((x) => JSON.stringify(x)),
      lists: lists.map((x) => JSON.stringify(x)), shared: s[0].columns === s[2].columns,
      cell: view.cell(3, 4), fails: view.select(5, (v) => v === "fail").length,
      column: Array.from(T.view(s[2]).column(0)), row: T.view(s[2]).row(1),
      uneven: T.pack([[1, 2], [3]]), nested: T.pack([[{ a: 1 }], [[2]]]).columns[0].kind, empty: T.pack([]),
    });
  };
  channel.port1.postMessage([table, sheets], [...T.buffers(table), ...T.buffers(sheets[0])]);
  });
}"""


def test_rows_packed_in_columns_come_back_as_they_were(page):
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    out = page.evaluate(PACK_ROUNDTRIP)
    assert out["kinds"] == ["number", "text", "words", "words", "words", "words", "list", "number", "words"]
    assert out["same"] and out["sheets"] == out["lists"] and out["shared"]
    assert out["cell"] == "𠀀<script>" and out["fails"] == 35000
    assert out["column"] == [5, 6, 7, 8, 9, 10, 11]
    assert out["row"][:3] == [6, "教师4", "第4小学"]
    assert out["uneven"] is None and out["nested"] == "list" and out["empty"] is None
