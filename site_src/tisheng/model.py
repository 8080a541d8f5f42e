"""Findings, citations and number formatting shared by every tool."""

from __future__ import annotations

import math
from typing import Any, TypedDict

from . import snapshot


class Source(TypedDict, total=False):
    doc: str
    section: str
    quote: str
    via: str
    title: str
    via_title: str


class Finding(TypedDict, total=False):
    rule: str
    met: bool
    message: str
    source: Source
    inherited_from: str | None
    reading: str | None
    required: Any
    actual: Any
    shortfall: float


def fmt(x: float) -> str:
    """学时 and scores as people write them: 50, 12.5 — never 50.0 or 12.499999."""
    if x == int(x):
        return str(int(x))
    r = round(float(x), 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def pct(x: float) -> str:
    return fmt(x * 100) + "%"


def ceil1(x: float) -> float:
    """Round a shortfall up to one decimal so that adding it always meets the rule."""
    return math.ceil(x * 10 - 1e-6) / 10


def cite(rule: dict[str, Any]) -> Source:
    src: dict[str, Any] = dict(rule.get("source") or {})
    if "doc" in src:
        src["title"] = snapshot.source_title(src["doc"])
    if src.get("via") and src["via"] != src.get("doc"):  # the section is the via document's
        src["via_title"] = snapshot.source_title(src["via"])
    return src  # type: ignore[return-value]


def finding(rule_id: str, rule: dict[str, Any], met: bool, message: str, **extra: Any) -> Finding:
    f: dict[str, Any] = {
        "rule": rule_id,
        "met": met,
        "message": message,
        "source": cite(rule),
        "inherited_from": rule.get("inherited_from"),
    }
    if rule.get("reading"):
        f["reading"] = rule["reading"]
    f.update(extra)
    return f  # type: ignore[return-value]
