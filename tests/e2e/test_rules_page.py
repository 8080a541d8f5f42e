"""/tools/rules/ (录入本地文件): a school's own plan typed into the form, then used by every tool; its file round-trips
byte for byte through import; the CLI gives the same verdicts for the exported file; every invalid entry gets a
Chinese message beside its field and nothing typed is lost; a link carries a small file and says when it cannot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_grade_page import cells
from tests.helpers import ROOT
from tests.local_profile import GRADE, HOURS_FAIL, HOURS_PASS, POINTS_FAIL, POINTS_PASS, ROLLOUT, SAMPLE

ENGINE_TIMEOUT = 120_000  # ms: a cold Pyodide start on a loaded 2-core machine; not a speed assertion
MARK = "用户录入，未经本站核对"
# The page's own module keeps a document for this tab, as "在各工具中使用" does (local-profile.js, beside the page's).
KEEP_FOR_THIS_TAB = """async (p) => (await import(new URL("local-profile.js",
  document.querySelector("script[type=module][src*='/assets/tisheng/']").src))).put(p, false)"""


def wait_result(page, status: str):
    return page.wait_for_selector(f"#result[data-status='{status}']", timeout=ENGINE_TIMEOUT)


def _rule(page, base: str, value: str | None, rule: dict) -> None:
    if value is not None:
        page.fill(f"#{base}", value)
    src = rule.get("source") or {}
    if src.get("quote"):
        page.fill(f"#{base}-quote", src["quote"])
    if src.get("section"):
        page.fill(f"#{base}-section", src["section"])


def _rows(page, base: str, rows: list[list[str]]) -> None:
    for i, row in enumerate(rows):
        if page.locator(f"table.ts-{base}-table tbody tr").count() <= i:
            page.locator(f".ts-rule:has(#{base}) [data-add-row]").click()
        cells = page.locator(f"table.ts-{base}-table tbody tr").nth(i).locator("input[data-cell]")
        for j, text in enumerate(row):
            cells.nth(j).fill(text)


def fill_sample(page) -> None:
    """SAMPLE (tests/local_profile.py) typed in as a 师训专干 would, in percent where the page asks for percent."""
    s = SAMPLE
    for key in ("title", "issuer", "doc_no"):
        page.fill(f"#{key}", s[key])
    page.fill("#date", s["date"])
    page.select_option("#level", s["level"])
    page.select_option("#extends", s["extends"])
    for key, rule in s["hours"].items():
        _rule(page, f"hours-{key}", str(rule["value"]), rule)
    for key, rule in s["points"].items():
        v = rule["value"]
        _rule(page, f"points-{key}", ",".join(v) if isinstance(v, list) else str(v), rule)
    comps = s["grading"]["components"]
    _rows(page, "grading-components", [[c["label"], f"{c['weight'] * 100:g}"] for c in comps["value"]])
    _rule(page, "grading-components", None, comps)
    for i, band in enumerate(s["grading"]["bands"]["value"]):
        for end in ("min", "max"):
            if band[end] is not None:
                page.fill(f"#grading-bands-{i}-{end}", str(band[end]))
                page.select_option(f"#grading-bands-{i}-{end}_inclusive", "true" if band[f"{end}_inclusive"] else "false")
    _rule(page, "grading-bands", None, s["grading"]["bands"])
    shares = s["rollout"]["shares"]
    _rows(page, "rollout-shares", [[y, f"{v * 100:g}"] for y, v in shares["value"].items()])
    _rule(page, "rollout-shares", None, shares)


def _export(page) -> bytes:
    with page.expect_download() as info:
        page.click("[data-rules-export]")
    download = info.value
    assert download.suggested_filename == SAMPLE["title"] + ".yaml"
    return Path(download.path()).read_bytes()


def test_a_profile_built_in_the_form_is_used_by_every_tool(page, tmp_path):
    page.goto("/tools/rules/")
    fill_sample(page)
    result = wait_result(page, "pass")
    text = result.inner_text()
    assert "这份文件可以使用" in text and "比上级文件更严" in text
    assert "总学时：本地文件规定至少 60 学时，比上级文件更严（《开原市（2024）》规定至少 50 学时）。" in text
    # an empty rule says where it comes from
    assert "不填则沿用《开原市（2024）》：至少 25 学时" in page.inner_text("#hours-practice_min-inherit")
    # the form reproduces the file the engine writes for SAMPLE, byte for byte
    data = _export(page)
    from tisheng.profiles import local
    assert data.decode("utf-8") == local.export(SAMPLE)
    (tmp_path / "本校方案.yaml").write_bytes(data)

    page.click("[data-rules-use]")
    assert "本地文件：" + SAMPLE["title"] in page.inner_text("#rules-status")

    label = "本地文件：" + SAMPLE["title"]
    page.goto("/tools/hours/?profile=local&online={online}&practice={practice}".format(**HOURS_PASS))
    res = wait_result(page, "pass")
    assert page.locator("#profile option[value=local]").inner_text() == label
    assert MARK in res.inner_text() and "每位教师完成不少于60学时" in res.inner_text()
    assert "比上级文件更严" in res.inner_text()
    page.fill("#online", HOURS_FAIL["online"])
    assert "还差 5 学时" in wait_result(page, "fail").inner_text()

    page.goto("/tools/points/?profile=local&mode=teacher&selected=" + ",".join(POINTS_PASS))
    assert MARK in wait_result(page, "pass").inner_text()
    page.goto("/tools/points/?profile=local&mode=teacher&selected=" + ",".join(POINTS_FAIL))
    wait_result(page, "fail")

    page.goto("/tools/grade/?profile=local&" + "&".join(f"{k}={v}" for k, v in GRADE.items()))
    res = wait_result(page, "pass")
    assert "85.5" in res.inner_text() and "优秀" in res.inner_text() and MARK in res.inner_text()

    page.goto("/tools/rollout/?profile=local&groups=" + ",".join(f"{n}:{t}" for n, t in ROLLOUT))
    res = wait_result(page, "pass")
    assert "30%、30%、40%" in res.inner_text() and MARK in res.inner_text()

    # the command line reads the exported file and agrees with the browser
    roster = "姓名,学校,学科,线上学时,实践学时\n甲,一小,语文,{},{}\n乙,一小,数学,{},{}\n".format(
        HOURS_PASS["online"], HOURS_PASS["practice"], HOURS_FAIL["online"], HOURS_FAIL["practice"])
    (tmp_path / "名单.csv").write_text(roster, encoding="utf-8")
    cli = [sys.executable, "-m", "tisheng"]
    env = {"PYTHONPATH": str(ROOT / "site_src"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([*cli, "batch", "名单.csv", "--profile-file", "本校方案.yaml", "--out", "报告.csv"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 1 and "达标 1，未达标 1" in proc.stdout, proc.stderr
    report = (tmp_path / "报告.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[7] for line in report[1:]] == ["达标", "未达标"]
    grade = subprocess.run([*cli, "eval", "--profile-file", "本校方案.yaml"], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=60, input=json.dumps({"tool": "grade", "input": {"components": GRADE}}))
    assert grade.returncode == 0 and json.loads(grade.stdout)["band"] == "excellent"


def test_the_exported_file_round_trips_byte_for_byte_through_import(browser, base_url, tmp_path):
    from tisheng.profiles import local
    path = tmp_path / "本校方案.yaml"
    path.write_text(local.export(SAMPLE), encoding="utf-8")
    context = browser.new_context(base_url=base_url, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto("/tools/rules/")
        wait_result(page, "error")  # an empty form: the title and the parent are asked for
        page.set_input_files("#rules-file", str(path))
        wait_result(page, "pass")
        assert page.input_value("#title") == SAMPLE["title"] and page.input_value("#hours-total_min") == "60"
        assert "已导入" in page.inner_text("#rules-origin")
        assert _export(page) == path.read_bytes()
    finally:
        context.close()


def _message(page, field: str) -> str:
    box = page.locator(f"#{field}-error")
    box.wait_for(state="visible", timeout=ENGINE_TIMEOUT)
    return box.inner_text()


def test_every_invalid_entry_gets_a_chinese_message_beside_its_field_and_nothing_is_lost(page, tmp_path):
    page.goto("/tools/rules/")
    fill_sample(page)
    wait_result(page, "pass")
    page.locator("table.ts-grading-components-table tbody tr").nth(0).locator("input[data-cell]").nth(1).fill("25")
    wait_result(page, "error")
    assert "权重之和必须为 100%，现在是 105%" in _message(page, "grading-components")
    page.fill("#grading-bands-1-min", "65")
    assert "空档：60 到 65 分" in _message(page, "grading-bands")
    page.fill("#hours-period_start", "2024-09-01")
    assert "早于起始日期" in _message(page, "hours-deadline")
    page.fill("#hours-total_min-quote", "每位教师" * 60)
    assert "超过 200 个字的上限" in _message(page, "hours-total_min-quote")
    page.fill("#hours-online_min", "三十")
    assert "必须是数字" in _message(page, "hours-online_min")
    summary = page.locator(".ts-error-summary")
    assert not summary.is_visible()  # while she types, the messages stand beside the fields only
    page.click("button[type=submit]")
    summary.wait_for(state="visible")
    assert summary.locator("a").count() >= 5
    page.wait_for_function("document.activeElement.classList.contains('ts-error-summary')")
    summary.locator("a", has_text="必须是数字").click()
    assert page.evaluate("document.activeElement.id") == "hours-online_min"
    # nothing typed is lost
    assert page.input_value("#hours-online_min") == "三十"
    assert page.input_value("#grading-bands-1-min") == "65"
    assert page.input_value("#hours-total_min-quote") == "每位教师" * 60
    texts = page.locator(".ts-error:visible").all_inner_texts()
    assert texts and all("null" not in t and "weight" not in t and "hours." not in t for t in texts)
    # a reload keeps the draft of this tab
    page.reload()
    wait_result(page, "error")
    assert page.input_value("#hours-online_min") == "三十"

    from tisheng.profiles import local
    text = local.export(SAMPLE)
    for name, body, words, field in [
        ("newer.yaml", text.replace("format_version: 1", "format_version: 2"), "更新版本的网站", "rules-file"),
        ("older.yaml", text.replace("format_version: 1", "format_version: 0"), "旧版格式", "rules-file"),
        ("parent.yaml", text.replace('extends: "kaiyuan-2024"', 'extends: "hebei-2021"'), "不是本站收录的文件",
         "extends"),
    ]:
        (tmp_path / name).write_text(body, encoding="utf-8")
        page.set_input_files("#rules-file", str(tmp_path / name))
        assert words in _message(page, field), name
        assert page.input_value("#title") == SAMPLE["title"]  # the file's content is in the form
        assert page.input_value("#hours-total_min-quote") == SAMPLE["hours"]["total_min"]["source"]["quote"]


def test_a_link_carries_a_small_profile_and_says_when_one_is_too_long(page, browser, base_url):
    page.goto("/tools/rules/")
    fill_sample(page)
    wait_result(page, "pass")
    page.click("[data-rules-link]")
    link = page.locator("#rules-link[data-fits=true] a")
    link.wait_for()
    href = link.get_attribute("href")
    assert "#?p=" in href and len(href) <= 2000 and "?" not in href.split("#")[0]
    other = browser.new_context(base_url=base_url)
    try:
        colleague = other.new_page()
        colleague.goto(href)
        wait_result(colleague, "pass")
        assert colleague.input_value("#title") == SAMPLE["title"]
        assert "分享的链接" in colleague.inner_text("#rules-origin")
    finally:
        other.close()
    for base in ("hours-total_min", "hours-online_min", "hours-deadline", "points-teacher_count_min",
                 "points-teacher_dimensions_min"):
        page.fill(f"#{base}-quote", "".join(chr(0x4E00 + (i * 7919 + len(base)) % 20000) for i in range(190)))
    wait_result(page, "pass")
    page.click("[data-rules-link]")
    too_long = page.locator("#rules-link[data-fits=false]")
    too_long.wait_for()
    assert "放不进一个链接" in too_long.inner_text() and "导出文件" in too_long.inner_text()


def test_a_kept_profile_survives_a_new_tab_and_can_be_forgotten(page):
    page.goto("/tools/rules/")
    fill_sample(page)
    wait_result(page, "pass")
    page.check("#rules-keep")
    assert "已保存在这台电脑上" in page.inner_text("#rules-status")
    tab = page.context.new_page()  # a new tab shares localStorage, not sessionStorage
    tab.goto("/tools/hours/")
    assert tab.locator("#profile option[value=local]").count() == 1
    tab.close()
    page.click("[data-rules-forget]")
    tab = page.context.new_page()
    tab.goto("/tools/hours/")
    assert tab.locator("#profile option[value=local]").count() == 0
    tab.close()


def test_the_filled_form_with_errors_is_accessible_and_fits_a_phone(browser, base_url):
    from tests.e2e.pagestate import axe_serious, settle

    ctx = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740}, device_scale_factor=2,
                              is_mobile=True, has_touch=True, locale="zh-CN", service_workers="block")
    try:
        page = ctx.new_page()
        page.goto("/tools/rules/")
        fill_sample(page)
        wait_result(page, "pass")
        page.click("[data-rules-link]")
        page.locator("#rules-link a").wait_for()
        problems = axe_serious(page)
        assert not problems, "\n".join(problems)
        page.fill("#grading-bands-1-min", "65")
        wait_result(page, "error")
        settle(page)
        problems = axe_serious(page)
        assert not problems, "\n".join(problems)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"the rules page is {width}px wide on a 360px phone"
    finally:
        ctx.close()


def test_a_file_that_states_only_its_bands_grades_with_its_parents_parts(page):
    page.goto("/tools/rules/")
    page.fill("#title", "某校成绩等次规定")
    page.select_option("#extends", "xx-school-2022")
    for i, (lo, hi) in enumerate([("90", "100"), ("60", "90"), (None, "60")]):
        if lo:
            page.fill(f"#grading-bands-{i}-min", lo)
        page.fill(f"#grading-bands-{i}-max", hi)
        page.select_option(f"#grading-bands-{i}-max_inclusive", "true" if i == 0 else "false")
    result = wait_result(page, "pass")
    assert "与上级文件不同" in result.inner_text()
    assert "不填则沿用《XX学校考核方案》" in page.inner_text("#grading-components-inherit")
    page.click("[data-rules-use]")
    page.goto("/tools/grade/?profile=local&centralized=90&online=85&school_activities=80&showcase=88")
    res = wait_result(page, "pass")
    assert page.locator(".ts-grade-set[data-profile=local]").is_visible()
    assert "合格" in res.inner_text() and "85" in res.inner_text()  # xx-school's own lines would say 优秀


def test_the_staff_list_pages_check_a_whole_list_by_the_schools_own_file(page):
    """The file offered on the staff-list pages is used there too (it was offered, then refused the list), and the
    browser agrees with the command line's verdicts above: 甲 passes, 乙 is 5 学时 of 线上研修 short."""
    page.goto("/tools/rules/")
    page.evaluate(KEEP_FOR_THIS_TAB, SAMPLE)
    label = "本地文件：" + SAMPLE["title"]
    roster = "姓名,学校,学科,线上学时,实践学时\n甲,一小,语文,{},{}\n乙,一小,数学,{},{}\n".format(
        HOURS_PASS["online"], HOURS_PASS["practice"], HOURS_FAIL["online"], HOURS_FAIL["practice"])
    page.goto("/tools/batch/?profile=local")
    assert page.locator("#profile option:checked").inner_text() == label
    page.set_input_files("#file", files=[{"name": "名单.csv", "mimeType": "text/csv", "buffer": roster.encode()}])
    res = wait_result(page, "fail")
    assert SAMPLE["title"] in res.inner_text()
    rows = page.locator(".ts-table tbody tr")
    assert [rows.nth(i).locator(".ts-status").inner_text() for i in range(2)] == ["未达标", "达标"]
    assert "再完成 5 学时线上研修" in rows.nth(0).inner_text()
    with page.expect_download() as info:
        page.click("button[data-export=csv]")
    assert info.value.suggested_filename == "学时检查结果-一小-2026年12月1日.csv"  # the list's school and day
    report = open(info.value.path(), encoding="utf-8-sig").read().splitlines()
    assert [line.split(",")[7] for line in report[1:]] == ["达标", "未达标"]

    heads = [c["label"] for c in SAMPLE["grading"]["components"]["value"]]
    scores = [GRADE[c["id"]] for c in SAMPLE["grading"]["components"]["value"]]
    grades = "姓名,学校,学科," + ",".join(heads) + "\n甲,一小,语文," + ",".join(scores) + "\n"
    page.goto("/tools/grade-batch/?profile=local")
    page.set_input_files("#file", files=[{"name": "成绩.csv", "mimeType": "text/csv", "buffer": grades.encode()}])
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    row = page.locator(".ts-table tbody tr").first.inner_text()
    assert "85.5" in row and "优秀" in row
    # 85.5 is over the file's 85 line: 优秀, 通过; but one 优秀 of one is 100%, over the 60% cap the file takes from 开原
    assert page.get_attribute("#result", "data-status") == "fail"
    assert page.locator(".ts-table:not(.ts-school-table) tbody tr .ts-status").all_inner_texts() == ["通过"]
    assert "各校微能力点认证优秀率不超过60%" in page.text_content(".ts-schools")
    assert page.locator(".ts-sheet").count() == 1 and SAMPLE["title"] in page.text_content(".ts-sheet")
    assert cells(page.locator(".ts-sheet"), 5) == [["1", "甲", "语文", "85.5", "优秀"]]


