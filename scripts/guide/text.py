"""Escaping and small formatters for the guide pages: every data string is escaped for both HTML and Markdown
before it is put on a page (the macros' output is Markdown with inline HTML, inserted before conversion)."""

from __future__ import annotations

import html
import re
from typing import Any

from tisheng.core.vocabulary import Vocabulary

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
ID_RE = re.compile(r"conflicts\.yaml|catalogs/([a-z0-9-]+)\.yaml|"
                   r"(?<![A-Za-z0-9_./-])([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)(?![A-Za-z0-9_-])")


def tidy(text: str, vocab: Vocabulary) -> str:
    """Maintainers' asides a note may carry, in users' words: "（ratio_base=required）" goes, "null" is 空,
    "按 county 级" is 按县级, the catalog's status words are their Chinese labels."""
    text = re.sub(r"（[a-z_]+=[a-z_]+）", "", text)
    text = re.sub(r"（null）", "", text)
    text = re.sub(r"\bnull\b", "空", text)
    short = {lv["id"]: lv["short"] for lv in vocab.levels}
    text = re.sub(r"按 ?(" + "|".join(short) + r") ?级", lambda m: "按" + short[m.group(1)] + "级", text)
    text = re.sub(r"status 为 ", "可信程度分为", text)
    words = [(s, f"“{x['word']}”") for s, x in vocab.statuses.items() if not x.get("uploaded_only")]
    for word, label in (*words, ("candidates", "候选名称")):
        text = re.sub(r"(?<![A-Za-z_/.-])" + word + r"(?![A-Za-z_-])", label, text)
    for word, label in (("name_simplified", "简体名"), ("name", "名称"), ("teachers", "教师人数"),
                        ("age_min、age_max", "年龄上下限")):
        text = re.sub(r"(?<![A-Za-z_/.-])" + word + r"(?=（| 均)", label, text)
    return text.replace("本站本站", "本站").replace("reference/ability-points.md", "本站整理的微能力点资料")


class GuideError(Exception):
    """A page asks for something the data does not have."""


_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",  # HTML
            "|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",  # Markdown
            "\\": "&#92;", "#": "&#35;", "{": "&#123;", "}": "&#125;", "~": "&#126;", "^": "&#94;"}


def esc(value: Any) -> str:
    """A data string made safe for HTML and for Markdown (tables, emphasis, links, attr_list, headings)."""
    text = re.sub(r"\s*\n\s*", " ", "" if value is None else str(value)).replace("（null）", "")
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def code(value: Any) -> str:
    """An inline code span (entities are not decoded inside code, so only backticks are removed)."""
    return "`" + str(value).replace("`", "") + "`"


def anchor_id(text: str) -> str:
    return re.sub(r"[\s#{}<>&\"']+", "", text)


def attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def pct(value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return esc(value)
    return num(round(value * 100, 2)) + "%"


def date_zh(value: Any) -> str:
    m = DATE_RE.match(str(value or ""))
    if not m:
        return esc(value)
    y, mo, d = m.groups()
    out = f"{int(y)}年"
    if mo:
        out += f"{int(mo)}月"
    if d:
        out += f"{int(d)}日"
    return out


def span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{text}</span>'


def indent(text: str, n: int = 4) -> str:
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def ul(items: list[str], ordered: bool = False) -> str:
    """A list that may stand inside a table cell: spans with list roles (block tags such as <ul> would end the
    cell's Markdown table inside md_in_html blocks)."""
    if not items:
        return ""
    cls = "tg-list tg-list--ol" if ordered else "tg-list"
    return (f'<span class="{cls}" role="list">'
            + "".join(f'<span class="tg-li" role="listitem">{i}</span>' for i in items) + "</span>")


def cell(label: str) -> str:
    """A column label inside a cell, shown only where a narrow screen stacks the table's cells."""
    return f'<span class="tg-cell-label">{label}：</span>'


def stack(table: str) -> str:
    """Wrap a Markdown table so that a phone shows each row as a card (see guide.css)."""
    return '<div class="tg-stack" markdown>\n\n' + table + "\n\n</div>"


def is_num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
