"""A tool page's theme script and site search wait for the engine: Material's script runs once the first answer is
drawn, and its search index is built once the engine is up (site_src/js/workers/search-later.js), or both at once
when the reader opens the search; it then works as on any other page."""

from __future__ import annotations

from tests.e2e.test_guide_pages import search_here as search

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
URL = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"
MATERIAL_WORKER = "/workers/search."  # Material's own worker; the tool pages' one is /workers/search-later.…


def test_once_the_engine_is_up_the_search_works(page):
    page.goto(URL)
    page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("html[data-search=started]", state="attached")
    items = search(page, "学时")
    assert items.count() > 0


def test_the_theme_and_the_index_wait_for_the_engine_until_the_reader_opens_the_search(context):
    """With the engine held back, Material's script has not run and its search worker is not loaded; typing in the
    form does not change that. The search shortcut (a key outside the form) runs the theme at once, the key takes
    effect, and search works while the engine is still held. The held wasm makes this an order of events."""
    held_wasm, asked_for = [], []
    context.route("**/pyodide.asm.wasm", lambda route: held_wasm.append(route))
    context.route(f"**{MATERIAL_WORKER}*.min.js", lambda route: (asked_for.append(route.request.url),
                                                                  route.continue_()))
    page = context.new_page()
    page.goto(URL)
    page.wait_for_selector("html[data-theme=waiting]", state="attached")
    page.wait_for_function("document.querySelectorAll('link[data-theme-later]').length === 1")
    page.fill("#online", "25")  # the form is the page's own: it works, and the theme still waits
    page.keyboard.press("Tab")
    assert page.get_attribute("html", "data-theme") == "waiting"
    assert page.evaluate("typeof window.document$") == "undefined"  # Material's script has not run
    assert page.get_attribute("html", "data-engine") != "ready"
    assert not asked_for, "Material's search worker was loaded while the engine was still starting"
    page.evaluate("document.activeElement.blur()")  # "/" in a field of the form is the field's
    items = search(page, "学时")
    assert items.count() > 0
    assert page.get_attribute("html", "data-theme") == "started"
    assert asked_for and page.get_attribute("html", "data-search") == "started"
    assert page.get_attribute("html", "data-engine") != "ready"
    for route in held_wasm:
        route.abort()


def test_the_theme_runs_once_the_first_answer_is_drawn(page):
    page.goto(URL)
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("html[data-theme=started]", state="attached")
    assert page.evaluate("typeof window.document$") == "object"
    assert search(page, "学时").count() > 0  # Material's shortcut and its search, as on any page


def test_a_guide_page_searches_with_materials_own_worker(page):
    page.goto("/guide/compare/")
    assert page.get_attribute("html", "data-search") is None
    assert MATERIAL_WORKER in page.inner_text("#__config")
    assert search(page, "学时").count() > 0
