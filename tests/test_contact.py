"""The host's own contact (mkdocs.yml extra.contact, docs/about/deploy.md): set, it is on the home page near its top,
at the end of every other page, and in a #ts-contact JSON block for the pages' scripts; unset (the repository's
default), no page carries any of it. The set case builds a copy of the site with a config that INHERITs mkdocs.yml,
as the deployment page tells a host to do."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import CONTACT
from tests.helpers import SITE

PAGES = ("index.html", "tools/hours/index.html", "guide/compare/index.html", "404.html")
BLOCK = re.compile(r'<script type="application/json" id="ts-contact">(.*?)</script>', re.S)


def test_a_contact_set_is_on_every_page_and_in_its_json_block(site_with_contact):
    for name in PAGES:
        page = (site_with_contact / name).read_text(encoding="utf-8")
        asides = re.findall(r'<aside class="ts-contact"[^>]*>(.*?)</aside>', page, re.S)
        assert len(asides) == 1, f"{name}: {len(asides)} contact boxes"
        text = re.sub(r"<[^>]+>", "", asides[0])
        assert "某某学校师训专干" in text and "0000-1234567" in text and "&lt;b&gt;" in text, text  # escaped, not markup
        block = BLOCK.findall(page)
        assert len(block) == 1 and json.loads(block[0]) == CONTACT, f"{name}: {block}"
    home = (site_with_contact / "index.html").read_text(encoding="utf-8")
    assert home.index('class="ts-contact"') < home.index('id="tools"')  # near the top, before the tools


def test_without_a_contact_no_page_carries_one():
    for name in PAGES:
        path = SITE / name
        if not path.exists():
            pytest.fail(f"{name} is missing: build the site first (`mkdocs build`)")
        page = path.read_text(encoding="utf-8")
        assert "ts-contact" not in page, name
