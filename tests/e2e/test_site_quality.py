"""Every page of the built site: accessible (axe), readable at phone width; the tools by keyboard alone; uploads of any
size or shape answered in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.pagestate import axe_serious, settle
from tests.helpers import SITE

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
SHOTS = Path(__file__).resolve().parent.parent.parent / "build" / "screenshots"


def site_pages() -> list[str]:
    pages = sorted(p.relative_to(SITE).parent.as_posix() for p in SITE.rglob("index.html")
                   if "assets" not in p.parts)
    return ["/" if p == "." else f"/{p}/" for p in pages]


PAGES = site_pages() if SITE.exists() else []
TOOL_URLS = {
    "/tools/hours/": "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30",
    "/tools/points/": "/tools/points/?profile=kaiyuan-2024&mode=teacher&selected=A1,A3,B2",
    "/tools/grade/": "/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80&showcase=88",
    "/tools/rollout/": "/tools/rollout/?mode=plan&years=2015,2016,2017&shares=30,35,35&groups=甲区:1200,乙区:800",
}


def test_the_site_has_all_its_pages():
    for url in ["/", *TOOL_URLS, "/tools/batch/", "/guide/compare/", "/profiles/kaiyuan-2024/", "/about/deploy/"]:
        assert url in PAGES, url


def axe_problems(page) -> list[str]:
    return axe_serious(page)


@pytest.mark.parametrize("url", PAGES)
def test_no_serious_accessibility_violation_on_any_page(page, url):
    page.goto(TOOL_URLS.get(url, url))
    if url in TOOL_URLS:
        page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)  # check the page with its answer
    problems = axe_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("url", [*TOOL_URLS.values(), "/tools/batch/", "/tools/grade-batch/", "/",
                                 "/guide/compare/", "/profiles/guangan-2014/", "/guide/catalog/"])
def test_phone_width_has_no_sideways_scroll(browser, base_url, url):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740}, device_scale_factor=2,
                              is_mobile=True, has_touch=True, locale="zh-CN", service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(url)
        if "?" in url:
            page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
        settle(page)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = url.split("?")[0].strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
        # wide tables may scroll inside their own box; the page itself must not
        assert width <= 360, f"{url}: page is {width}px wide on a 360px phone"
    finally:
        ctx.close()


def test_hours_tool_by_keyboard_alone(page):
    page.goto("/tools/hours/")
    page.wait_for_selector("#profile")
    page.focus("#profile")
    page.keyboard.press("Tab")  # the first hours field
    assert page.evaluate("document.activeElement.id") == "online"
    page.keyboard.type("x")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "practice"
    page.keyboard.type("30")
    page.keyboard.press("Enter")  # submit from the field
    page.wait_for_selector("#result[data-status='error']", timeout=ENGINE_TIMEOUT)
    page.wait_for_function("document.activeElement.classList.contains('ts-error-summary')")
    page.keyboard.press("Tab")  # the summary's link to the bad field
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#online"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'online'")
    page.keyboard.press("Control+A")
    page.keyboard.type("25")
    page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)


def test_a_50_mb_upload_is_refused_in_chinese_and_the_page_goes_on(page, tmp_path):
    big = tmp_path / "名单.csv"
    with big.open("wb") as fh:
        fh.write("姓名,线上学时,实践学时\n".encode())
        line = "某某老师,25,25\n".encode() * 4096
        while fh.tell() <= 50 * 1024 * 1024:
            fh.write(line)
    page.goto("/tools/batch/?profile=kaiyuan-2024")
    page.set_input_files("#file", str(big))
    page.wait_for_selector("#result[data-status='error']", timeout=ENGINE_TIMEOUT)
    assert "MB" in page.inner_text("#file-error")
    small = tmp_path / "小名单.csv"
    small.write_text("姓名,线上学时,实践学时\n张老师,25,25\n", encoding="utf-8")
    page.set_input_files("#file", str(small))
    page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)


def test_print_hides_navigation_and_keeps_the_result(page):
    page.goto(TOOL_URLS["/tools/hours/"])
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    page.emulate_media(media="print")
    assert page.is_visible("#result")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-sidebar--primary")
    assert "还差 5 学时线上研修" in page.inner_text("#result")


def test_the_site_honours_reduced_motion(browser, base_url):
    """Material fades the header title in when the page scrolls; a reader who asks for less motion gets none."""
    durations = {}
    for motion in ("no-preference", "reduce"):
        ctx = browser.new_context(base_url=base_url, reduced_motion=motion, locale="zh-CN", service_workers="block")
        try:
            page = ctx.new_page()
            page.goto("/guide/compare/")
            durations[motion] = page.evaluate(
                "getComputedStyle(document.querySelector('.md-header__topic')).transitionDuration")
        finally:
            ctx.close()
    assert any(float(d.rstrip("s")) > 0 for d in durations["no-preference"].split(",")), durations
    assert all(float(d.rstrip("s")) == 0 for d in durations["reduce"].split(",")), durations
