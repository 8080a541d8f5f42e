""""填写的内容不会发送到任何服务器", proved on every tool page and on two servers: nginx with the shipped config, and
a server that adds no header at all (as IIS, Apache or `python -m http.server` come). Distinctive values are
typed, pasted and uploaded into each tool; the page is reloaded and its link opened as a colleague would open it;
none of the values appears in any request the browser makes (URL, every header, body) or in the server's log.

The tools keep the form after "#" in the address, which browsers never send; the referrer policy stands first in
every page's <head>, so no request carries the address as Referer even where the server does not forbid it."""

from __future__ import annotations

import io
from urllib.parse import quote, quote_plus, unquote, unquote_plus, urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import NGINX, _free_port
from tests.e2e.test_hours_page import ENGINE_TIMEOUT
from tests.helpers import SITE

import serve  # noqa: E402  (scripts/)

ANSWER = "#result[data-status]"


class Wire:
    """Every request of a context: its URL, all its headers and its body."""

    def __init__(self):
        self.seen: list[str] = []

    def __call__(self, request) -> None:
        headers = request.all_headers()
        body = request.post_data_buffer or b""
        self.seen.append("\n".join([request.url, *(f"{k}: {v}" for k, v in headers.items()),
                                    body.decode("utf-8", "replace")]))


def leaks(texts: list[str], tokens: list[str]) -> list[str]:
    found = []
    for text in texts:
        variants = {text, unquote(text), unquote_plus(text)}
        for token in tokens:
            forms = {token, quote(token), quote_plus(token), quote(token, safe="")}
            if any(form in v for form in forms for v in variants):
                found.append(f"{token!r} in {text[:300]!r}")
    return found


@pytest.fixture(scope="module", params=["nginx", "no-headers"])
def server(request, base_url, tmp_path_factory):
    """(origin, access log): nginx as shipped, or Python's server sending no header of the site's own."""
    if request.param == "nginx":
        yield base_url, NGINX["access_log"]
        return
    log = tmp_path_factory.mktemp("bare") / "access.log"
    log.touch()
    port = _free_port()
    httpd = serve.start_python(SITE, "127.0.0.1", port, bare=True, log=log)
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def tab(browser, server):
    """A page on the chosen server whose context records every request; JavaScript errors fail the test."""
    origin, _ = server
    ctx = browser.new_context(base_url=origin, locale="zh-CN", service_workers="block", accept_downloads=True)
    wire = Wire()
    ctx.on("request", wire)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.wire = wire
    yield page
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def again(page, answer: str = ANSWER) -> None:
    """Reload (F5), then open the page's own link in a new tab, as a colleague opens a copied link: each comes back
    to the same answer from what stands after "#"."""
    href = page.evaluate("location.href")
    assert "?" not in href.split("#")[0], f"answers in the query: {href}"
    page.reload()
    page.wait_for_selector(answer, timeout=ENGINE_TIMEOUT)
    other = page.context.new_page()
    other.goto(href)
    other.wait_for_selector(answer, timeout=ENGINE_TIMEOUT)
    other.close()


def in_link(page, text: str) -> None:
    # the address as Playwright follows it, not a predicate polled in the page (the site's policy forbids eval)
    page.wait_for_url(lambda url: text in unquote(urlsplit(url).fragment), wait_until="commit")


def typed(page, url: str, fields: dict[str, str], answer: str = ANSWER, seen: str = "") -> list[str]:
    """Open a tool, type into its fields, wait until the link holds the last value (or `seen`) and the answer is
    shown, then reload and reopen the link; returns the values typed."""
    page.goto(url)
    for field, value in fields.items():
        page.fill(field, value)
    in_link(page, seen or value)
    page.wait_for_selector(answer, timeout=ENGINE_TIMEOUT)
    again(page, answer)
    return list(fields.values())


def hours(page) -> list[str]:  # an old link's query: moved behind "#" on arrival
    return typed(page, "/tools/hours/?profile=kaiyuan-2024", {"#online": "12.3457", "#practice": "45.6789"},
                 "#result[data-status='fail']")


def grade(page) -> list[str]:
    return typed(page, "/tools/grade/#?profile=xx-school-2022",
                 {"#centralized": "87.6543", "#online": "76.5432", "#school_activities": "65.4321",
                  "#showcase": "54.3219"})


