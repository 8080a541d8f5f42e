"""The browser enforces the promise: every page carries a Content-Security-Policy (a <meta> on any server, a header
from nginx with frame-ancestors too) that lets it load and connect to its own origin only. Every tool page still
answers under it, reloaded and reopened (tests/e2e/test_privacy.py drives each one), with no violation reported,
and a request a page makes to another origin is blocked before it leaves the browser."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e.test_hours_page import ENGINE_TIMEOUT
from tests.e2e.test_privacy import PAGES

import serve  # noqa: E402  (scripts/)

# A violation in the page is said on its console (and Chromium says every refusal there too, workers' included);
# the distinct ones are counted on <html> for a test to wait on (Playwright's polled predicates need eval, which the
# policy refuses).
WATCH = """document.addEventListener("securitypolicyviolation", (e) => {
  console.error("securitypolicyviolation: " + e.violatedDirective + " " + e.blockedURI);
  const seen = (window.__violations = window.__violations || []);
  if (!seen.some(([d, u]) => d === e.violatedDirective && u === e.blockedURI)) seen.push([e.violatedDirective, e.blockedURI]);
  document.documentElement.dataset.violations = String(seen.length);
}, true);"""


@pytest.fixture
def watched(browser, base_url):
    """A page whose context reports every console error and violation of every page it opens, and every response."""
    ctx = browser.new_context(base_url=base_url, locale="zh-CN", service_workers="block", accept_downloads=True,
                              bypass_csp=False)
    ctx.add_init_script(WATCH)
    problems: list[str] = []
    answered: list[str] = []

    def attach(pg) -> None:
        pg.on("console", lambda m: problems.append(f"{pg.url}: {m.text}") if m.type == "error" else None)
        pg.on("pageerror", lambda exc: problems.append(f"{pg.url}: {exc}"))
        pg.on("worker", lambda w: w.on("console", lambda m: problems.append(f"worker: {m.text}")
                                       if m.type == "error" else None))

    ctx.on("page", attach)
    ctx.on("response", lambda r: answered.append(r.url))
    page = ctx.new_page()
    page.problems, page.answered = problems, answered
    yield page
    ctx.close()


def test_nginx_sends_the_policy_the_pages_carry(page, base_url):
    policy = dict(serve.security_headers())["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["frame-ancestors"] == "'self'" and directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in policy
    assert directives["style-src"] == "'self'" and directives["worker-src"] == "'self'"
    for url in ("/", "/tools/hours/", "/tools/rules/", "/no-such-page/", "/assets/tisheng/"):
        response = page.request.get(base_url + url)
        assert response.headers.get("content-security-policy") == policy, url
        assert response.headers.get("x-content-type-options") == "nosniff", url
    page.goto("/tools/hours/")
    meta = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
    assert meta == policy.replace("; frame-ancestors 'self'", "")


@pytest.mark.parametrize("tool", sorted(PAGES))
def test_every_tool_answers_under_the_policy(watched, tool):
    PAGES[tool](watched)
    if tool == "rollout":  # ECharts' tooltip is drawn on hover
        watched.hover(".ts-chart svg")
        watched.wait_for_selector(".ts-chart div[style*='position: absolute'], .ts-chart div[style*='z-index']",
                                  state="attached", timeout=ENGINE_TIMEOUT)
    watched.goto("/", wait_until="networkidle")
    assert not watched.problems, watched.problems


def test_a_request_to_another_origin_is_blocked(watched, base_url, access_log):
    """localhost is another origin served by this very nginx: without the policy each of these would reach it."""
    other = base_url.replace("127.0.0.1", "localhost")
    watched.goto("/tools/hours/#?profile=kaiyuan-2024&online=20&practice=30")
    watched.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    start = access_log.stat().st_size
    watched.evaluate("""(other) => {
      fetch(other + "/csp-probe/fetch", { mode: "no-cors" }).catch(() => {});
      const img = new Image(); img.src = other + "/csp-probe/image.png";
      const s = document.createElement("script"); s.src = other + "/csp-probe/script.js"; document.head.append(s);
    }""", other)
    watched.wait_for_selector("html[data-violations='3']", state="attached")
    seen = sorted(tuple(v) for v in watched.evaluate("window.__violations"))  # each twice: the meta's, the header's
    assert seen == [("connect-src", other + "/csp-probe/fetch"), ("img-src", other + "/csp-probe/image.png"),
                    ("script-src-elem", other + "/csp-probe/script.js")], seen
    # A request of the page's own after them is logged; none of theirs is, and none was answered.
    assert watched.evaluate("fetch('/csp-probe/own').then((r) => r.status)") == 404
    with access_log.open("rb") as fh:
        fh.seek(start)
        log = fh.read().decode("utf-8", "replace")
    assert "/csp-probe/own" in log and "/csp-probe/fetch" not in log and "image.png" not in log \
        and "script.js" not in log, log
    assert not [u for u in watched.answered if urlsplit(u).netloc == urlsplit(other).netloc]
