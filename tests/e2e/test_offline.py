"""Reuse without the network: a second visit fetches nothing that has not changed (plain http, long cache), and on
localhost (where browsers allow a service worker) the tools keep answering with the server stopped."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

import serve  # noqa: E402  (scripts/)
from tests.helpers import SITE

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
VERSIONED = re.compile(r"/assets/(pyodide|tisheng|echarts|qrcode)/|\.[0-9a-f]{8,}\.min\.(js|css)")


@pytest.fixture
def own_server(tmp_path):
    """An nginx of this test's own (its access log is read, and it gets stopped)."""
    tmp_path.chmod(0o755)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    work = tmp_path / "nginx"
    proc = serve.start_nginx(SITE, "127.0.0.1", port, work)
    server = {"url": f"http://127.0.0.1:{port}", "log": work / "access.log", "proc": proc}
    yield server
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


def requests_in(log: Path) -> list[tuple[str, int]]:
    out = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.search(r'"GET (\S+) HTTP/[\d.]+" (\d{3})', line)
        if m:
            out.append((m.group(1), int(m.group(2))))
    return out


def test_second_visit_fetches_nothing_unchanged(browser, own_server):
    ctx = browser.new_context(base_url=own_server["url"], service_workers="block")
    page = ctx.new_page()
    page.goto("/tools/hours/?profile=kaiyuan-2024&online=20&practice=30")
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    # the theme and its search (lunr) start after the first answer: the first visit is over when they are loaded
    page.wait_for_selector("html[data-theme=started][data-search=started]", state="attached")
    page.wait_for_load_state("networkidle")
    first = requests_in(own_server["log"])
    assert any("/assets/pyodide/" in path for path, _ in first), "the first visit must load Pyodide"
    own_server["log"].write_text("")

    page.goto("/tools/hours/?profile=kaiyuan-2024&online=25&practice=30")
    page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)
    page.wait_for_load_state("networkidle")
    second = requests_in(own_server["log"])
    ctx.close()
    assert second, "the page itself must still be revalidated"
    refetched = [path for path, _ in second if VERSIONED.search(path)]
    assert not refetched, f"versioned assets fetched again: {refetched}"
    full = [(path, status) for path, status in second if status == 200 and not path.startswith("/tools/hours/")]
    assert not full, f"unchanged files sent again in full: {full}"


def test_service_worker_keeps_tools_working_with_the_server_stopped(browser, own_server):
    ctx = browser.new_context(base_url=own_server["url"], service_workers="allow")
    try:
        page = ctx.new_page()
        page.goto("/tools/hours/?profile=kaiyuan-2024&online=20&practice=30")
        page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
        # ready = installed (every file precached) and active
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=ENGINE_TIMEOUT)

        own_server["proc"].terminate()
        own_server["proc"].wait(timeout=10)
        offline = ctx.new_page()
        offline.goto("/tools/hours/?profile=national-2019&online=30&practice=30")
        offline.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)
        assert "符合要求" in offline.inner_text("#result")
        offline.goto("/tools/batch/")
        assert offline.locator("#file").count() == 1
    finally:
        ctx.close()
