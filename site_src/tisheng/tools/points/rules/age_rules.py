"""How many points a teacher chooses by her age (points.age_rules), where the document sets no one number for all:
her number in the teacher check; in the school check, whether the range lets the oldest group choose enough."""

from __future__ import annotations

from typing import Any

from ....core.model import finding as make_finding
from ....core.checks import Checker, count
from ....core.model import Finding, cite, in_force
from ..context import Ctx
from ..counting import count_units, partial_text, unit_word, units_text
from ..findings import all_items_note, relies_on, with_conflict
from ..readings import Value, value_of
from ..requirements import Need, age_count, counted_points

SECTION, KEY = "points", "age_rules"
ASK = "age_rules"
ORDER = {"teacher": 20, "school": 60}


def decides_count(section: dict[str, Any]) -> bool:
    """Whether her age decides her number: an age rule and no number for everyone, or a number the document only
    inherits while the age rule is its own (a school's own file over its parent's number)."""
    age, count = in_force(section, KEY), in_force(section, "teacher_count_min")
    if age is None:
        return False
    return count is None or (age.get("inherited_from") is None and count.get("inherited_from") is not None)


def edge(ctx: Ctx) -> str:
    """Which group a teacher exactly at a shared age (“40岁以上”“40岁以下”) is in: the reading of points.age_edge,
    else the upper one."""
    rule = in_force(ctx.rules, "age_edge")
    return "under" if rule is not None and value_of(rule, ctx.readings).value == "under" else "over"


def _at_edge(groups: Any, age: int) -> bool:
    return age in {g.get("age_min") for g in groups or []} and age_count(groups, age - 1) is not None


def count_for(groups: Any, age: int, side: str) -> int | None:
    """Her number by her age, the edge age counted on ``side``."""
    return age_count(groups, age - 1 if side == "under" and _at_edge(groups, age) else age)


def require(need: Need, value: Any, ctx: Ctx) -> None:
    need.age_counts = [int(g["count_min"]) for g in value]
    if decides_count(ctx.rules):
        need.count_min = need.count_rule = None
        if ctx.age is not None:
            need.count_min, need.count_rule = count_for(value, ctx.age, edge(ctx)), f"{SECTION}.{KEY}"


def target(need: Need, t: Any) -> None:
    t.size_min = max([t.size_min, *need.age_counts])


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    return _teacher(ctx, need, codes) if scope == "teacher" else _school(ctx, codes)


def _readings(rule: dict[str, Any], chosen: Value, age: int, n: int, side: str) -> list[dict[str, Any]]:
    out = []
    for r in chosen.readings or [{"id": rule.get("reading"), "label": "", "value": rule["value"]}]:
        want = count_for(r.get("value"), age, side)
        out.append({"id": r.get("id"), "label": r.get("label"), "count_min": want,
                    "met": want is not None and n >= want, "used": r.get("id") == chosen.reading,
                    "default": r.get("id") == rule.get("reading"), "source": cite(r) if r.get("source") else None})
    return out


def _teacher(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, KEY)
    if rule is None or ctx.age is None or need.count_rule != f"{SECTION}.{KEY}" or need.count_min is None:
        return None
    chosen = value_of(rule, ctx.readings)
    counted = counted_points(ctx, need, codes)
    n, want, age, unit = count_units(ctx, counted), need.count_min, ctx.age, unit_word(ctx)
    side = edge(ctx)
    readings = _readings(rule, chosen, age, n, side)
    used = next((r for r in readings if r["used"]), readings[0])
    msg = f"{age} 岁，按{used['label'] or '方案规定'}，应至少选 {want} {unit_word(ctx, True)}；已选 {n} {unit}"
    msg += "（只计学校范围内的）" if len(counted) != len(codes) else ""
    msg += units_text(ctx, counted)
    msg += "，符合。" if n >= want else f"，还差 {want - n} {unit}。"
    msg += partial_text(ctx, counted)
    for other in (r for r in readings if not r["used"]):
        if other["met"]:
            verdict = "同样符合" if n >= want else "则符合"
        else:
            verdict = ("则不符合" if n >= want else "同样不符合") + f"（还差 {(other['count_min'] or 0) - n} {unit}）"
        msg += f"另一读法（{other['label']}）应至少 {other['count_min']} {unit}，{verdict}。"
    msg += _boundary_note(chosen.value, age, n, unit, side) + _replaces(ctx, unit)
    msg += all_items_note(ctx, want)
    relies, why = relies_on(ctx.cat, counted, "name")
    msg, extra = with_conflict(ctx, f"{SECTION}.{KEY}", msg + why)
    return make_finding(f"{SECTION}.{KEY}", rule, n >= want, msg, scope="teacher", reading=chosen.reading, age=age,
                   required=want, actual=n, shortfall=max(0, want - n), readings=readings,
                   relies_on_unconfirmed=relies, **extra)


