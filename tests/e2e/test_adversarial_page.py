"""The adversarial files (tests/adversarial.py) uploaded on the batch, grade-batch and catalog pages: the engine's and
the CLI's verdict (tests/test_adversarial.py), a Chinese message, the good rows kept, long cells bounded, and the page
still usable for a good file after each one. Also: long answers never make a link the server refuses."""

from __future__ import annotations

import re

from tests import adversarial
from tests.e2e.test_hours_page import ENGINE_TIMEOUT

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"Traceback|Error\b|Exception|undefined|null|NaN|[A-Za-z]{2,}Error")
PAGES = {"hours": "/tools/batch/?profile=kaiyuan-2024", "grade": "/tools/grade-batch/?profile=xx-school-2022"}


def _mime(name: str) -> str:
    return adversarial.XLSX_MIME if name.endswith(".xlsx") else "text/csv"


def upload_list(page, case: adversarial.Case) -> str:
    page.set_input_files("#file", files=[{"name": case.filename, "mimeType": _mime(case.filename),
                                          "buffer": case.data}])
    return page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT).get_attribute("data-status")


def stats(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.ts-stats > div'))
        .map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]))""")


def list_verdict(page, case: adversarial.Case) -> tuple:
    status = upload_list(page, case)
    if status == "error":
        return ("error", page.inner_text("#file-error") + " " + page.inner_text(".ts-error-summary"))
    s = stats(page)
    return (status, int(s.get("检查人数") or s.get("人数")), int(s["问题行"]))


def check(case: adversarial.Case, got: tuple, problems: list[str]) -> None:
    if case.expect[0] == "error":
        if got[0] != "error" or case.expect[1] not in got[1] or not CJK.search(got[1]) or ENGLISH.search(got[1]):
            problems.append(f"{case.id}: expected a refusal with {case.expect[1]!r}, got {got}")
    elif got != case.expect:
        problems.append(f"{case.id}: {got} != {case.expect}")


def _run_lists(page, tool: str) -> None:
    page.goto(PAGES[tool])
    good = adversarial.good_file(tool)
    problems: list[str] = []
    for case in [c for c in adversarial.cases() if c.tool == tool and c.browser]:
        check(case, list_verdict(page, case), problems)
        longest = page.evaluate("Math.max(0, ...Array.from(document.querySelectorAll('#result td, #result li'))"
                                ".map((n) => n.textContent.length))")
        if longest > 400:
            problems.append(f"{case.id}: a cell of {longest} characters was laid out")
        check(good, list_verdict(page, good), problems)  # the page still takes a good file
    assert not problems, problems


def test_batch_page_answers_every_adversarial_list(page):
    _run_lists(page, "hours")


def test_grade_batch_page_answers_every_adversarial_list(page):
    _run_lists(page, "grade")


def test_catalog_upload_answers_every_adversarial_file(page):
    page.goto("/tools/points/?profile=kaiyuan-2024&mode=school&classrooms=multimedia:9,mixed:0,smart:0,none:3")
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    page.click("#catalog-upload summary")
    good = adversarial.good_file("catalog")
    problems: list[str] = []

    def verdict(case: adversarial.Case) -> tuple:
        page.set_input_files("#catalog-file", files=[{"name": case.filename, "mimeType": _mime(case.filename),
                                                      "buffer": case.data}])
        page.wait_for_selector("#catalog-file[data-upload='ok'], #catalog-file[data-upload='error']",
                               timeout=ENGINE_TIMEOUT)
        if page.get_attribute("#catalog-file", "data-upload") == "error":
            return ("error", page.inner_text("#upload-summary"))
        count = re.search(r"共 (\d+) 项", page.inner_text("#catalog-status"))
        return ("ok", int(count[1]) if count else -1, 0)

    for case in [c for c in adversarial.cases() if c.tool == "catalog" and c.browser]:
        check(case, verdict(case), problems)
        check(good, verdict(good), problems)
    assert not problems, problems


def test_template_is_the_shipped_catalog_even_after_an_upload(page):
    """On a policy without point rules the template button used to download the last upload, formulas unescaped."""
    page.goto("/tools/points/?profile=kaiyuan-2024&mode=school&classrooms=multimedia:9,mixed:0,smart:0,none:3")
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    page.click("#catalog-upload summary")
    formula = next(c for c in adversarial.cases() if c.id == "catalog-formula-name")
    page.set_input_files("#catalog-file", files=[{"name": "目录.csv", "mimeType": "text/csv", "buffer": formula.data}])
    page.wait_for_selector("#catalog-file[data-upload='ok']", timeout=ENGINE_TIMEOUT)
    page.goto("/tools/points/?profile=guangan-2014&mode=school")  # a policy without point rules or a catalog
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    assert page.is_visible("#catalog-banner")  # the upload is still in use for this session
    page.click("#catalog-upload summary")
    with page.expect_download() as info:
        page.click("[data-catalog-template]")
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert "=cmd" not in text and "1-1" not in text.split("\n", 1)[1]
    assert len(text.strip().splitlines()) > 20  # the national catalog's points


def test_unknown_policy_in_the_link_keeps_the_page_usable(page):
    page.goto("/tools/batch/?profile=nope-9999")
    note = page.inner_text(".ts-unknown-profile")
    assert "nope-9999" in note and "已改用" in note
    assert page.eval_on_selector("#profile", "s => s.value") != ""
    good = adversarial.good_file("hours")
    assert upload_list(page, good) == good.expect[0]


def test_a_long_answer_leaves_the_link_and_offers_other_ways(page, context):
    records = ",".join(f"2024-03-{d % 28 + 1:02d}:online:1" for d in range(150))  # ≈3,000 characters
    page.goto(f"/tools/hours/?profile=kaiyuan-2024&records={records}")
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    page.fill("#as_of", "2024-06-30")  # any change rewrites the address
    page.wait_for_selector(".ts-long-link:not([hidden])")
    assert "2,000" in page.inner_text(".ts-long-link")
    assert page.evaluate("location.search") == ""
    assert page.evaluate("location.hash.startsWith('#?')")  # never sent to a server
    assert page.evaluate("(location.origin + location.pathname + location.search).length") <= 2000

    page.reload()  # the answer survives a reload from the fragment
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    assert page.locator(".ts-records-table tbody tr").count() == 150

    page.fill("#as_of", "2024-06-29")
    page.wait_for_selector(".ts-long-link:not([hidden])")
    with page.expect_download() as info:
        page.click("[data-long-file]")
    assert info.value.suggested_filename.endswith("（填写内容）.html")
    html = open(info.value.path(), encoding="utf-8").read()
    assert "#?" in html and "2024-03-01%3Aonline%3A1" in html and 'name="referrer" content="no-referrer"' in html
    page.click("[data-long-remember]")
    assert page.is_checked("#remember")
    assert page.evaluate("localStorage.getItem('tisheng:hours')").count("online") >= 150

    page.goto("/tools/hours/?profile=kaiyuan-2024&online=25&practice=25")
    page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)
    page.fill("#online", "26")
    page.wait_for_function("location.hash.includes('online=26')")
    assert page.locator(".ts-long-link:not([hidden])").count() == 0
    assert not [u for u in context.recorder.urls if len(u) > 2000 and "/tools/" in u and "records" not in u]


def test_the_servers_errors_are_the_sites_chinese_pages(page):
    for url, status, title in (("/tools/hours/?records=" + "1" * 9000, 414, "链接太长"),
                               ("/tools/no-such-tool/", 404, "找不到这个页面")):
        response = page.goto(url)
        assert response.status == status, url[:40]
        assert title in page.inner_text("h1")
        body = page.inner_text("body")
        assert "nginx" not in body.lower() and "Not Found" not in body and "Request-URI" not in body
        assert page.get_attribute("html", "lang").startswith("zh")


def test_an_excel_cell_with_a_line_break_pastes_as_one_cell(page):
    from tests.e2e.test_rollout_page import paste_into

    page.goto("/tools/rollout/?years=2015,2016,2017&shares=30,35,35")
    paste_into(page, "#g-0-name", '"一小\n东校区"\t120\n二小\t80\n"三""小"\t60\n')  # as Excel copies such cells
    assert [page.input_value(f"#g-{i}-name") for i in range(3)] == ["一小 东校区", "二小", '三"小']
    assert [page.input_value(f"#g-{i}-teachers") for i in range(3)] == ["120", "80", "60"]
    assert "已粘贴 3 行" in page.inner_text("#paste-status")


def test_evidence_page_answers_every_adversarial_clip(page, tmp_path):
    """Each clip is read through the worker's slice reads; after each refusal the page reads a good clip and answers
    typed minutes at once. The million-box file used to keep the engine busy 73-90 s, then every answer waited."""
    from tests.e2e.test_evidence_pages import ZHANGLOU, pick_clip, wait_state

    page.goto(ZHANGLOU)
    page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    good = adversarial.good_file("clip")
    problems: list[str] = []
    for case in [c for c in adversarial.cases() if c.tool == "clip" and c.expect[0] == "error" and c.browser]:
        path = tmp_path / case.id / case.filename  # a file of the same path again is no change to the input
        path.parent.mkdir()
        path.write_bytes(case.data)
        pick_clip(page, path, "unreadable")
        status = page.inner_text("#clip_file-status")
        if case.expect[1] not in status or "填写视频时长（分钟）" not in status or "多输" in status:
            problems.append(f"{case.id}: {status!r}")
        page.fill("#clip_minutes", "7")
        wait_state(page, "grading.clip_minutes", "done")
        path = tmp_path / case.id / "good" / good.filename
        path.parent.mkdir()
        path.write_bytes(good.data)
        pick_clip(page, path, "read")
        if page.input_value("#clip_minutes") != "6.21":
            problems.append(f"{case.id}: the good clip then read as {page.input_value('#clip_minutes')}")
    assert not problems, problems


def test_the_rules_page_imports_every_bad_file_as_the_command_line_reads_it(page):
    """Every user's-file case of tests/adversarial.py imported on 录入本地文件: the same verdict and the same messages
    as `tisheng --profile-file` (both go through api.read_local_file), the limits checked before parsing, and every
    problem the form has no place for said beside the file field, counted past the cap as the CLI counts it."""
    from tisheng import api

    problems: list[str] = []
    for case in [c for c in adversarial.cases() if c.tool == "profile"]:
        page.goto("/tools/rules/")
        page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
        page.set_input_files("#rules-file", files=[{"name": case.filename, "mimeType": "text/plain", "buffer": case.data}])
        page.wait_for_selector("#rules-file-error:not([hidden]), #rules-origin:not([hidden])", timeout=ENGINE_TIMEOUT)
        said = page.inner_text("#rules-file-error") if page.is_visible("#rules-file-error") else ""
        engine = api.read_local_file(case.data)
        if case.expect[0] == "error":
            missing = [e["message"] for e in engine["errors"] if e["message"] not in said]
            if case.expect[1] not in said or missing or page.is_visible("#rules-origin"):
                problems.append(f"{case.id}: page said {said[:200]!r}; the CLI's {missing[:2]!r}")
        elif case.expect[0] == "invalid":
            if engine["more"] not in said or engine["listed"][0]["message"] not in said:
                problems.append(f"{case.id}: page said {said[:200]!r}, expected the CLI's {engine['more']!r}")
        else:
            page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)
            if said:
                problems.append(f"{case.id}: a good file was refused: {said[:200]!r}")
        if ENGLISH.search(said):
            problems.append(f"{case.id}: maintainers' words: {said[:200]!r}")
    assert not problems, problems