def test_a_link_on_her_own_document_opens_on_a_colleagues_device_or_says_why_not(page, browser, base_url):
    """Her link carries the document: a colleague's browser, which has never seen it, gives the same answer, the
    document named as a colleague's and kept nowhere. A link without it says the document is not on this device and
    where to import it, never an unknown-policy error. Evidence and 我的考核进度 take her document too."""
    page.goto("/tools/rules/")
    page.evaluate(KEEP_FOR_THIS_TAB, SAMPLE)
    page.goto("/tools/hours/?profile=local&online={online}&practice={practice}".format(**HOURS_FAIL))
    assert "还差 5 学时" in wait_result(page, "fail").inner_text()
    page.wait_for_function("() => location.hash.includes('&p=')", timeout=ENGINE_TIMEOUT)
    link = page.url
    assert "online=25" in link and "profile=local" in link

    other = browser.new_context(base_url=base_url, locale="zh-CN", service_workers="block")
    try:
        tab = other.new_page()
        tab.goto(link)
        res = tab.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
        assert "还差 5 学时" in res.inner_text() and MARK in res.inner_text()
        assert tab.locator("#profile option[value=local]").inner_text() == "同事分享的文件：" + SAMPLE["title"]
        stored = tab.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
        assert SAMPLE["title"] not in stored  # used, kept nowhere
        bare = link.split("&p=")[0]
        tab.goto("/")
        tab.goto(bare)
        notice = tab.wait_for_selector(".ts-local-missing", timeout=ENGINE_TIMEOUT)
        assert "这台设备上没有这份文件" in notice.inner_text()
        assert tab.get_attribute(".ts-local-missing a", "href").endswith("/tools/rules/")
        assert "未知政策" not in tab.inner_text("#profile")
    finally:
        other.close()

    page.goto("/tools/evidence/?profile=local&online=25&practice=30")  # 开原's hand-ins, under her file's title
    assert "《本地文件：" + SAMPLE["title"] + "》" in wait_result(page, "pass").inner_text()
    page.goto("/tools/me/?profile=local&online=25&practice=30")  # her 30 学时 online, not 开原's 25
    wait_result(page, "fail")
    hours = page.locator("#result li[data-tool='hours']")
    assert hours.get_attribute("data-state") == "missing" and "5 学时" in hours.inner_text()


