"""The guide pages in Chromium against nginx: Chinese search, the catalog filter by keyboard (with its 待核对
badges and its live count), the full catalog without JavaScript, and no serious accessibility problems.
The fixtures fail any test whose page makes a request outside the site's origin."""

from __future__ import annotations

import pytest

import tests.helpers  # noqa: F401  (puts scripts/ on sys.path)

import build_data  # noqa: E402
from tests.e2e.pagestate import axe_serious

SNAP = build_data.load_all()
CID, CATALOG = next(iter(SNAP["catalogs"].items()))
POINTS = CATALOG["points"]
FILTER = f"#filter-{CID}"
ROWS = f"#catalog-table-{CID} tbody tr"


def _pending(pt) -> bool:
    return any(pt["status"][f] in ("unconfirmed", "unknown") for f in ("name", "dimension"))


def search(page, query: str):
    """From the home page: type into Material's search box the way a user does and wait for the results list."""
    page.goto("/")
    return search_here(page, query)


def search_here(page, query: str):
    """On the page that is open: type into its search box the way a user does and wait for the results list."""
    page.keyboard.press("/")  # Material's shortcut that focuses the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill(query)
    box.press("End")  # Material listens for key events; fill alone does not trigger a search
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    return page.locator(".md-search-result__item")


@pytest.mark.parametrize("query,expect_href", [
    ("学时", "tools/hours/"),
    ("能力点", "guide/catalog/"),
    ("开原", "profiles/kaiyuan-2024/"),
])
def test_search_finds_chinese_words(page, query, expect_href):
    items = search(page, query)
    assert items.count() > 0, f"no search results for {query}"
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.getAttribute('href'))")
    assert any(expect_href in (h or "") for h in hrefs), f"{query}: {expect_href} not among {hrefs[:10]}"
    meta = page.inner_text(".md-search-result__meta")
    assert "没有找到" not in meta


def visible_rows(page):
    return page.locator(ROWS).evaluate_all(
        "rows => rows.filter(r => !r.hidden).map(r => ({code: r.querySelector('th').textContent.trim(),"
        " env: r.dataset.env, dim: r.dataset.dim, check: r.dataset.check, text: r.innerText}))")


def test_catalog_filter_works_by_keyboard(page):
    page.goto("/guide/catalog/")
    live = page.locator(f"{FILTER}-count")
    assert page.is_visible(f"form.tg-filter[data-table='catalog-table-{CID}']")
    assert live.get_attribute("aria-live") == "polite"
    assert str(len(POINTS)) in live.inner_text()
    assert len(visible_rows(page)) == len(POINTS)

    # environment: focus the select with the keyboard and step to the first environment
    env = page.locator(f"{FILTER}-env")
    assert page.locator(f"label[for='filter-{CID}-env']").inner_text() == "环境"
    env.focus()
    page.keyboard.press("ArrowDown")
    first_env = CATALOG["environments"][0]["id"]
    assert env.input_value() == first_env
    want = [p["code"] for p in POINTS if p["env"] == first_env]
    rows = visible_rows(page)
    assert [r["code"] for r in rows] == want
    assert f"显示 {len(want)} 项" in live.inner_text()

    # dimension as well, by keyboard
    page.keyboard.press("Tab")
    dim = page.locator(f"{FILTER}-dim")
    assert page.evaluate("document.activeElement.id") == f"filter-{CID}-dim"
    page.keyboard.press("ArrowDown")
    first_dim = CATALOG["dimensions"][0]["id"]
    assert dim.input_value() == first_dim
    want = [p["code"] for p in POINTS if p["env"] == first_env and p.get("dimension") == first_dim]
    assert [r["code"] for r in visible_rows(page)] == want
    assert f"显示 {len(want)} 项" in live.inner_text()

    # 显示全部 (reset) by keyboard
    page.focus(f"form.tg-filter[data-table='catalog-table-{CID}'] button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('{FILTER}-env').value === ''")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}:not([hidden])').length === {len(POINTS)}")
    assert "全部" in live.inner_text()


