"""Phones (360 px, the narrowest common Android width): wide tables are readable — the batch results as cards with
成绩 and 等次 in view, the quota and comparison tables with a first column that stays and a visible hint to swipe —
and nothing runs off the screen or sits over the text."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.e2e.conftest import PHONE_WIDTH
from tests.e2e.pagestate import settle
from tests.e2e.test_hours_page import ENGINE_TIMEOUT

WIDTH = PHONE_WIDTH
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

OFF_SCREEN = """(w) => [...document.querySelectorAll('.md-content *')].filter((e) => {
  const r = e.getBoundingClientRect();
  if (!r.width || !e.getClientRects().length) return false;
  for (let p = e.parentElement; p; p = p.parentElement) {  // inside a sideways scroller is fine
    const s = getComputedStyle(p);
    if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') return false;
  }
  return r.right > w + 1 || r.left < -1;
}).map((e) => e.tagName + '.' + e.className).slice(0, 5)"""

HINTED = """() => [...document.querySelectorAll('.tg-scroll, .ts-table-wrap, .md-typeset__scrollwrap')]
  .filter((b) => b.getClientRects().length && b.scrollWidth > b.clientWidth + 2)
  .map((b) => { const h = b.previousElementSibling;
    return !!(h && h.classList.contains('ts-swipe-hint') && !h.hidden && h.getClientRects().length); })"""


def staff() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"])
    for i in range(12):
        sheet.append([f"教师{i + 1}", "张楼小学", "语文", 80, 85, 70 + i, 88])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def assert_readable(page):
    settle(page)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTH, "the page scrolls sideways"
    assert page.evaluate(OFF_SCREEN, WIDTH) == []
    hinted = page.evaluate(HINTED)
    assert all(hinted), f"a wide table without a visible hint to swipe: {hinted}"
    return hinted


def test_batch_results_are_cards_with_score_and_band_in_view(phone):
    phone.goto("/tools/grade-batch/?profile=xx-school-2022")
    phone.set_input_files("#file", files=[{"name": "名单.xlsx", "mimeType": XLSX, "buffer": staff()}])
    phone.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    assert_readable(phone)
    heads = phone.eval_on_selector_all(".ts-cards thead .ts-sort", "bs => bs.map(b => [b.textContent,"
                                       " b.getClientRects().length])")
    assert all(n == 1 for _, n in heads), f"a column head breaks over lines: {heads}"
    card = phone.locator(".ts-cards tbody tr").first
    for label in ("姓名", "成绩", "等次"):
        cell = card.locator(f"td[data-label='{label}']")
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (label, box)
        assert cell.inner_text().strip(), label


@pytest.mark.parametrize("url,table", [
    ("/tools/rollout/?mode=check&years=2015,2016,2017&shares=30,35,35&pilot=2014"
     "&groups=广安区:5336:0/1500/1900/1936,华蓥市:2943:1000/600/600/743,岳池县:7228:0/2000/2600/2628",
     "#quota-table"),
    ("/guide/compare/", ".tg-compare table"),
])
def test_wide_tables_keep_their_first_column_and_say_swipe(phone, url, table):
    phone.goto(url)
    if "tools" in url:
        phone.wait_for_selector("#result[data-status] #quota-table", timeout=ENGINE_TIMEOUT)
    hinted = assert_readable(phone)
    assert hinted, "the table fits the screen: this test would not see a missing hint"
    first = phone.locator(f"{table} tbody tr").first.locator("th, td").first
    before = first.bounding_box()["x"]
    phone.eval_on_selector(table, "t => { t.closest('.tg-scroll, .ts-table-wrap, .md-typeset__scrollwrap').scrollLeft = 400; }")
    settle(phone)
    after = first.bounding_box()["x"]
    # it stays at the scroller's left edge (which may sit a little left of the cell's first place), not 400 px off
    assert after >= -1 and abs(after - before) < 40, f"the first column scrolled away: {before} → {after}"


def test_back_to_top_does_not_cover_the_text(phone):
    phone.goto("/guide/compare/")
    phone.mouse.wheel(0, 3000)
    settle(phone)
    phone.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls back up
    phone.wait_for_selector(".md-top:not([hidden])")
    settle(phone)
    top = phone.locator(".md-top").bounding_box()
    assert top["width"] <= 48 and top["x"] + top["width"] <= WIDTH and top["y"] > 740 / 2, top
