"""How the worker starts Python: from the build's memory snapshot when it can, the ordinary way when it cannot."""

from __future__ import annotations

from tests.helpers import SITE

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
URL = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"


def test_snapshot_is_built_and_served_precompressed(base_url):
    import urllib.request

    bundle = next((SITE / "assets" / "tisheng").iterdir())
    parts = sorted(bundle.glob("snapshot.*.bin"))
    assert sum(p.stat().st_size for p in parts) > 10_000_000
    assert f'Number("{len(parts)}")' in (bundle / "worker.js").read_text(encoding="utf-8")
    for part in parts:
        assert part.stat().st_size <= 4 << 20  # small enough for any browser's HTTP cache
        req = urllib.request.Request(f"{base_url}/assets/tisheng/{bundle.name}/{part.name}",
                                     headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers["Content-Encoding"] == "gzip"
            assert "immutable" in resp.headers["Cache-Control"]
            assert int(resp.headers["Content-Length"]) == part.with_name(part.name + ".gz").stat().st_size


def test_tool_page_restores_the_snapshot(page):
    page.goto(URL)
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "snapshot"
    assert "还差 5 学时线上研修" in page.inner_text("#result")


def test_without_the_snapshot_the_page_still_answers(context):
    bundle = next((SITE / "assets" / "tisheng").iterdir())
    last = max(bundle.glob("snapshot.*.bin"), key=lambda p: int(p.name.split(".")[1]))
    context.route(f"**/{last.name}", lambda route: route.fulfill(status=404, body="gone"))
    page = context.new_page()
    page.goto(URL)
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "plain"


def test_a_corrupt_snapshot_falls_back_to_a_plain_start(context):
    context.route("**/snapshot.*.bin", lambda route: route.fulfill(status=200, body=b"\0" * 4096,
                                                                  content_type="application/octet-stream"))
    page = context.new_page()
    page.goto(URL)
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "plain"
    assert "还差 5 学时线上研修" in page.inner_text("#result")


def test_the_first_answer_waits_for_neither_the_standard_library_nor_the_engines_files(context):
    """The worker asks for both after the first answer: held back, the page answers all the same."""
    held = []
    context.route("**/stdlib.zip", lambda route: held.append(route))
    context.route("**/tisheng.zip", lambda route: held.append(route))
    page = context.new_page()
    with page.expect_request("**/stdlib.zip", timeout=ENGINE_TIMEOUT), \
            page.expect_request("**/tisheng.zip", timeout=ENGINE_TIMEOUT):
        page.goto(URL)
        page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "snapshot"


def test_the_worker_starts_from_the_head_without_the_pages_own_script(context):
    """start.js, in each tool page's <head>, starts the worker at the first frame: with the page's own script
    replaced by one that does nothing, the worker still starts, and keeps what it says for the page's script."""
    context.route("**/hours.js", lambda route: route.fulfill(status=200, body="", content_type="text/javascript"))
    page = context.new_page()
    page.goto(URL)
    page.wait_for_function("""() => window.__tishengEngine
        && window.__tishengEngine.said.some((e) => e.data && e.data.type === "ready")""", timeout=ENGINE_TIMEOUT)
    said = page.evaluate("window.__tishengEngine.said.map((e) => e.data.type)")
    assert said[:2] == ["started", "ready"]
    assert [w.url.rsplit("/", 1)[-1] for w in page.workers if "/assets/tisheng/" in w.url] == ["worker.js"]
    assert page.get_attribute("html", "data-engine-start") is None  # nobody has taken the worker over


def test_without_the_early_start_the_page_starts_the_worker_itself(context):
    context.route("**/start.js", lambda route: route.fulfill(status=404, body="gone"))
    page = context.new_page()
    workers = []
    page.on("worker", lambda w: workers.append(w.url))
    page.goto(URL)
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "snapshot"
    assert [u.rsplit("/", 1)[-1] for u in workers if "/assets/tisheng/" in u] == ["worker.js"]


def test_answers_go_on_when_the_standard_library_cannot_be_had(context):
    context.route("**/stdlib.zip", lambda route: route.abort())
    context.route("**/tisheng.zip", lambda route: route.abort())
    page = context.new_page()
    page.goto(URL)
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "snapshot"
    page.fill("#online", "40")  # the next answer waits for the files, and goes on without them
    page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)


