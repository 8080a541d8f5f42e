"""The teacher check: her count (or her age's), her dimensions, the school's range, the classrooms; and, when she fails,
the smallest changes that pass (found by the exact search)."""

from __future__ import annotations

from typing import Any

from ...core.catalogs import env_label
from ...core.model import Finding, cite, finding, in_force
from .catalog import codes_text, dims_of, point_names
from .context import Ctx, unavailable
from .counting import count_units, partial_text, unit_word, units_text
from .findings import all_items_note, count_finding, dims_finding, env_finding, range_rule, relies_on, with_conflict
from .messages import infeasible, suggestion
from .readings import Value, value_of
from .requirements import Need, age_count, counted_points
from .search import Check, candidates, smallest_changes


def _age_readings(rule: dict[str, Any], chosen: Value, age: int, n: int) -> list[dict[str, Any]]:
    out = []
    for r in chosen.readings or [{"id": rule.get("reading"), "label": "", "value": rule["value"]}]:
        want = age_count(r.get("value"), age)
        out.append({"id": r.get("id"), "label": r.get("label"), "count_min": want,
                    "met": want is not None and n >= want, "used": r.get("id") == chosen.reading,
                    "default": r.get("id") == rule.get("reading"), "source": cite(r) if r.get("source") else None})
    return out


def _age_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "age_rules")
    if rule is None or ctx.age is None or need.count_rule != "points.age_rules" or need.count_min is None:
        return None
    chosen = value_of(rule, ctx.readings)
    counted = counted_points(ctx, need, codes)
    n, want, age, unit = count_units(ctx, counted), need.count_min, ctx.age, unit_word(ctx)
    readings = _age_readings(rule, chosen, age, n)
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
    msg += _boundary_note(chosen.value, age, n, unit)
    msg += all_items_note(ctx, want)
    relies, why = relies_on(ctx.cat, counted, "name")
    msg, extra = with_conflict(ctx, "points.age_rules", msg + why)
    return finding("points.age_rules", rule, n >= want, msg, scope="teacher", reading=chosen.reading, age=age,
                   required=want, actual=n, shortfall=max(0, want - n), readings=readings,
                   relies_on_unconfirmed=relies, **extra)


def _boundary_note(groups: Any, age: int, n: int, unit: str = "个") -> str:
    """At exactly 40, "40岁以上" and "40岁以下" may both include her; show the other group's number too."""
    bounds = {g.get("age_min") for g in groups or []} - {None}
    if age not in bounds:
        return ""
    below = age_count(groups, age - 1)
    if below is None:
        return ""
    verdict = "也符合" if n >= below else f"则还差 {below - n} {unit}"
    return f"原文“{age}岁以上”“{age}岁以下”都可能包含 {age} 岁，本站按“以上”计；若按“以下”计应至少 {below} {unit}，{verdict}。"


def _range_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    if ctx.range is None:
        return None
    outside = [c for c in codes if c not in ctx.range]
    where = "方案原文所列" if ctx.range_source == "profile" else "你填写的"
    if not outside:
        msg = f"所选能力点都在学校范围（{where}：{codes_text(ctx.range)}）内。"
        met = True
    elif need.extras:
        msg = (f"{point_names(ctx.cat, outside)} 不在学校范围（{where}：{codes_text(ctx.range)}）内；方案允许教师按需求和兴趣额外选择，"
               f"但额外选择的不计入应选个数。")
        met = True
    else:
        msg = (f"{point_names(ctx.cat, outside)} 不在学校范围（{where}：{codes_text(ctx.range)}）内，"
               f"应从学校选定的范围中选择。")
        met = False
    rule = in_force(ctx.rules, "extra_points_allowed") if need.extras and outside else range_rule(ctx)
    assert rule is not None
    return finding("points.school_range", rule, met, msg, scope="teacher", outside=outside,
                   school_range=list(ctx.range), relies_on_unconfirmed=[])


def teacher_findings(ctx: Ctx, need: Need, codes: list[str]) -> list[Finding]:
    found = [
        count_finding(ctx, need, codes, "teacher"),
        _age_finding(ctx, need, codes),
        dims_finding(ctx, need, codes, "teacher"),
        _range_finding(ctx, need, codes),
        env_finding(ctx, codes, "teacher"),
    ]
    return [f for f in found if f is not None]


def _teacher_ok(ctx: Ctx, need: Need, strict: bool) -> Check:
    def ok(codes: list[str]) -> bool:
        counted = counted_points(ctx, need, codes)
        if need.count_min is not None and count_units(ctx, counted) < need.count_min:
            return False
        if need.count_max is not None and count_units(ctx, counted) > need.count_max:
            return False
        if need.dims_min is not None and len(dims_of(ctx.cat, counted)) < need.dims_min:
            return False
        if ctx.range is not None and not need.extras and any(c not in ctx.range for c in codes):
            return False
        return not (strict and unavailable(ctx, codes))

    return ok


def teacher_suggestions(ctx: Ctx, need: Need, passed: bool) -> list[dict[str, Any]]:
    start = list(ctx.selected)
    if not passed:
        mandatory = [c for c in start if ctx.range is not None and not need.extras and c not in ctx.range]
        pool = candidates(ctx, ctx.range, start, strict=False)
        options = smallest_changes(ctx, need, start, mandatory, pool, _teacher_ok(ctx, need, strict=False))
        if not options:
            return [infeasible(_why_infeasible(ctx, need), advisory=False)]
        return [suggestion(ctx, need, start, o.final, "change", False) for o in options]
    missing = unavailable(ctx, start)
    if not missing:
        return []
    pool = candidates(ctx, ctx.range, start, strict=True)
    options = smallest_changes(ctx, need, start, missing, pool, _teacher_ok(ctx, need, strict=True))
    lead = f"若学校确实没有{'、'.join(dict.fromkeys(env_label(ctx.cat.env(c)) for c in missing))}的教室："
    if not options:
        return [infeasible(lead + "在学校有教室的环境中选不出符合要求的组合，请与学校管理团队商量。", advisory=True)]
    return [suggestion(ctx, need, start, options[0].final, "change", True, lead)]


def _why_infeasible(ctx: Ctx, need: Need) -> str:
    scope = f"学校范围（{codes_text(ctx.range)}）" if ctx.range is not None else f"《{ctx.cat.title}》"
    dims = dims_of(ctx.cat, ctx.range if ctx.range is not None else list(ctx.cat.points))
    size = len(ctx.range) if ctx.range is not None else len(ctx.cat.points)
    wants = [f"{need.count_min} 个能力点"] if need.count_min else []
    wants += [f"至少 {need.dims_min} 个维度"] if need.dims_min else []
    return (f"{scope}只有 {size} 个能力点、覆盖 {len(dims)} 个维度，选不出满足要求（{'、'.join(wants)}）的组合，"
            f"请学校调整范围或上传本省清单。")