def points(page) -> list[str]:  # the school's name is asked in school mode, the age in teacher mode
    typed(page, "/tools/points/#?profile=ruzhou-zhanglou-2021&mode=teacher&selected=A3,A5", {"#age": "53"},
          seen="age=53")
    return typed(page, "/tools/points/?profile=ruzhou-zhanglou-2021&mode=school", {"#school": "隐私小学Q7X"}) + ["age=53"]


def rollout(page) -> list[str]:
    page.goto("/tools/rollout/#?mode=plan&years=2015,2016,2017&shares=30,35,35")
    page.fill("#g-0-name", "隐私甲区Q7X")
    page.fill("#g-0-teachers", "7919")
    in_link(page, "隐私甲区Q7X")
    page.wait_for_selector(ANSWER, timeout=ENGINE_TIMEOUT)
    page.wait_for_selector(".ts-chart svg, #result svg", timeout=ENGINE_TIMEOUT)  # ECharts is fetched after this
    again(page)
    return ["隐私甲区Q7X", "7919"]


def evidence(page) -> list[str]:
    return typed(page, "/tools/evidence/#?profile=kaiyuan-2024", {"#online": "21.2345", "#practice": "30.5432"})


def me(page) -> list[str]:
    return typed(page, "/tools/me/?profile=kaiyuan-2024", {"#online": "31.7123", "#practice": "27.3456"})


