"""A tool page's site search builds its index only once the engine is up, or at once when the reader opens the
search box (site_src/js/workers/search-later.js); it then works as on any other page."""

from __future__ import annotations

from tests.e2e.test_guide_pages import search_here as search

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
URL = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"
MATERIAL_WORKER = "/workers/search."  # Material's own worker; the tool pages' one is /workers/search-later.…
ASKED = """(() => {
  const channel = new BroadcastChannel("tisheng-search");
  channel.onmessage = (e) => { if (e.data === "ask") window.__asked = true; };
})();"""


def test_once_the_engine_is_up_the_search_works(page):
    page.goto(URL)
    page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("html[data-search=started]", state="attached")
    items = search(page, "学时")
    assert items.count() > 0


def test_the_index_waits_for_the_engine_until_the_reader_opens_the_search(context):
    """With the engine held back, Material's worker is not loaded until the search box is opened. The held wasm and
    the held worker script make this an order of events, not a race: the wrapper asks for "go" only after it has
    started holding, and while it holds, nothing has asked for Material's worker."""
    held_wasm, asked_for = [], []
    context.route("**/pyodide.asm.wasm", lambda route: held_wasm.append(route))
    context.route(f"**{MATERIAL_WORKER}*.min.js", lambda route: (asked_for.append(route.request.url),
                                                                  route.continue_()))
    context.add_init_script(ASKED)
    page = context.new_page()
    page.goto(URL)
    page.wait_for_function("window.__asked === true")
    page.wait_for_selector("html[data-search=waiting]", state="attached")
    assert page.get_attribute("html", "data-engine") != "ready"
    assert not asked_for, "Material's search worker was loaded while the engine was still starting"
    items = search(page, "学时")
    assert items.count() > 0
    assert asked_for and page.get_attribute("html", "data-search") == "started"
    assert page.get_attribute("html", "data-engine") != "ready"
    for route in held_wasm:
        route.abort()


def test_a_guide_page_searches_with_materials_own_worker(page):
    page.goto("/guide/compare/")
    assert page.get_attribute("html", "data-search") is None
    assert MATERIAL_WORKER in page.inner_text("#__config")
    assert search(page, "学时").count() > 0
