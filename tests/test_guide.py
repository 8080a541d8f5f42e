"""The policy guide's pages: generated from data/, every rule cited, inherited rules marked, conflicts with all
their readings. Checks the built site (site/) and, in-process, that the macros follow the data."""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import ROOT, SITE

import build_data  # noqa: E402  (scripts/ is on sys.path via tests.helpers)
import guide  # noqa: E402

SNAP = build_data.load_all()
SECTIONS = build_data.SECTIONS
WS = re.compile(r"\s+")
DOCS = ROOT / "docs"


def _site_page(url: str) -> str:
    path = SITE / url.strip("/") / "index.html"
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: build the site first (`make build` or `mkdocs build`)")
    return path.read_text(encoding="utf-8")


def _text(markup: str) -> str:
    """Visible-ish text of a page with all white space removed (quotes are compared white space aside)."""
    body = re.sub(r"<script\b.*?</script>", "", markup, flags=re.S)
    return WS.sub("", html.unescape(re.sub(r"<[^>]+>", "", body)))


def _plain(s: object) -> str:
    return WS.sub("", str(s))


def _row(markup: str, element_id: str) -> str:
    """The table row that holds the element with this id."""
    m = re.search(r'<tr>(?:(?!</tr>).)*?id="' + re.escape(element_id) + r'".*?</tr>', markup, flags=re.S)
    assert m, f"no table row with id {element_id}"
    return m.group(0)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id" and v:
                self.ids.append(v)


def _ids(markup: str) -> list[str]:
    p = _Ids()
    p.feed(markup)
    return p.ids


def _own_and_inherited(prof):
    for section in SECTIONS:
        for key, rule in (prof.get(section) or {}).items():
            yield section, key, rule


# ---------------------------------------------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pid", sorted(SNAP["profiles"]))
def test_every_profile_has_a_page_with_every_rule_cited(pid):
    prof = SNAP["profiles"][pid]
    page = _site_page(f"profiles/{pid}")
    text = _text(page)
    ids = _ids(page)
    assert _plain(prof["title"]) in text
    assert len(ids) == len(set(ids)), f"duplicate ids on /profiles/{pid}/"
    for section, key, rule in _own_and_inherited(prof):
        anchor = f"{section}-{key}"
        assert anchor in ids, f"/profiles/{pid}/ has no anchor #{anchor}"
        quote = (rule.get("source") or {}).get("quote")
        if rule.get("inherited_from") is None:
            assert quote and _plain(quote) in text, f"/profiles/{pid}/: quote of {section}.{key} not shown: {quote}"
        if section in ("timeline", "roles"):
            continue
        row = _row(page, anchor)
        if rule.get("inherited_from"):
            assert "沿用上级文件" in row and f'data-from="{rule["inherited_from"]}"' in row, (pid, anchor)
        else:
            assert "tg-origin--own" in row and "沿用上级文件" not in row, (pid, anchor)
        for reading in rule.get("readings") or []:
            assert _plain(reading["label"]) in _text(row), f"{pid} {anchor}: reading {reading['id']} not shown"


@pytest.mark.parametrize("pid", sorted(SNAP["profiles"]))
def test_profile_page_shows_item_quotes_timeline_and_roles(pid):
    prof = SNAP["profiles"][pid]
    text = _text(_site_page(f"profiles/{pid}"))
    for section in ("timeline", "roles", "grading"):
        for key, rule in (prof.get(section) or {}).items():
            if isinstance(rule.get("value"), list):
                for item in rule["value"]:
                    if isinstance(item, dict) and isinstance(item.get("source"), dict):
                        assert _plain(item["source"]["quote"]) in text, f"{pid} {section}.{key}: {item['source']}"
    for phase in ((prof.get("timeline") or {}).get("phases") or {}).get("value") or []:
        assert _plain(phase["name"]) in text
    for role in ((prof.get("roles") or {}).get("roles") or {}).get("value") or []:
        assert _plain(role["role"]) in text


