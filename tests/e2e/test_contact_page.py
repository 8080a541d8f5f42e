"""The host's contact where a teacher needs it: in the box that says her date has passed, on the screen and on the
printed answer, from a copy of the site built with ``extra.contact`` (tests/conftest.py) and served by nginx."""

from __future__ import annotations

import pytest

from tests.conftest import CONTACT
from tests.e2e.conftest import own_page, served
from tests.e2e.pagestate import settle
from tests.e2e.test_evidence_pages import ME
from tests.e2e.test_grade_page import pdf_pages
from tests.e2e.test_hours_page import ENGINE_TIMEOUT

LATE = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"  # 开原's dates passed in 2024; the page's day is 2026-12-01


@pytest.fixture(scope="module")
def contact_url(site_with_contact):
    with served(site_with_contact) as (url, _work):
        yield url


@pytest.fixture
def page(browser, contact_url):
    """A page of the site with a contact."""
    with own_page(browser, base_url=contact_url) as pg:
        yield pg


def test_the_passed_deadline_box_says_whom_to_ask_on_screen_and_on_paper(page):
    page.goto(LATE)
    page.wait_for_selector("#result[data-status='fail'] .ts-late", timeout=ENGINE_TIMEOUT)
    late = page.locator("#result .ts-late .ts-late-contact")
    assert late.count() == 1
    text = late.inner_text()
    assert CONTACT["name"] in text and CONTACT["phone"] in text and "<b>" in text, text  # the note as text
    assert page.locator("#result .ts-late b").count() == 0
    page.emulate_media(media="print")
    settle(page)
    assert late.is_visible() and CONTACT["phone"] in page.inner_text("#result")
    assert not page.locator("aside.ts-contact").is_visible()  # said once on paper: in the answer's box
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 1


@pytest.mark.parametrize("url", [
    "/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80&showcase=88",
    ME,  # 我的考核进度's 个人考核登记表, on a day before 张楼's dates
])
def test_a_printed_answer_without_a_passed_date_ends_with_the_contact_on_one_page(page, url):
    page.goto(url)
    page.wait_for_selector("#result[data-status]:not([data-status='error'])", timeout=ENGINE_TIMEOUT)
    assert page.locator("#result .ts-late").count() == 0
    page.emulate_media(media="print")
    settle(page)
    assert page.locator("aside.ts-contact").is_visible()
    assert CONTACT["phone"] in page.inner_text("aside.ts-contact")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 1
