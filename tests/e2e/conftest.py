"""Browser tests: Debian's Chromium, driven by Playwright, against the built site served by nginx with the
repository's own config. Every request a page makes is recorded; one to another origin fails the test."""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import SITE

import serve  # noqa: E402  (scripts/)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


# The day every page lives on (Playwright's clock): what a page says of a deadline, or prints as its date, is the same
# on any day the tests run. The same day the worked cases are judged on (data/cases/hours.yaml: today).
PAGE_DAY = "2026-12-01T10:00:00+08:00"
PAGE_TIMEZONE = "Asia/Shanghai"

NGINX: dict[str, Path] = {}  # this session's server: its access log, read by test_privacy.py


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(site: Path):
    """``site`` served by nginx with the production config on a free port: (its address, its working folder)."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="tisheng-nginx-") as work:
        proc = serve.start_nginx(site, "127.0.0.1", port, Path(work))
        try:
            yield f"http://127.0.0.1:{port}", Path(work)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (it builds first)")
    if serve.nginx_binary() is None:
        pytest.fail("nginx is not installed (apt-get install nginx); the browser tests serve the site with it")
    with served(SITE) as (url, work):
        NGINX["access_log"] = work / "access.log"
        yield url


@pytest.fixture
def access_log(base_url) -> Path:
    """nginx's access log (request line, Referer, User-Agent of every request) of the server the tests use."""
    return NGINX["access_log"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield StillBrowser(b)
        b.close()


def _leave(dialog) -> None:
    """Leave a page that asks first (beforeunload); any other dialog is dismissed, as Playwright does by default."""
    if dialog.type == "beforeunload":
        dialog.accept()
    else:
        dialog.dismiss()


class StillBrowser:
    """The browser, whose every new context asks for reduced motion (as a user may): nothing a test measures is
    caught mid-transition. A test may still pass reduced_motion="no-preference" to see the motion, or
    bypass_csp=False to run under the site's policy."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, leave_drafts: bool = True, **options):
        options.setdefault("reduced_motion", "reduce")
        # Playwright polls wait_for_function's predicate with eval, which the site's Content-Security-Policy refuses:
        # contexts bypass the policy unless a test asks (tests/e2e/test_csp.py drives every tool page under it).
        options.setdefault("bypass_csp", True)
        options.setdefault("timezone_id", PAGE_TIMEZONE)
        ctx = self._browser.new_context(**options)
        # The clock starts on that day and runs (a frozen Date would stall what measures time by it, such as the
        # search box's debounce); the engine in the worker is told the page's day, it reads no clock of its own.
        ctx.clock.install(time=PAGE_DAY)
        if leave_drafts:  # 录入本地文件 asks before a typed draft is left (a reload, a new address): a test leaves it
            ctx.on("page", lambda pg: pg.on("dialog", _leave))
        return ctx

    def __getattr__(self, name):
        return getattr(self._browser, name)


class Recorder:
    def __init__(self, origin: str):
        self.origin = origin
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    def outside(self) -> list[str]:
        own = urlsplit(self.origin)
        return [u for u in self.urls
                if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own.netloc]


@pytest.fixture
def context(browser, base_url):
    ctx = browser.new_context(base_url=base_url, locale="zh-CN", service_workers="block")
    recorder = Recorder(base_url)
    ctx.on("request", recorder)
    ctx.recorder = recorder
    yield ctx
    ctx.close()
    assert not recorder.outside(), f"requests left the site's origin: {recorder.outside()}"


@pytest.fixture
def page(context):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    assert not errors, f"JavaScript errors on the page: {errors}"


PHONE_WIDTH = 360  # the narrowest common phone, in a WeChat browser


@contextlib.contextmanager
def own_page(browser, **options):
    """A page in a context of its own (``options`` for the context); JavaScript errors on it fail the test."""
    ctx = browser.new_context(locale="zh-CN", service_workers="block", **options)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield pg
    finally:
        ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def phone(browser, base_url):
    """A page on a phone: PHONE_WIDTH px wide, touch."""
    with own_page(browser, base_url=base_url, viewport={"width": PHONE_WIDTH, "height": 740}, is_mobile=True,
                  has_touch=True) as pg:
        yield pg