def test_profile_pages_say_where_documents_disagree_or_are_silent():
    for pid, prof in SNAP["profiles"].items():
        page = _site_page(f"profiles/{pid}")
        for conf in SNAP["conflicts"]:
            if pid in conf.get("profiles", []):
                assert _plain(conf["title"]) in _text(page), f"/profiles/{pid}/ does not show conflict {conf['id']}"
                assert f'href="../../guide/conflicts/#{conf["id"]}"' in page
        if any(rule.get("value") is None for _, _, rule in _own_and_inherited(prof)):
            assert "文件未规定" in page, f"/profiles/{pid}/ has open rules but no 文件未规定 note"


def test_comparison_has_a_column_per_profile_and_a_row_per_rule():
    page = _site_page("guide/compare")
    heads = re.findall(r"<thead>(.*?)</thead>", page, flags=re.S)
    assert heads
    for head in heads:
        cells = re.findall(r"<th\b", head)
        assert len(cells) == 1 + len(SNAP["profiles"])
        for pid in SNAP["profiles"]:
            assert f'href="../../profiles/{pid}/"' in head, f"comparison lacks a column for {pid}"
    ids = _ids(page)
    for prof in SNAP["profiles"].values():
        for section, key, _ in _own_and_inherited(prof):
            assert f"{section}-{key}" in ids, f"comparison lacks a row for {section}.{key}"
    # every non-empty cell links to the rule on the profile page, where its source is
    for pid, prof in SNAP["profiles"].items():
        for section, key, _ in _own_and_inherited(prof):
            assert f'href="../../profiles/{pid}/#{section}-{key}"' in page, f"{pid} {section}.{key}"


def test_conflicts_page_lists_every_conflict_with_all_readings():
    page = _site_page("guide/conflicts")
    text = _text(page)
    ids = _ids(page)
    assert SNAP["conflicts"]
    for conf in SNAP["conflicts"]:
        assert conf["id"] in ids, f"conflict {conf['id']} has no anchor"
        assert _plain(conf["title"]) in text
        assert len(conf["readings"]) >= 1
        for reading in conf["readings"]:
            assert f'data-reading="{reading["id"]}"' in page, f"{conf['id']}: reading {reading['id']} missing"
            assert _plain(reading["label"]).replace("（null）", "") in text  # the page drops the maintainers' "（null）"
            assert _plain(reading["source"]["quote"]) in text, f"{conf['id']}: quote of {reading['id']} missing"
    assert "文件之间不一致" in text and "文件未规定" in text


def test_catalog_marks_unconfirmed_entries_and_never_guesses_unknown_names():
    page = _site_page("guide/catalog")
    for cid, cat in SNAP["catalogs"].items():
        for pt in cat["points"]:
            row = re.search(r'<tr id="point-' + re.escape(cid) + "-" + re.escape(pt["code"]) + r'".*?</tr>',
                            page, flags=re.S)
            assert row, f"catalog {cid} has no row for {pt['code']}"
            row = row.group(0)
            assert f'data-env="{pt["env"]}"' in row
            assert f'data-dim="{pt.get("dimension") or "unknown"}"' in row
            pending = any(pt["status"][f] in ("unconfirmed", "unknown") for f in ("name", "dimension"))
            assert ("待核对" in row) == pending, pt["code"]
            assert f'data-check="{"pending" if pending else "confirmed"}"' in row
            if pt.get("name") is None:
                assert "名称待核对" in row
                name_cell = re.findall(r"<td>(.*?)</td>", row, flags=re.S)[0]
                for cand in pt.get("candidates") or []:  # a candidate only ever appears as a candidate
                    assert cand not in re.sub(r'<span class="tg-cands">.*?</span>', "", name_cell)
    # the filter is progressive enhancement: hidden in the HTML, with labelled selects and a live region
    form = re.search(r'<form class="tg-filter"[^>]*>', page).group(0)
    assert " hidden" in form
    for sel in re.findall(r'<select id="([^"]+)"', page):
        assert f'<label for="{sel}">' in page
    assert 'aria-live="polite"' in page
    script = re.search(r'<script src="([^"]*catalog\.js)"></script>', page)
    assert script, "the catalog page does not load catalog.js"
    assert (SITE / "guide" / "catalog" / script.group(1)).resolve().exists()


