"""Sharing a result as teachers do (WeChat hides the address bar): every tool has 复制链接 with a visible
已复制, and a QR code of the link drawn on the page; the QR code decodes to the page's own address. While the
result is below the window, its first sentence stays in view at desktop and phone sizes."""

from __future__ import annotations

import numpy
import pytest
import zxingcpp

from tests.e2e.pagestate import settle

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
TOOLS = {
    "hours": "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30",
    "points": "/tools/points/?profile=kaiyuan-2024&mode=teacher&selected=A1,A5",
    "grade": "/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80&showcase=88",
    "rollout": "/tools/rollout/?mode=plan&years=2015,2016,2017&shares=30,35,35&groups=甲区:1200,乙区:800",
    "batch": "/tools/batch/?profile=kaiyuan-2024",
    "grade-batch": "/tools/grade-batch/?profile=xx-school-2022",
}
PIXELS = """(sel) => {
  const c = document.querySelector(sel);
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const grey = [];
  for (let i = 0; i < d.length; i += 4) grey.push(d[i]);
  return { w: c.width, h: c.height, grey };
}"""


def decode_qr(page) -> str:
    px = page.evaluate(PIXELS, ".ts-qr canvas")
    image = numpy.array(px["grey"], dtype=numpy.uint8).reshape(px["h"], px["w"])
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "the QR code on the page does not decode"
    return found[0].text


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_copies_its_link_and_shows_it_as_a_qr_code(page, context, tool):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(TOOLS[tool])
    if "batch" not in tool:
        page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    bar = page.locator(".ts-actions")
    assert bar.get_attribute("aria-label") == "分享结果"
    assert bar.locator("button").all_inner_texts() == ["复制链接", "显示二维码"]
    bar.locator("[data-action=copy]").click()
    status = bar.locator(".ts-action-status")
    status.wait_for(state="visible")
    assert status.inner_text().startswith("已复制")
    href = page.evaluate("location.href")
    assert page.evaluate("navigator.clipboard.readText()") == href

    bar.locator("[data-action=qr]").click()
    assert bar.locator("[data-action=qr]").get_attribute("aria-expanded") == "true"
    page.wait_for_selector(".ts-qr[data-drawn=qr] canvas", timeout=ENGINE_TIMEOUT)
    assert decode_qr(page) == href


def test_the_qr_code_follows_the_form_and_the_copied_note_is_withdrawn(page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(TOOLS["hours"])
    page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
    page.click("[data-action=copy]")
    page.wait_for_selector(".ts-action-status--done")
    page.click("[data-action=qr]")
    page.wait_for_selector(".ts-qr[data-drawn=qr]", timeout=ENGINE_TIMEOUT)
    page.fill("#online", "25")
    assert page.inner_text(".ts-action-status") == ""  # 已复制 was about the old link
    page.wait_for_function("document.querySelector('.ts-qr').getAttribute('data-href') === location.href"
                           " && document.querySelector('.ts-qr').getAttribute('data-drawn') === 'qr'")
    assert "online=25" in decode_qr(page)
    page.click("[data-action=qr]")
    assert page.is_hidden(".ts-qr")


@pytest.mark.parametrize("tool", ["hours", "points", "grade"])
def test_the_print_button_prints_once_and_sharing_is_not_printed(page, tool):
    page.goto(TOOLS[tool])
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click("#result [data-print-result]")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.is_visible("#result .ts-print-date") and not page.is_visible(".ts-actions")


@pytest.mark.parametrize("size", [(1366, 860), (375, 740)])
def test_the_verdict_stays_in_view_while_typing(browser, base_url, size):
    ctx = browser.new_context(base_url=base_url, viewport={"width": size[0], "height": size[1]}, locale="zh-CN",
                              service_workers="block", is_mobile=size[0] < 500, has_touch=size[0] < 500)
    try:
        page = ctx.new_page()
        page.goto(TOOLS["hours"])
        page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
        page.locator("#online").scroll_into_view_if_needed()
        page.fill("#online", "25")
        page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)
        settle(page)
        top = page.evaluate("document.querySelector('#result').getBoundingClientRect().top")
        assert top > size[1], "this check needs the result below the window"
        live = page.locator(".ts-live")
        assert live.is_visible()
        box = live.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= size[1] + 1
        assert live.get_attribute("data-status") == "pass"
        headline = page.inner_text("#result .ts-headline")
        assert headline and headline.split("。")[0] in live.inner_text()  # the answer, briefly
        field = page.locator("#online").bounding_box()
        assert field["y"] + field["height"] <= box["y"], "the bar covers the field being typed in"
        page.click(".ts-live-link")
        settle(page)
        assert page.is_hidden(".ts-live")  # the result itself is in view now
    finally:
        ctx.close()
