"""A single teacher's result prints as she would hand it in: the question and the answer on one A4 page, with the
date it was worked out, no help text, no blank page after it; and the screen offers a print button under it."""

from __future__ import annotations

import re

import pytest

from tests.e2e.pagestate import settle
from tests.e2e.test_hours_page import ENGINE_TIMEOUT

RESULTS = [
    "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30",
    "/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80&showcase=88",
    "/tools/points/?profile=kaiyuan-2024&mode=teacher&selected=A1,A5,B9",
]
# What each printed answer says: 开原 asks 25 学时 online (20 given); xx-school's 15/30/30/25 weights give 85.0, 优秀
# from 80; 开原 asks 3 points over at least 2 dimensions (A1 学情分析, A5 学法指导, B9 学业评价).
ANSWERS = [("fail", ["还差 5 学时线上研修", "已过去"]), ("pass", ["85.0", "优秀"]), ("pass", ["所选能力点符合《开原市（2024）》的要求"])]


@pytest.mark.parametrize(("url", "answer"), list(zip(RESULTS, ANSWERS)))
def test_a_teachers_result_prints_on_one_page_with_its_date(page, url, answer):
    page.goto(url)
    page.wait_for_selector("#result[data-status]:not([data-status='error'])", timeout=ENGINE_TIMEOUT)
    status, words = answer
    assert page.get_attribute("#result", "data-status") == status
    settle(page)
    assert page.is_visible("#result [data-print-result]")
    late = page.locator("#result .ts-late")
    if late.count():  # a passed date says, on screen only, where to ask about another day
        assert "可在上面的日期一栏中修改" in late.inner_text()
    page.emulate_media(media="print")
    settle(page)
    assert not page.is_visible("#result [data-print-result]")
    date = page.inner_text("#result .ts-print-date")
    assert re.fullmatch(r"结果日期：\d{4}年\d{1,2}月\d{1,2}日", date), date
    assert page.is_visible("h1") and page.is_visible("#result")
    printed = page.inner_text("#result")  # what the print shows of the answer
    assert all(w in printed for w in words), printed
    assert "可在上面" not in printed  # a sheet of paper has nothing above to change
    for hidden in (".md-header", ".md-sidebar--primary", ".md-typeset > .admonition", ".md-footer"):
        loc = page.locator(hidden)
        assert not loc.count() or not loc.first.is_visible(), hidden
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # no blank second page
