"""How many points a teacher may choose at most (points.teacher_count_max): said in the count's own finding."""

from __future__ import annotations

from typing import Any

from ....core.checks import Checker, count, value_in
from ..context import Ctx
from ..counting import count_units
from ..requirements import Need

SECTION, KEY = "points", "teacher_count_max"
VALUE = ASK = "count"


def require(need: Need, value: Any, ctx: Ctx) -> None:
    need.count_max = int(value)


def requirement(need: Need) -> int | None:
    return need.count_max


def fits(ctx: Ctx, need: Need, codes: list[str], counted: list[str]) -> bool:
    return need.count_max is None or count_units(ctx, counted) <= need.count_max


def validate(c: Checker, key: str, hi: Any, section: dict[str, Any]) -> None:
    lo = value_in(section, "teacher_count_min")
    if count(lo) and count(hi) and hi < lo:
        c.err(key, f"最多选的个数（{hi}）小于至少选的个数（{lo}）")