def test_catalog_shows_the_pending_badge_and_unknown_names_as_unknown(page):
    page.goto("/guide/catalog/")
    page.select_option(f"{FILTER}-check", "pending")
    rows = visible_rows(page)
    assert [r["code"] for r in rows] == [p["code"] for p in POINTS if _pending(p)]
    for r in rows:
        assert "待核对" in r["text"]
    for p in POINTS:
        badge = page.locator(f"#point-{CID}-{p['code']} .tg-badge--check")
        if _pending(p):
            assert badge.first.is_visible(), p["code"]
        if p.get("name") is None:
            assert "名称待核对" in page.inner_text(f"#point-{CID}-{p['code']} td >> nth=0")


def test_catalog_is_complete_without_javascript(browser, base_url):
    ctx = browser.new_context(base_url=base_url, java_script_enabled=False, locale="zh-CN")
    try:
        pg = ctx.new_page()
        pg.goto("/guide/catalog/")
        assert not pg.is_visible(f"form.tg-filter[data-table='catalog-table-{CID}']")
        assert pg.locator(f"{ROWS}").count() == len(POINTS)
        assert all(pg.is_visible(f"#point-{CID}-{p['code']}") for p in POINTS)
    finally:
        ctx.close()


def test_profile_rule_anchor_and_tabs(page):
    page.goto("/profiles/kaiyuan-2024/#hours-online_min")
    assert page.locator("#hours-online_min").count() == 1
    row = page.locator("tr", has=page.locator("#hours-online_min"))
    quote = SNAP["profiles"]["kaiyuan-2024"]["hours"]["online_min"]["source"]["quote"]
    assert quote in row.inner_text()
    # content tabs: "文件原文" shows the document's own words
    label = page.locator(".tabbed-labels label", has_text="文件原文").first
    label.click()
    block = page.locator(".tabbed-block").nth(1)
    assert quote in block.inner_text()


@pytest.mark.parametrize("url", ["/", "/profiles/kaiyuan-2024/", "/profiles/school-assessment-2022/",
                                 "/guide/catalog/", "/guide/compare/", "/guide/conflicts/", "/guide/glossary/",
                                 "/about/data/"])
def test_no_serious_accessibility_violations(page, url):
    page.goto(url)
    # aria-dialog-name: Material's own search dialog (the theme's markup, not the guide's) has no name.
    bad = axe_serious(page, disabled=("aria-dialog-name",))
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("query,expect_href", [
    ("学时", "tools/hours/"),
    ("开原", "profiles/kaiyuan-2024/"),
    ("国家框架", "profiles/national-2019/"),
    ("河北", "#other-regions"),  # no document of Hebei: the home page's section for regions the site lacks
])
def test_search_typed_through_an_input_method(page, query, expect_href):
    """A Chinese input method composes the word and commits it at once: compositionstart, the text inserted, then
    compositionend. The search answers, and neither the page nor the search worker logs an error."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("worker", lambda w: w.on("error", lambda e: problems.append(str(e))) if hasattr(w, "on") else None)
    page.goto("/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.dispatch_event("compositionstart", {"data": ""})
    page.keyboard.insert_text(query)
    box.dispatch_event("compositionend", {"data": query})
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /\\d|没有/.test(m.textContent) && !/正在|初始化/.test(m.textContent); }", timeout=20_000)
    meta = page.inner_text(".md-search-result__meta")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.getAttribute('href'))")
    if expect_href.startswith("#"):  # a section: among the links of the first answer (its page, then its sections)
        first = page.eval_on_selector(".md-search-result__item",
                                      "li => [...li.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert any(h.endswith(expect_href) for h in first), f"{query}: {meta} {hrefs[:10]}"
    else:
        assert hrefs and any(expect_href in (h or "") for h in hrefs), f"{query}: {meta} {hrefs[:10]}"
    assert not problems, f"errors while searching {query}: {problems}"
