"""Macros that render the policy guide's pages from data/ (profiles, comparison, conflicts, catalog, glossary).

Every number, date, quote and name a guide page shows comes from the validated snapshot; the Markdown pages only
call the macros below. The words the pages use for rules, environments, statuses and the like are those of
data/vocabulary.yaml (through ``tisheng.vocabulary``); a rule key the vocabulary does not know is still shown,
under its key. How a rule's value is put into words is a table of formatters keyed by (section, key): see
``values.py``.

Output is Markdown with inline HTML, inserted before Markdown conversion, so links between pages are written as
Markdown links to .md files (MkDocs checks and rewrites them). Every data string is escaped for both HTML and
Markdown before it is put on a page (``text.py``).

Modules: ``text`` (escaping, small formatters), ``base`` (links, names, citations), ``values`` (rule values),
``profile`` (a document's page), ``pages`` (comparison, conflicts, glossary, home), ``catalog`` (the catalog
page), ``example`` (the 关于数据 page's worked example, whose files stand in docs/about/examples/).
"""

from __future__ import annotations

from typing import Any, Callable

from .base import Base
from .catalog import CatalogPages
from .example import EXAMPLE_ID, broken_edits, example_errors, example_resolved, example_text, run_example
from .pages import ComparePages
from .profile import ProfilePages
from .text import GuideError, code, esc
from .values import Values

__all__ = ["EXAMPLE_ID", "Guide", "GuideError", "example_errors", "register", "run_example", "site_root_for"]


class Guide(ProfilePages, ComparePages, CatalogPages, Values, Base):
    """Renders guide pages from a snapshot. `page_src` is the page's path under docs/ (for relative links) and
    `site_root` the relative path from the page's URL to the site root (for raw HTML links and scripts)."""


def site_root_for(url: str) -> str:
    depth = len([p for p in (url or "").split("/") if p])
    return "../" * depth if depth else "./"


def register(env: Any, data: dict[str, Any]) -> None:
    """Called once per build by scripts/macros.py with the validated snapshot."""
    guide = _guide_for(env, data)
    _register_pages(env, guide)
    _register_home_and_about(env, guide)


def _guide_for(env: Any, data: dict[str, Any]) -> Callable[[], Guide]:
    """The Guide for the page being rendered (its links are relative to that page)."""

    def guide() -> Guide:
        page = getattr(env, "page", None)
        src = page.file.src_uri if page is not None and getattr(page, "file", None) else "index.md"
        url = page.url if page is not None else ""
        return Guide(data, src, site_root_for(url), env.variables.get("runtime") or {})

    return guide


def _register_pages(env: Any, guide: Callable[[], Guide]) -> None:
    def set_title(text: str) -> None:
        page = getattr(env, "page", None)
        if page is not None and isinstance(getattr(page, "meta", None), dict) and "title" not in page.meta:
            page.meta["title"] = text  # the nav and <title> use the short title; the page's H1 is the full title

    @env.macro
    def profile_page(pid: str) -> str:
        """One document's page: facts, essentials (tabs), rule tables with citations, timeline, roles, gaps."""
        g = guide()
        prof = g.profile(pid)
        set_title(str(prof.get("short_title") or prof.get("title") or pid))
        return g.profile_page(pid)

    @env.macro
    def compare_matrix() -> str:
        """Every rule of every profile side by side, one column per profile."""
        return guide().compare_page()

    @env.macro
    def conflicts_list() -> str:
        """Every conflict with all its readings, their sources, the default and what the tools do."""
        return guide().conflicts_page()

    @env.macro
    def catalog_list() -> str:
        """The ability-point catalogs with a progressive-enhancement filter (environment, dimension, status)."""
        g = guide()
        return g.catalog_page() + "\n\n" + g.catalog_script()

    @env.macro
    def glossary_list() -> str:
        return guide().glossary_page()

    @env.macro
    def glossary_term(name: str, with_source: bool = False) -> str:
        """A term's definition from glossary.yaml (with a link to the glossary)."""
        g = guide()
        t = g.term(name)
        out = f"{g.term_link(name)}：{g.rich(t.get('definition') or '')}"
        if with_source:
            out += f"（{g.cite(t.get('source'))}）"
        return out



def _register_home_and_about(env: Any, guide: Callable[[], Guide]) -> None:
    @env.macro
    def programme_overview(pid: str = "national-2019") -> str:
        return guide().programme_overview(pid)

    @env.macro
    def profile_table() -> str:
        return guide().profile_table()

    @env.macro
    def regions_line() -> str:
        return guide().regions_line()

    @env.macro
    def guide_counts() -> dict[str, int]:
        return guide().counts()

    @env.macro
    def example_yaml(which: str) -> str:
        """The about page's worked example files, exactly as the build validates them."""
        return "```yaml\n" + example_text(which).rstrip("\n") + "\n```"

    @env.macro
    def example_resolved_table() -> str:
        return example_resolved(guide())

    @env.macro
    def example_error_output() -> str:
        """The real message `make build` prints for the broken example."""
        items = "\n".join(f"- {esc(what)}：{code(new)}" for what, _, new in broken_edits())
        return items + "\n\n```text\n" + example_errors() + "\n```"
