"""What a teacher types into the site's search finds the page she means: a tool's subject puts that tool first (the
tool pages carry `search: boost:` in their front matter), and a province the site has no document of finds the home
page's section for other regions (scripts/guide/pages.py: regions_line names every province). How long a query takes
is printed, never asserted: the machine running the tests sets that, not the site."""

from __future__ import annotations

import time

import pytest

from tests.e2e.test_guide_pages import search_here

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
FIRST = ".md-search-result__item > a"  # each result group opens with its page


def first_group(page) -> list[str]:
    """The links of the first result group: its page, then its sections."""
    return page.eval_on_selector(
        ".md-search-result__list > li",
        "li => [...li.querySelectorAll('a')].map(a => new URL(a.href).pathname + new URL(a.href).hash)")


@pytest.mark.parametrize("query,expect", [
    ("学时", "/tools/hours/"),
    ("能力点", "/tools/points/"),
    ("成绩", "/tools/grade/"),
    ("签名表", "/tools/grade-batch/"),
    ("名额", "/tools/rollout/"),
    ("材料", "/tools/evidence/"),
])
def test_a_tools_subject_finds_the_tool_first(page, query, expect):
    page.goto("/guide/compare/")
    started = time.perf_counter()
    search_here(page, query)
    print(f"search {query!r}: {time.perf_counter() - started:.2f} s to the first results")
    group = first_group(page)
    assert group[0] == expect, f"{query}: first result {group[0]}, expected {expect}"


def test_a_region_not_on_the_site_finds_the_section_for_other_regions(page):
    page.goto("/guide/compare/")
    search_here(page, "河北")
    group = first_group(page)
    assert group[0] == "/" and "/#other-regions" in group, group


def test_two_words_on_a_tool_page_while_its_engine_starts(page):
    """On a tool page the search index waits for the engine unless the reader opens the search
    (site_src/js/workers/search-later.js): the first query may wait for the index, never for the engine."""
    page.goto("/tools/points/")
    page.wait_for_selector("html[data-theme]", state="attached")
    started = time.perf_counter()
    search_here(page, "能力点 维度")
    print(f"search '能力点 维度' on a starting tool page: {time.perf_counter() - started:.2f} s to the first results")
    assert first_group(page)[0] == "/tools/points/"
    page.keyboard.press("Escape")
    page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=ENGINE_TIMEOUT)


def test_the_document_finder_by_keyboard(page):
    """Province, then county, then the school's document, with Tab and Enter only; no serious axe problem."""
    from tests.e2e.pagestate import axe_serious

    page.goto("/#finder")
    province = page.locator(".ts-finder summary").get_by_text("吉林", exact=True)
    province.focus()
    page.keyboard.press("Enter")
    county = page.locator(".ts-finder summary").get_by_text("梨树县", exact=True)
    county.wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "梨树县"
    page.keyboard.press("Enter")
    school = page.locator(".ts-finder details[open] a[href$='profiles/lishu-school-2022/']")
    school.wait_for(state="visible")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profiles/lishu-school-2022/")
    page.goto("/#finder")
    assert not axe_serious(page, disabled=("aria-dialog-name",))