def test_upload_after_a_restore_imports_what_it_needs(page, tmp_path):
    """Modules imported lazily (CSV reader, batch) must still be importable after a restore, and a GBK list's codec,
    which is in the standard library the worker fetches after the restore."""
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.wait_for_selector("html[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("html", "data-engine-start") == "snapshot"
    roster = tmp_path / "名单.csv"
    roster.write_bytes("姓名,线上学时,实践学时\n张老师,25,25\n李老师,10,40\n".encode("gb18030"))
    page.set_input_files("#file", str(roster))
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert "李老师" in page.inner_text("#result")


# What a phone on mobile data (or with Save-Data) reports: guide pages then fetch nothing ahead (prefetch.js).
ON_MOBILE_DATA = """Object.defineProperty(Navigator.prototype, "connection", { configurable: true,
  get() { return { saveData: %s, type: "cellular", effectiveType: "4g" }; } });"""


def engine_urls(urls):
    return [u for u in urls if "/assets/pyodide/" in u or "snapshot." in u or u.endswith("stdlib.zip")]


def test_a_guide_page_fetches_the_engine_after_load_when_idle(context):
    """The second page is free: once a guide page has loaded and the browser is idle, the engine's files go into
    the HTTP cache, and the calculator opened next fetches none of them again."""
    page = context.new_page()
    events: list[str] = []  # in the order the browser reports them (the page's clock is a test double here)
    page.on("load", lambda _: events.append("load"))
    page.on("request", lambda r: events.append(r.url))
    page.goto("/guide/compare/", wait_until="load")
    page.wait_for_selector("html[data-prefetch=done]", state="attached", timeout=ENGINE_TIMEOUT)
    assert engine_urls(events), "the guide page fetched nothing ahead"
    assert events.index("load") < events.index(engine_urls(events)[0]), "the engine was fetched before the page loaded"
    page.goto(URL)
    page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=ENGINE_TIMEOUT)
    worker = next(w for w in page.workers if "/assets/tisheng/" in w.url)
    entries = worker.evaluate("""() => performance.getEntriesByType("resource")
        .map((e) => [e.name, e.transferSize])""")
    assert any(name.endswith("pyodide.asm.wasm") for name, _ in entries)  # the worker's own record of its fetches
    seen = [name for name, size in entries if size > 0]
    assert not engine_urls(seen), f"fetched again: {engine_urls(seen)}"


def test_save_data_or_mobile_data_fetches_nothing_ahead(context):
    for save_data in ("true", "false"):
        page = context.new_page()
        page.add_init_script(ON_MOBILE_DATA % save_data)
        seen: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.goto("/guide/compare/", wait_until="networkidle")
        assert not engine_urls(seen), "a guide page on mobile data loaded the engine"
        assert page.get_attribute("html", "data-prefetch") is None
        page.close()


def test_resting_on_a_tool_link_fetches_the_engine_and_only_then(context):
    page = context.new_page()
    page.add_init_script(ON_MOBILE_DATA % "false")  # no idle-time fetch: only the pointer's
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto("/guide/compare/", wait_until="networkidle")
    assert not [u for u in seen if "/assets/pyodide/" in u or "snapshot." in u], "a guide page loaded the engine"
    link = page.locator("a[href$='tools/hours/']:visible").first
    with page.expect_request(lambda r: r.url.endswith("pyodide.asm.wasm"), timeout=ENGINE_TIMEOUT), \
            page.expect_request(lambda r: "snapshot.0.bin" in r.url, timeout=ENGINE_TIMEOUT):
        link.hover()
