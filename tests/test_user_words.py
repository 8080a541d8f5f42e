"""Users never read maintainers' words: no profile, document or conflict id, rule id, file name, snake_case key or
null/None/undefined in the text of a built page or in what the engine says about any worked case.

Three pages are written for the site's host, who edits data/ and configures nginx, and name files by design:
关于数据 (about/data), 部署到校内服务器 (about/deploy) and 维护者指南 (about/maintain)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DATA, SITE, cases
from tisheng import api
from tisheng.core import snapshot

HOST_PAGES = {"about/data/index.html", "about/deploy/index.html", "about/maintain/index.html"}
# Strings of an answer a user reads. A quote is the document's own words and is checked by the data tests.
USER_KEYS = {"message", "summary", "headline", "brief", "label", "band_label", "title", "profile_title", "note", "section",
             "hint", "caption", "text", "detail", "advice"}


def _pattern() -> re.Pattern[str]:
    snap = snapshot.load()
    ids = set(snap["profiles"]) | set(snap["sources"]) | set(snap["catalogs"])
    ids |= {c["id"] for c in snap["conflicts"]}
    ids |= {r["id"] for c in snap["conflicts"] for r in c.get("readings") or [] if isinstance(r, dict)}
    named = "|".join(sorted((re.escape(i) for i in ids if "-" in i or "_" in i), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w/.=#-])(?:{named})(?![\w-])"           # an id from data/
        r"|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"           # a snake_case key or rule id (teacher_dimensions_min)
        r"|\b[a-z]+\.[a-z_]+(?:\.[a-z_]+)*_[a-z_]+\b"  # a dotted rule id (points.school_range_size)
        r"|[\w/-]+\.(?:ya?ml|json|py|mjs)\b"            # a file name
        r"|\b(?:null|None|undefined|NaN)\b")


WORDS = _pattern()


class _Text(HTMLParser):
    HIDDEN = {"script", "style", "template", "svg", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.depth += 1
        for name, value in attrs:  # what a screen reader or a tooltip says is read as well
            if name in ("title", "aria-label", "placeholder", "alt") and value and not self.depth:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def hits(text: str) -> list[str]:
    return [text[max(0, m.start() - 20):m.end() + 10].replace("\n", " ") for m in WORDS.finditer(text)]


PAGES = sorted(str(p.relative_to(SITE)) for p in SITE.rglob("index.html")) if SITE.exists() else []


def test_the_pattern_catches_what_the_issue_saw():
    for bad in ("转述见 lishu-school-2022", "见 conflicts.yaml 的 ruzhou-b2-mixed", "（share_base）——all_teachers",
                "本页由 data/profiles/kaiyuan-2024.yaml 生成", "值为 null", "按 national-2019.yaml 的格式",
                "按 teacher_dimensions_min 检查"):
        assert hits(bad), bad
    for good in ("开原市（2024）四(四)", "A1、B2、1-2", "《开原市中小学教师信息技术应用能力提升工程2.0实施方案》",
                 "/profiles/kaiyuan-2024/", "2024-06-30", "Excel .xlsx", "CSV"):
        assert not hits(good), good


def test_every_page_is_built():
    assert len(PAGES) >= 20, PAGES


@pytest.mark.parametrize("page", [p for p in PAGES if p not in HOST_PAGES])
def test_page_text_has_no_maintainer_words(page):
    found = hits(visible_text((SITE / page).read_text(encoding="utf-8")))
    assert not found, f"{page}: {found[:10]}"


def _user_strings(value: Any, key: str = "", path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _user_strings(v, k, f"{path}.{k}")]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _user_strings(v, key, f"{path}[{i}]")]
    if isinstance(value, str) and (key in USER_KEYS or key.endswith("label") or key.endswith("title")):
        return [(path, value)]
    return []


CASES = [(tool, c) for tool in sorted(p.stem for p in (DATA / "cases").glob("*.yaml")) for c in cases(tool)]


@pytest.mark.parametrize("tool,case", CASES, ids=[c["id"] for _, c in CASES])
def test_case_answers_have_no_maintainer_words(tool, case):
    request = {"tool": case.get("tool", tool), "profile": case["profile"], "input": case["input"]}
    if "reading" in case:
        request["reading"] = case["reading"]
    response = api.evaluate(request)
    strings = _user_strings(response)
    assert strings, "the answer has no text to check"
    found = [(path, h) for path, s in strings for h in hits(s)]
    assert not found, f"{case['id']}: {found[:10]}"


def _sources(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        own = [value["source"]] if isinstance(value.get("source"), dict) else []
        return own + [s for v in value.values() for s in _sources(v)]
    if isinstance(value, list):
        return [s for v in value for s in _sources(v)]
    return []


def test_every_staff_list_cites_its_documents_by_title():
    """A staff list's 依据 names each document by its title: the hours list gave 开原's id (kaiyuan-2024) instead."""
    import golden  # noqa: E402  (scripts/, put on the path by tests.helpers)

    runs = [(name, run) for name, run in golden.answers() if name.startswith("batch/")]
    for pid in sorted(snapshot.load()["profiles"]):
        runs.append((f"batch/evidence/{pid}", lambda pid=pid: api.batch(
            {"tool": "evidence", "profile": pid, "filename": "名单.csv"}, "姓名,线上学时,实践学时\n甲,25,25\n".encode())))
    assert {name.split("/")[1] for name, _ in runs} >= {"hours", "grade", "evidence"}
    for name, run in runs:
        answer = run()
        answer = answer.get("result", answer)
        if not answer.get("ok", True):
            continue  # a profile without this tool's rules: nothing cited
        untitled = [s for s in _sources(answer) if s.get("doc") and not s.get("title")]
        assert not untitled, f"{name}: {untitled[:3]}"