def _replaces(ctx: Ctx, unit: str) -> str:
    """Her own document's age rule stands over the number it inherits: say which number no longer applies."""
    count = in_force(ctx.rules, "teacher_count_min")
    if count is None:
        return ""
    return (f"本文件按年龄规定应选个数，沿用的“每位教师应选 {count['value']} {unit}”（上级文件的规定）不再适用。")


def _boundary_note(groups: Any, age: int, n: int, unit: str = "个", side: str = "over") -> str:
    """At exactly 40, "40岁以上" and "40岁以下" may both include her; show the other group's number too."""
    if not _at_edge(groups, age):
        return ""
    other = "over" if side == "under" else "under"
    want = count_for(groups, age, other) or 0
    words = {"over": "以上", "under": "以下"}
    verdict = "也符合" if n >= want else f"则还差 {want - n} {unit}"
    return (f"原文“{age}岁以上”“{age}岁以下”都可能包含 {age} 岁，本次按“{words[side]}”计；"
            f"若按“{words[other]}”计应至少 {want} {unit}，{verdict}。")


def _school(ctx: Ctx, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, KEY)
    if rule is None:
        return None
    chosen = value_of(rule, ctx.readings)
    n, unit = count_units(ctx, codes), unit_word(ctx)
    readings: list[dict[str, Any]] = []
    for r in chosen.readings or [{"id": chosen.reading, "label": "", "value": chosen.value}]:
        most = max(int(g["count_min"]) for g in r["value"])
        readings.append({"id": r.get("id"), "label": r.get("label"), "count_min": most, "met": n >= most,
                         "used": r.get("id") == chosen.reading})
    used = next((r for r in readings if r["used"]), readings[0])
    want: int = used["count_min"]
    msg = f"学校范围有 {n} {unit_word(ctx, True)}{units_text(ctx, codes)}；按{used['label'] or '方案规定'}，教师最多须选 {want} {unit}，"
    msg += "可以选够。" if n >= want else f"不够选，至少还要 {want - n} {unit}。"
    for other in (r for r in readings if not r["used"]):
        if other["met"]:
            verdict = "同样够选" if n >= want else "则够选"
        else:
            verdict = "则不够选" if n >= want else "同样不够选"
        msg += f"另一读法（{other['label']}）最多须选 {other['count_min']} {unit}，{verdict}。"
    msg += all_items_note(ctx, want, _oldest(chosen.value or [], want))
    msg, extra = with_conflict(ctx, f"{SECTION}.{KEY}", msg)
    return make_finding(f"{SECTION}.{KEY}", rule, n >= want, msg, scope="school", reading=chosen.reading,
                   required=want, actual=n, readings=readings, relies_on_unconfirmed=[], **extra)


def _oldest(groups: list[dict[str, Any]], want: int) -> str:
    """The teachers who must choose the most, in words ("40岁以上的教师"), when one end of their ages is open."""
    top = next((g for g in groups if int(g["count_min"]) == want), None)
    if top is None:
        return ""
    if top.get("age_min") is not None and top.get("age_max") is None:
        return f"{top['age_min']}岁以上的教师"
    if top.get("age_max") is not None and top.get("age_min") is None:
        return f"{top['age_max'] + 1}岁以下的教师"
    return ""


def validate(c: Checker, where: str, rules: Any, section: dict[str, Any]) -> None:
    """Each group: a whole number of points, whole years from 0 to 100 at one end at least, the lower not above."""
    if not isinstance(rules, list) or not rules:
        c.err(where, "须至少写一条年龄规定", "必须是 {age_min, age_max, count_min} 的非空列表")
        return
    for i, r in enumerate(rules):
        key = f"{where}[{i}]"
        if not isinstance(r, dict) or not count(r.get("count_min")):
            c.err(key, "须写明这个年龄段至少选几个能力点（不小于 0 的整数）", "count_min 为整数")
            continue
        bounds = [r.get("age_min"), r.get("age_max")]
        if not all(b is None or (count(b) and b <= 100) for b in bounds) or bounds == [None, None]:
            c.err(key, "年龄须是 0–100 的整数，至少写一端", "age_min/age_max 为整数或 null")
        elif None not in bounds and bounds[0] > bounds[1]:
            c.err(key, f"起始年龄 {bounds[0]} 大于截止年龄 {bounds[1]}")
