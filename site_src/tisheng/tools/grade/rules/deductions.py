"""Points taken off a score (grading.deductions): each named, each a non-zero number of points."""

from __future__ import annotations

from typing import Any

from ....core.checks import Checker, num

SECTION, KEY = "grading", "deductions"
ASK = "deductions"


def validate(c: Checker, key: str, deds: Any, section: dict[str, Any]) -> None:
    if not isinstance(deds, list) or not all(isinstance(x, dict) and x.get("id") and num(x.get("points"))
                                             and x["points"] != 0 for x in deds):
        c.err(key, "每个扣分项须有名称和不为 0 的分值", "每项须有 id 和非零的 points（扣分写负数）")
