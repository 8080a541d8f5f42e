""""填写的内容不会发送到任何服务器", proved: distinctive values typed, pasted or uploaded into every tool appear in no
request the browser makes (URL, any header, body) and in no line of nginx's access log. The tools keep the form in
the address, so without the referrer policy every later request (favicon, ECharts, the worker's files) carried it
as Referer."""

from __future__ import annotations

from urllib.parse import unquote, unquote_plus

import pytest

from tests.e2e.test_hours_page import ENGINE_TIMEOUT

UPLOAD_NAME = "隐私名单Q7X"


class Wire:
    """Every request of a page: its URL, all its headers and its body."""

    def __init__(self):
        self.seen: list[str] = []

    def __call__(self, request) -> None:
        headers = request.all_headers()
        body = request.post_data_buffer or b""
        self.seen.append("\n".join([request.url, *(f"{k}: {v}" for k, v in headers.items()),
                                    body.decode("utf-8", "replace")]))


def _forms(token: str) -> set[str]:
    from urllib.parse import quote, quote_plus

    return {token, quote(token), quote_plus(token), quote(token, safe="")}


def leaks(texts: list[str], tokens: list[str]) -> list[str]:
    found = []
    for text in texts:
        variants = {text, unquote(text), unquote_plus(text)}
        for token in tokens:
            if any(form in v for form in _forms(token) for v in variants):
                found.append(f"{token!r} in {text[:300]!r}")
    return found


@pytest.fixture
def wire(page):
    w = Wire()
    page.on("request", w)
    return w


def settle(page, status_selector: str = "#result[data-status]"):
    """The answer is shown; what loads after it (ECharts, the chart) each caller waits for by its element."""
    page.wait_for_selector(status_selector, timeout=ENGINE_TIMEOUT)


def typed_into_every_tool(page) -> list[str]:
    """Types, pastes and uploads distinctive values into each tool; returns them."""
    tokens: list[str] = []
    page.goto("/tools/hours/?profile=kaiyuan-2024")
    page.fill("#online", "12.3457")
    page.fill("#practice", "45.6789")
    page.wait_for_function("location.search.includes('45.6789')")
    settle(page, "#result[data-status='fail']")
    tokens += ["12.3457", "45.6789"]

    page.goto("/tools/grade/?profile=xx-school-2022")
    for field, value in (("centralized", "87.6543"), ("online", "76.5432"), ("school_activities", "65.4321"),
                         ("showcase", "54.3219")):
        page.fill(f"#{field}", value)
    page.wait_for_function("location.search.includes('54.3219')")
    settle(page, "#result[data-status='pass'], #result[data-status='fail']")
    tokens += ["87.6543", "76.5432", "65.4321", "54.3219"]

    page.goto("/tools/points/?profile=ruzhou-zhanglou-2021&mode=teacher&selected=A3,A5")
    page.fill("#age", "53")
    page.wait_for_function("location.search.includes('age=53')")
    settle(page)
    page.goto("/tools/points/?profile=ruzhou-zhanglou-2021&mode=school")  # the school's name is asked in school mode
    page.fill("#school", "隐私小学Q7X")
    page.wait_for_function("location.search.includes('school=')")
    settle(page)
    tokens += ["隐私小学Q7X", "age=53"]

    page.goto("/tools/rollout/?mode=plan&years=2015,2016,2017&shares=30,35,35")
    page.fill("#g-0-name", "隐私甲区Q7X")
    page.fill("#g-0-teachers", "7919")
    page.wait_for_function("decodeURIComponent(location.search).includes('隐私甲区Q7X')")
    settle(page, "#result[data-status='ok'], #result[data-status='pass'], #result[data-status='fail']")
    page.wait_for_selector(".ts-chart svg, #result svg", timeout=ENGINE_TIMEOUT)  # ECharts is fetched after this
    tokens += ["隐私甲区Q7X", "7919"]

    csv = "姓名,学校,线上学时,实践学时\n隐私老师Q7X,隐私学校Q7X,23.4567,25\n".encode()
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.set_input_files("#file", files=[{"name": UPLOAD_NAME + ".csv", "mimeType": "text/csv", "buffer": csv}])
    settle(page)
    page.wait_for_selector(".ts-chart svg", timeout=ENGINE_TIMEOUT)
    tokens += ["隐私老师Q7X", "隐私学校Q7X", "23.4567", UPLOAD_NAME]

    grade = "姓名,学校,学校集中培训,线上自主学习,校本研修活动,成果打磨展示\n隐私老师Z8Y,一小,91.2345,85,80,88\n".encode()
    page.goto("/tools/grade-batch/?profile=xx-school-2022")
    page.set_input_files("#file", files=[{"name": "隐私成绩Z8Y.csv", "mimeType": "text/csv", "buffer": grade}])
    settle(page)
    page.wait_for_selector(".ts-chart svg", timeout=ENGINE_TIMEOUT)
    tokens += ["隐私老师Z8Y", "91.2345", "隐私成绩Z8Y"]
    return tokens


def test_nothing_typed_reaches_the_server(page, wire, access_log):
    start = access_log.stat().st_size if access_log.exists() else 0
    tokens = typed_into_every_tool(page)
    page.goto("/", wait_until="networkidle")  # leaving a tool page: the last chance for a Referer
    assert len(wire.seen) > 50  # the pages, their scripts, the worker's files: the probe did see traffic
    assert not leaks(wire.seen, tokens), leaks(wire.seen, tokens)[:5]
    with access_log.open("rb") as fh:
        fh.seek(start)
        lines = fh.read().decode("utf-8", "replace").splitlines()
    assert any("/tools/grade-batch/" in line for line in lines)  # this test's own requests are in the log
    assert not leaks(lines, tokens), leaks(lines, tokens)[:5]


def test_every_page_and_response_says_no_referrer(page, base_url):
    for url in ("/", "/tools/hours/", "/tools/batch/", "/tools/rollout/", "/no-such-page/"):
        response = page.goto(url)
        assert response.headers.get("referrer-policy") == "no-referrer", url
        assert page.locator("meta[name=referrer][content=no-referrer]").count() == 1, url


def test_typing_does_not_refetch_the_favicon(page, context):
    page.goto("/tools/hours/?profile=kaiyuan-2024")
    settle(page, "#result:not([data-status]) .ts-idle")
    before = sum(1 for u in context.recorder.urls if "favicon" in u)
    for value in ("1", "12", "12.5", "20", "25"):
        page.fill("#online", value)
        page.fill("#practice", value)
        page.wait_for_function(f"location.search.includes('practice={value}')")
    settle(page)
    assert sum(1 for u in context.recorder.urls if "favicon" in u) == before