def test_a_draft_is_never_lost_without_warning(browser, base_url):
    """Typed rules not exported, used or kept: closing the tab asks first. Kept on this computer (the school's rules,
    no teacher's personal data): no question, and a new tab next day goes on from the draft."""
    ctx = browser.new_context(leave_drafts=False, base_url=base_url, locale="zh-CN", service_workers="block")
    try:
        page = ctx.new_page()
        page.goto("/tools/rules/")
        page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
        page.fill("#title", "某校草稿")
        page.fill("#hours-total_min", "60")
        with page.expect_event("dialog") as asked:
            page.close(run_before_unload=True)
        assert asked.value.type == "beforeunload"
        asked.value.dismiss()
        assert not page.is_closed() and page.input_value("#title") == "某校草稿"  # she stayed
        assert "不含教师的个人信息" in page.inner_text("#rules-draft-hint")
        page.check("#rules-draft-keep")
        again: list[str] = []
        page.on("dialog", lambda d: (again.append(d.type), d.accept()))
        with page.expect_event("close"):
            page.close(run_before_unload=True)
        assert again == []  # kept: closed without a question
        tab = ctx.new_page()
        tab.goto("/tools/rules/")
        tab.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
        assert tab.input_value("#title") == "某校草稿" and tab.input_value("#hours-total_min") == "60"
        assert tab.is_checked("#rules-draft-keep")
    finally:
        ctx.close()
