"""One module per calculator; each exposes ``evaluate(profile, data) -> dict`` and raises nothing on bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import hours

Tool = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]

TOOLS: dict[str, Tool] = {
    "hours": hours.evaluate,
}

LABELS: dict[str, str] = {
    "hours": "学时自查",
    "points": "能力点选择",
    "grade": "成绩计算",
    "rollout": "名额分配",
}
