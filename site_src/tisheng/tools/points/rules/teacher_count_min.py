"""How many points a teacher chooses at least (points.teacher_count_min), counted in the document's own units."""

from __future__ import annotations

from typing import Any

from ....core.model import finding as make_finding
from ....core.model import Finding, in_force
from ..context import Ctx
from ..counting import count_units, partial_text, unit_word, units_text
from ..findings import relies_on
from ..readings import conflict_for
from ..requirements import Need, counted_points

SECTION, KEY = "points", "teacher_count_min"
VALUE = ASK = "count"
ORDER = {"teacher": 10, "school": 40}


def require(need: Need, value: Any, ctx: Ctx) -> None:
    need.count_min, need.count_rule = int(value), f"{SECTION}.{KEY}"


def requirement(need: Need) -> int | None:
    return need.count_min


def fits(ctx: Ctx, need: Need, codes: list[str], counted: list[str]) -> bool:
    return need.count_min is None or count_units(ctx, counted) >= need.count_min


def target(need: Need, t: Any) -> None:
    t.size_min = max(t.size_min, need.count_min or 0)


def want(need: Need) -> str | None:
    return f"{need.count_min} 个能力点" if need.count_min else None


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule = in_force(ctx.rules, KEY)
    if rule is None or need.count_min is None or need.count_rule != f"{SECTION}.{KEY}":
        return None
    counted = counted_points(ctx, need, codes)
    n, want_n, unit = count_units(ctx, counted), need.count_min, unit_word(ctx)
    if scope == "school":
        met = n >= want_n
        msg = (f"学校范围有 {n} {unit_word(ctx, True)}{units_text(ctx, counted)}，教师须选 {want_n} {unit}，"
               + ("可以选够。" if met else f"不够选，至少还要 {want_n - n} {unit}。") + partial_text(ctx, counted))
        return _finding(rule, met, msg, scope=scope, required=want_n, actual=n, relies_on_unconfirmed=[])
    met = n >= want_n and (need.count_max is None or n <= need.count_max)
    said = (rule.get("source") or {}).get("quote") or ""
    first, units = unit_word(ctx, True), units_text(ctx, counted)
    if n < want_n:
        msg = f"已选 {n} {first}{units}，要求 {want_n} {unit}，还差 {want_n - n} {unit}。"
    elif need.count_max is not None and n > need.count_max:
        msg = (f"已选 {n} {first}{units}，按“恰好 {need.count_max} {unit}”的读法最多 {need.count_max} {unit}，"
               f"多了 {n - need.count_max} {unit}（文件原文：“{said}”）。")
    else:
        msg = f"已选 {n} {first}{units}，达到 {want_n} {unit}的要求。"
        if n > want_n and need.count_max is None:
            msg += f"文件原文是“{said}”，未说明能否多选；本次按至少 {want_n} {unit}检查，多选不判为不符合。"
    msg += partial_text(ctx, counted)
    relies, why = relies_on(ctx.cat, counted, "name")
    conf = conflict_for(ctx.pid, f"{SECTION}.{KEY}") if n > want_n or need.count_max is not None else None
    extra = {"conflict": conf["id"]} if conf else {}
    return _finding(rule, met, msg + why, scope=scope, required=want_n, actual=n, shortfall=max(0, want_n - n),
                    relies_on_unconfirmed=relies, **extra)


def _finding(rule: dict[str, Any], met: bool, message: str, **extra: Any) -> Finding:
    return make_finding(f"{SECTION}.{KEY}", rule, met, message, **extra)