def test_glossary_has_every_term_with_its_source():
    text = _text(_site_page("guide/glossary"))
    for term in SNAP["glossary"]:
        assert _plain(term["term"]) in text
        assert _plain(term["source"]["quote"]) in text
    for must in ("整校推进", "一划两案", "三提升一全面", "微能力点", "双师教学"):
        assert must in text


def test_home_and_about_pages_come_from_data():
    home = _text(_site_page(""))
    for pid, prof in SNAP["profiles"].items():
        assert _plain(prof["short_title"]) in home
    about = _site_page("about/data")
    assert "example-school-2024" in about
    assert "hours.deadline.value" in about and "extends" in about  # the real validator's messages
    assert "沿用" in about


def test_guide_markdown_has_no_typed_policy_values():
    """Profile pages are generated (scripts/hooks.py: one macro call each, nothing kept by hand in docs/); the guide
    pages carry no digits of their own (numbers come from data)."""
    assert not list((DOCS / "profiles").glob("*.md")), "profile pages are generated from data/profiles/"
    for pid in SNAP["profiles"]:
        assert SNAP["profiles"][pid]["title"] in _site_page(f"profiles/{pid}"), pid
    for path in sorted((DOCS / "guide").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\{\{.*?\}\}", "", text, flags=re.S)
        text = re.sub(r"工程\s*2\.0", "", text)  # the programme's name
        assert not re.search(r"\d", text), f"{path.relative_to(ROOT)} has a number typed by hand"


def test_guide_pages_link_nowhere_outside():
    for url in ["", "guide/compare", "guide/conflicts", "guide/catalog", "guide/glossary", "about/data",
                *(f"profiles/{pid}" for pid in SNAP["profiles"])]:
        page = _site_page(url)
        outside = re.findall(r'(?:href|src)="(https?:)?//[^"]*"', page)
        assert not outside, f"/{url}: {outside}"


# ---------------------------------------------------------------------------------------------------------------
# In-process: the macros follow the data
# ---------------------------------------------------------------------------------------------------------------


def _guide(data, src="profiles/kaiyuan-2024.md"):
    return guide.Guide(data, src, "../../", {"tisheng": "assets/tisheng/test/"})


def test_changing_data_changes_the_pages():
    data = copy.deepcopy(SNAP)
    before = _guide(data).profile_page("kaiyuan-2024")
    assert "不少于25学时" in before
    rule = data["profiles"]["kaiyuan-2024"]["hours"]["online_min"]
    rule["value"] = 27
    rule["source"] = {**rule["source"], "quote": "完成不少于27学时的线上研修任务"}
    after = _guide(data).profile_page("kaiyuan-2024")
    row = after[after.index('id="hours-online_min"'):].split("\n")[0]
    assert "不少于27学时" in row and "完成不少于27学时的线上研修任务" in row
    assert "不少于27学时" not in before
    compare = _guide(data, "guide/compare.md").compare_page()
    assert "[不少于27学时](../profiles/kaiyuan-2024.md#hours-online_min)" in compare


def test_an_inherited_rule_follows_its_parent():
    data = copy.deepcopy(SNAP)
    data["profiles"]["national-2019"]["hours"]["period_years"]["value"] = 4
    for prof in data["profiles"].values():  # what build_data's resolution would give the children
        rule = prof["hours"].get("period_years") if prof.get("hours") else None
        if rule and rule.get("inherited_from") == "national-2019":
            rule["value"] = 4
    page = _guide(data).profile_page("kaiyuan-2024")
    row = page[page.index('id="hours-period_years"'):].split("\n")[0]
    assert "4年" in row and "沿用上级文件" in row and "national-2019.md#hours-period_years" in row


def test_a_new_conflict_and_a_null_rule_appear():
    data = copy.deepcopy(SNAP)
    data["conflicts"].append({
        "id": "test-conflict", "title": "测试冲突", "kind": "disagree", "profiles": ["kaiyuan-2024"],
        "summary": "两份文件说法不同。",
        "readings": [
            {"id": "one", "label": "读法甲", "value": 1, "source": {"doc": "kaiyuan-2024", "section": "一", "quote": "甲"}},
            {"id": "two", "label": "读法乙", "value": 2, "source": {"doc": "kaiyuan-2024", "section": "二", "quote": "乙"}},
        ],
        "default": "one", "tool_behaviour": "按读法甲。",
    })
    data["profiles"]["kaiyuan-2024"]["hours"]["online_min"].update(value=None, note="测试：文件未写明线上学时。")
    page = _guide(data).profile_page("kaiyuan-2024")
    assert "文件之间不一致：测试冲突" in page and "读法甲" in page and "读法乙" in page
    assert "测试：文件未写明线上学时。" in page[page.index('!!! info "文件未规定"'):]
    conflicts = _guide(data, "guide/conflicts.md").conflicts_page()
    assert "{#test-conflict}" in conflicts and 'data-reading="one"' in conflicts and 'data-reading="two"' in conflicts


def test_data_strings_are_escaped():
    data = copy.deepcopy(SNAP)
    rule = data["profiles"]["kaiyuan-2024"]["hours"]["total_min"]
    rule["note"] = '<script>alert(1)</script> a|b *x* [y](z) {#id}'
    page = _guide(data).profile_page("kaiyuan-2024")
    row = page[page.index('id="hours-total_min"'):].split("\n")[0]
    assert "<script>" not in page and "&lt;script&gt;" in row
    assert row.count("|") == 4  # from the anchor on: the note's pipe cannot split the table row
    assert "[y](z)" not in row and "{#id}" not in row


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(guide.GuideError, match="nowhere-2030"):
        _guide(SNAP).profile_page("nowhere-2030")


def test_the_about_page_example_passes_the_real_validator_and_its_broken_form_fails():
    snap, err = guide.run_example()
    assert snap is not None, err
    prof = snap["profiles"][guide.EXAMPLE_ID]
    assert prof["lineage"] == [guide.EXAMPLE_ID, "kaiyuan-2024", "national-2019"]
    assert prof["hours"]["deadline"]["inherited_from"] is None
    assert prof["hours"]["online_min"]["inherited_from"] == "kaiyuan-2024"
    out = guide.example_errors()
    for key in ("hours.deadline.value", "points.school_range.source.quote", "extends"):
        assert f"data/profiles/{guide.EXAMPLE_ID}.yaml: {key}" in out
    assert "/tmp" not in out


def test_site_root_for_nested_pages():
    assert guide.site_root_for("") == "./"
    assert guide.site_root_for("guide/catalog/") == "../../"
    assert _guide(SNAP, "guide/catalog.md").link("x", "profiles/kaiyuan-2024.md", "a") == \
        "[x](../profiles/kaiyuan-2024.md#a)"


def test_every_profile_renders_in_process():
    g = _guide(SNAP)
    for pid in SNAP["profiles"]:
        out = g.profile_page(pid)
        assert out.startswith("# ")
    for fn in (g.compare_page, g.conflicts_page, g.catalog_page, g.glossary_page, g.profile_table):
        assert fn()
    assert Path(guide.__file__).resolve().parent == ROOT / "scripts" / "guide"  # the package, not another "guide"


def test_home_lists_every_tool_by_who_uses_it_and_tells_other_regions_what_holds():
    page = _site_page("")
    for tool in ("hours", "batch", "points", "grade", "grade-batch", "rollout", "evidence", "evidence-batch", "me"):
        assert f'href="tools/{tool}/' in page, tool
    text = _text(page)
    start = text.rindex("我的地区不在本站收录的文件中")  # the heading, after the table of contents
    section = text[start:start + 600]
    hours = SNAP["profiles"]["national-2019"]["hours"]
    assert "可以依靠的" in section and "不能依靠的" in section
    assert f"{hours['total_min']['value']}学时" in section
    # the national period is no fact: the documents that cite it state none, "5年" is one school's own target
    years = next(r["value"] for r in hours["period_years"]["readings"] if r["value"])
    assert hours["period_years"]["value"] is None and "没有写完成周期" in section and f"“{years}年”只见于" in section
    for who in ("教师", "学校", "项目办"):
        assert who in text[text.rindex("九个工具按使用的人分组"):start]
