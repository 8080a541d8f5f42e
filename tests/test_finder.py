"""The home page's “找到你执行的文件” (partials/finder.html, from scripts/guide/pages.py: finder()): every document
of data/ is reached from it, every province of data/regions.yaml is named in it, and every step ends at a document's
page or at entering the school's own file. Plain HTML: nothing of it needs a script."""

from __future__ import annotations

import re

import pytest

from tests.helpers import SITE

import build_data  # noqa: E402  (scripts/)

SNAP = build_data.load_all()


@pytest.fixture(scope="module")
def finder() -> str:
    path = SITE / "index.html"
    if not path.exists():
        pytest.fail("site/index.html is missing: build the site first (`mkdocs build`)")
    page = path.read_text(encoding="utf-8")
    start = page.index('<div class="ts-finder"')
    return page[start:page.index("</div>", start)]


def test_every_document_is_reached(finder):
    linked = set(re.findall(r'href="\./profiles/([^/"]+)/"', finder))
    assert linked == set(SNAP["profiles"]), set(SNAP["profiles"]) ^ linked


def test_every_province_is_named(finder):
    summaries = re.findall(r"<summary>([^<]*)</summary>", finder)
    others = re.search(r"<summary>其他省份</summary>\s*<p>([^<]*)：", finder)
    assert others, "no step for the provinces the site has no document of"
    named = set(summaries) | set(others[1].split("、"))
    assert {r["short"] for r in SNAP["regions"]} <= named


def test_every_step_ends_at_a_document_or_at_the_schools_own_file(finder):
    innermost = re.findall(r"<details[^>]*>((?:(?!<details).)*?)</details>", finder, re.S)
    assert innermost
    for step in innermost:
        assert 'href="./tools/rules/"' in step or 'href="./profiles/' in step, step
    assert "<script" not in finder
