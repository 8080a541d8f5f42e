"""Whether a teacher may choose points outside the school's range (points.extra_points_allowed); those do not count
towards her number."""

from __future__ import annotations

from typing import Any

from ..context import Ctx
from ..requirements import Need

SECTION, KEY = "points", "extra_points_allowed"


def require(need: Need, value: Any, ctx: Ctx) -> None:
    need.extras = bool(value)


def requirement(need: Need) -> bool:
    return need.extras
