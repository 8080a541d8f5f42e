"""How many points a school's range has (points.school_range_size)."""

from __future__ import annotations

from typing import Any

from ....core.model import finding as make_finding
from ....core.model import Finding, in_force
from ..context import Ctx
from ..counting import count_units, unit_word, units_text
from ..findings import with_conflict
from ..readings import value_of
from ..requirements import Need

SECTION, KEY = "points", "school_range_size"
VALUE = ASK = "count"
ORDER = {"school": 10}


def require(need: Need, value: Any, ctx: Ctx) -> None:
    need.size = int(value)


def requirement(need: Need) -> int | None:
    return need.size


def target(need: Need, t: Any) -> None:
    t.size = need.size


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule = in_force(ctx.rules, KEY)
    if scope != "school" or rule is None or need.size is None:
        return None
    chosen = value_of(rule, ctx.readings)
    n, want, unit = count_units(ctx, codes), need.size, unit_word(ctx)
    msg = f"学校范围有 {n} {unit_word(ctx, True)}{units_text(ctx, codes)}，方案规定选取 {want} {unit}"
    msg += "，符合。" if n == want else (f"，还差 {want - n} {unit}。" if n < want else f"，多了 {n - want} {unit}。")
    for r in chosen.readings:
        if r.get("id") != chosen.reading:
            msg += f"另一读法：{r.get('label')}。"
    msg, extra = with_conflict(ctx, f"{SECTION}.{KEY}", msg)
    return make_finding(f"{SECTION}.{KEY}", rule, n == want, msg, scope="school", reading=chosen.reading,
                   required=want, actual=n, relies_on_unconfirmed=[], **extra)
