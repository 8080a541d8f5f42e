"""The navigation is the teachers' first: the pages for whoever runs the site (data/, nginx, the build) stand together
in one last section, and every page that names a tool outside the menu (the 404 page, the server's error pages)
names it as the menu does."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.helpers import ROOT, SITE

import hooks  # noqa: E402  (scripts/)

MAINTAINERS = "维护与部署"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !!python/… and !ENV tags


def nav() -> list:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]


def built(name: str) -> str:
    path = SITE / name
    if not path.exists():
        pytest.fail(f"{name} is missing: build the site first (`mkdocs build`)")
    return path.read_text(encoding="utf-8")


def test_the_maintainers_pages_are_one_section_at_the_end():
    sections = nav()
    last = sections[-1]
    assert list(last) == [MAINTAINERS]
    theirs = {uri for page in last[MAINTAINERS] for uri in page.values()}
    assert {f"about/{p.name}" for p in (ROOT / "docs" / "about").glob("*.md")} == theirs
    for entry in sections[:-1]:
        assert "about/" not in str(entry), f"a maintainers' page among the teachers' pages: {entry}"


def test_the_404_page_names_the_tools_as_the_menu_does():
    tools = hooks.nav_titles(next(e["自查工具"] for e in nav() if "自查工具" in e))
    links = dict(re.findall(r'<a href="/([^"]+)/">([^<]+)</a>', built("404.html")))
    for uri, title in tools.items():
        assert links.get(uri.removesuffix(".md")) == title, f"404 page: {uri} should read {title}"


def test_the_error_pages_name_the_tools_as_the_menu_does():
    titles = hooks.nav_titles(nav())
    for page in ("400", "414", "50x"):
        links = dict(re.findall(r'<a href="/([^"]+)/">([^<]+)</a>', built(f"errors/{page}.html")))
        assert links and all(titles[f"{uri}.md"] == title for uri, title in links.items()), (page, links)