def batch(page) -> list[str]:
    csv = "姓名,学校,线上学时,实践学时\n隐私老师Q7X,隐私学校Q7X,23.4567,25\n".encode()
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.set_input_files("#file", files=[{"name": "隐私名单Q7X.csv", "mimeType": "text/csv", "buffer": csv}])
    page.wait_for_selector(ANSWER, timeout=ENGINE_TIMEOUT)
    page.wait_for_selector(".ts-chart svg", timeout=ENGINE_TIMEOUT)
    with page.expect_download():
        page.click("[data-export=xlsx]")
    page.reload()
    page.wait_for_selector("html[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    return ["隐私老师Q7X", "隐私学校Q7X", "23.4567", "隐私名单Q7X"]


def grade_batch(page) -> list[str]:
    body = "姓名,学校,教师互评,考核领导评价\n隐私老师Z8Y,一小,91.2345,85\n".encode()
    page.goto("/tools/grade-batch/#?profile=school-assessment-2022")
    page.fill("#w_peer", "37")
    page.fill("#w_leader", "63")
    page.dispatch_event("#w_leader", "change")  # a staff-list page's settings apply when the field is left
    in_link(page, "w_leader=63")
    page.set_input_files("#file", files=[{"name": "隐私成绩Z8Y.csv", "mimeType": "text/csv", "buffer": body}])
    page.wait_for_selector(ANSWER, timeout=ENGINE_TIMEOUT)
    page.wait_for_selector(".ts-chart svg", timeout=ENGINE_TIMEOUT)
    page.reload()
    page.wait_for_selector("html[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    assert page.input_value("#w_peer") == "37"  # the settings come back from after "#"
    return ["隐私老师Z8Y", "91.2345", "隐私成绩Z8Y", "w_peer=37"]


def evidence_batch(page) -> list[str]:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "学校", "学科", "已完成学时", "证据包个数"])
    book.active.append(["隐私老师W5V", "隐私学校W5V", "语文", 50.4321, 2])
    buf = io.BytesIO()
    book.save(buf)
    page.goto("/tools/evidence-batch/?profile=ruzhou-zhanglou-2021")
    page.set_input_files("#file", files=[{"name": "隐私材料W5V.xlsx", "buffer": buf.getvalue(),
                                          "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.wait_for_selector(ANSWER, timeout=ENGINE_TIMEOUT)
    page.reload()
    page.wait_for_selector("html[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    return ["隐私老师W5V", "隐私学校W5V", "50.4321", "隐私材料W5V"]


def rules(page) -> list[str]:
    page.goto("/tools/rules/")
    page.fill("#title", "隐私校规R4T")
    page.fill("#hours-total_min", "61.2345")
    page.click("[data-rules-link]")  # a link to share: the file rides after "#"
    page.wait_for_selector("[data-fits]", timeout=ENGINE_TIMEOUT)
    href = page.get_attribute("[data-fits] a", "href")
    assert href and "#" in href and "?" not in href.split("#")[0]
    page.reload()
    other = page.context.new_page()
    other.goto(href)
    expect(other.locator("#title")).to_have_value("隐私校规R4T", timeout=ENGINE_TIMEOUT)
    other.close()
    return ["隐私校规R4T", "61.2345"]


PAGES = {"hours": hours, "grade": grade, "points": points, "rollout": rollout, "evidence": evidence, "me": me,
         "batch": batch, "grade-batch": grade_batch, "evidence-batch": evidence_batch, "rules": rules}


def test_every_tool_page_is_covered():
    assert sorted(PAGES) == sorted(p.name for p in (SITE / "tools").iterdir() if (p / "index.html").exists())


@pytest.mark.parametrize("tool", sorted(PAGES))
def test_nothing_typed_reaches_the_server(tab, server, tool):
    _, log = server
    start = log.stat().st_size if log.exists() else 0
    tokens = PAGES[tool](tab)
    tab.goto("/", wait_until="networkidle")  # leaving a tool page: the last chance for a Referer
    assert len(tab.wire.seen) > 5  # the pages, their scripts, the worker's files: the probe did see traffic
    assert not leaks(tab.wire.seen, tokens), leaks(tab.wire.seen, tokens)[:5]
    with log.open("rb") as fh:
        fh.seek(start)
        lines = fh.read().decode("utf-8", "replace").splitlines()
    assert any(f"/tools/{tool}/" in line for line in lines), "this test's own requests are in the log"
    assert not leaks(lines, tokens), leaks(lines, tokens)[:5]


def test_every_page_and_response_says_no_referrer(page, base_url):
    for url in ("/", "/tools/hours/", "/tools/batch/", "/tools/rollout/", "/no-such-page/"):
        response = page.goto(url)
        assert response.headers.get("referrer-policy") == "no-referrer", url
        assert page.locator("meta[name=referrer][content=no-referrer]").count() == 1, url


def test_the_fallback_server_sends_the_headers_nginx_sends(page, base_url, tmp_path):
    """What `make serve` runs without nginx promises what nginx promises: the same security headers on every
    response, the site's own Chinese error page for a missing address."""
    port = _free_port()
    httpd = serve.start_python(SITE, "127.0.0.1", port)
    try:
        wanted = serve.security_headers()
        assert ("Referrer-Policy", "no-referrer") in wanted
        for url in ("/", "/tools/hours/", "/no-such-page/"):
            ours = page.request.get(f"http://127.0.0.1:{port}{url}")
            theirs = page.request.get(f"{base_url}{url}")
            assert ours.status == theirs.status, url
            for name, value in wanted:
                assert ours.headers.get(name.lower()) == value == theirs.headers.get(name.lower()), (url, name)
        assert "找不到这个页面" in page.request.get(f"http://127.0.0.1:{port}/no-such-page/").text()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_typing_does_not_refetch_the_favicon(page, context):
    page.goto("/tools/hours/#?profile=kaiyuan-2024")
    page.wait_for_selector("#result:not([data-status]) .ts-idle", timeout=ENGINE_TIMEOUT)
    before = sum(1 for u in context.recorder.urls if "favicon" in u)
    for value in ("1", "12", "12.5", "20", "25"):
        page.fill("#online", value)
        page.fill("#practice", value)
        page.wait_for_function(f"location.hash.includes('practice={value}')")
    page.wait_for_selector(ANSWER, timeout=ENGINE_TIMEOUT)
    assert sum(1 for u in context.recorder.urls if "favicon" in u) == before


def test_a_shared_old_link_moves_its_answers_behind_the_hash(page):
    """Links shared before the answers moved behind "#" still open, and their answers leave the query at once, so
    a reload does not send them again."""
    page.goto("/tools/hours/?profile=kaiyuan-2024&online=20&practice=28")
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    assert page.evaluate("location.search") == ""
    assert "online=20" in page.evaluate("location.hash") and page.input_value("#online") == "20"
