"""/tools/hours/ answers from the URL, keeps the URL in step, shows errors in Chinese, and cites its rules."""

from __future__ import annotations

import re

from tests.helpers import cases

ENGINE_TIMEOUT = 120_000  # ms: a cold Pyodide start on a loaded 2-core CI machine; not a speed assertion


def wait_result(page, status: str | None = None):
    selector = f"#result[data-status='{status}']" if status else "#result[data-status]"
    return page.wait_for_selector(selector, timeout=ENGINE_TIMEOUT)


def answer_of(page, url: str, status: str):
    """Open a tool page by its link and wait for its answer, which must have this status."""
    page.goto(url)
    return wait_result(page, status)


def test_url_query_gives_verdict_shortfall_and_citation(page):
    result = answer_of(page, "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30", "fail")
    assert result.get_attribute("role") == "status"
    text = result.inner_text()
    assert "还差 5 学时线上研修" in text
    assert "完成不少于25学时的线上研修任务" in text  # the quote of the rule that failed
    unmet = page.locator("#result li[data-rule='hours.online_min'].ts-finding--unmet")
    assert unmet.count() == 1
    assert page.input_value("#profile") == "kaiyuan-2024"


def test_typing_updates_result_and_url(page):
    page.goto("/tools/hours/?profile=kaiyuan-2024&online=20&practice=30")
    wait_result(page, "fail")
    page.fill("#online", "25")
    wait_result(page, "pass")
    assert re.search(r"[?&]online=25(&|$)", page.url)
    page.select_option("#profile", "national-2019")
    page.fill("#practice", "20")
    wait_result(page, "fail")
    assert "profile=national-2019" in page.url and "practice=20" in page.url


def test_bad_input_shows_chinese_errors_beside_fields_and_in_summary(page):
    page.goto("/tools/hours/?profile=national-2019&online=abc&practice=-3")
    wait_result(page, "error")
    assert page.is_visible("#online-error") and "必须是数字" in page.inner_text("#online-error")
    assert page.is_visible("#practice-error") and "不能小于" in page.inner_text("#practice-error")
    summary = page.locator(".ts-error-summary")
    assert summary.is_visible()
    assert summary.locator("a[href='#online']").count() == 1
    assert page.title().startswith("错误：")
    page.fill("#online", "30")
    page.fill("#practice", "30")
    wait_result(page, "pass")
    assert not summary.is_visible() and not page.title().startswith("错误：")


def test_submit_moves_focus_to_error_summary(page):
    page.goto("/tools/hours/?profile=national-2019&online=x&practice=1")
    wait_result(page, "error")
    page.click("button[type=submit]")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('ts-error-summary')")


def test_browser_answers_like_cpython(page):
    """The same worked examples, through the browser: verdicts must match the CPython run."""
    for case in [c for c in cases("hours") if c["expect"].get("ok", True)][:4]:
        q = "&".join(f"{k}={v}" for k, v in case["input"].items())
        page.goto(f"/tools/hours/?profile={case['profile']}&{q}")
        result = wait_result(page)
        assert result.get_attribute("data-status") == case["expect"]["status"], case["id"]


def test_ratio_reading_is_the_users_choice(page):
    """More online hours never fail the 50% practice rule by default; the other reading can be chosen and shared."""
    page.goto("/tools/hours/?profile=national-2019&online=60&practice=25")
    wait_result(page, "pass")
    assert "ratio_base" not in page.url  # the default reading is not written into the link
    assert "按要求的总学时计" in page.inner_text("#result")
    page.select_option("#ratio_base", "actual")
    wait_result(page, "fail")
    assert "ratio_base=actual" in page.url
    assert "再完成 35 学时实践应用" in page.inner_text("#result")
    page.goto("/tools/hours/?profile=national-2019&online=60&practice=25&ratio_base=actual")
    wait_result(page, "fail")
    assert page.input_value("#ratio_base") == "actual"


def test_training_records_by_date_from_the_url_and_the_table(page):
    """Records outside the period are listed and left out; the table and the link stay in step."""
    url = ("/tools/hours/?profile=kaiyuan-2024&as_of=2024-06-30"
           "&records=2024-03-01:online:20,2024-04-01:practice:30,2024-08-01:online:10")
    page.goto(url)
    result = wait_result(page, "fail")
    text = result.inner_text()
    assert "还差 5 学时线上研修" in text  # the August record is after the deadline and does not count
    assert "2024-08-01" in text and "不计入" in text
    assert page.locator(".ts-records-table tbody tr").count() == 3
    assert page.is_visible("#record-3-hours")  # the section opens when the link has records
    page.click("[data-add-record]")
    page.fill("#record-4-date", "2024-05-01")
    page.fill("#record-4-hours", "5")
    wait_result(page, "pass")
    assert "2024-05-01%3Aonline%3A5" in page.url or "2024-05-01:online:5" in page.url
    page.click("button[aria-label='删除第 4 条记录']")
    wait_result(page, "fail")


def test_an_edit_withdraws_the_old_verdict_until_the_new_one_is_shown(page):
    """Nothing (a reader, a test, a script) may take the previous answer for the new input."""
    page.goto("/tools/hours/?profile=kaiyuan-2024&online=20&practice=30")
    wait_result(page, "fail")
    assert page.get_attribute("#result", "aria-busy") is None
    state = page.evaluate("""() => {
        const box = document.querySelector("#online");
        box.value = "25";
        box.dispatchEvent(new Event("input", { bubbles: true }));
        const r = document.querySelector("#result");
        return [r.getAttribute("data-status"), r.getAttribute("aria-busy")];
    }""")
    assert state == [None, "true"]
    wait_result(page, "pass")
    assert page.get_attribute("#result", "aria-busy") is None


def test_a_reading_is_chosen_on_the_page_and_carried_in_the_link(page):
    """梨树: the January record counts only under the other deadline reading; the choice is in the URL."""
    records = "records=2021-11-01:online:25,2022-01-15:practice:25"
    page.goto(f"/tools/hours/?profile=lishu-school-2022&{records}")
    wait_result(page, "fail")
    assert "结论不同" in page.inner_text("#result")
    assert page.is_visible("#reading")
    assert page.locator("#reading option[data-profile='lishu-school-2022']").count() == 1
    page.select_option("#reading", "phase-end")
    wait_result(page, "pass")
    assert "reading=phase-end" in page.url
    assert "你选择的读法" in page.inner_text("#result")
    page.goto(f"/tools/hours/?profile=lishu-school-2022&reading=phase-end&{records}")
    wait_result(page, "pass")
    page.select_option("#profile", "kaiyuan-2024")  # 开原 has no such reading: the choice is dropped, not sent
    wait_result(page)
    assert "reading=" not in page.url
    assert page.locator("#reading option[value='phase-end']:enabled").count() == 0  # only 开原's own readings are offered
    assert "你选择的读法" not in page.inner_text("#result")
