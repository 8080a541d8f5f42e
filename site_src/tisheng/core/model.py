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


def in_force(section: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    """The rule a profile states under ``section[key]``, or None when it states none.

    Readings are applied to the profile before a tool runs (``readings.apply``), so this is the rule in force
    under the reading the user chose; ``inherited_from`` and ``reading`` on it say where it came from.
    """
    rule = stated(section, key)
    return rule if rule is not None and rule.get("value") is not None else None


def stated(section: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    """The rule under ``section[key]`` even when the document gives it no value (``value: null``: it says a
    thing is done, e.g. 获奖加分, but not how much), or None when the profile does not mention it."""
    rule = (section or {}).get(key)
    return rule if isinstance(rule, dict) else None


def required(item: Any) -> tuple[str, bool]:
    """A component's requirement (grading.components[].requires) as (its words, whether it is a thing to do rather
    than a material to hand in): "个人研修方案", or {task: "按时参加学校集中培训"}."""
    if isinstance(item, dict):
        return str(item.get("task") or ""), True
    return str(item), False


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
