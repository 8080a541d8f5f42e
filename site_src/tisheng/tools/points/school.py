"""The school check: the range's size, environments and dimensions, whether teachers can choose from it; and, when it
fails, the repaired range (from the school-range builder)."""

from __future__ import annotations

from typing import Any

from ...core.catalogs import env_label
from ...core.model import Finding, finding, in_force
from .catalog import dims_of, dims_text, envs_of
from .context import Ctx, unavailable
from .counting import count_units, unit_word, units_text
from .findings import all_items_note, count_finding, dims_finding, env_finding, relies_on, with_conflict
from .messages import infeasible, suggestion
from .readings import value_of
from .requirements import Need
from .school_range import Target, school_fix, target_of


def _size_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "school_range_size")
    if rule is None or need.size is None:
        return None
    chosen = value_of(rule, ctx.readings)
    n, want, unit = count_units(ctx, codes), need.size, unit_word(ctx)
    msg = f"学校范围有 {n} {unit_word(ctx, True)}{units_text(ctx, codes)}，方案规定选取 {want} {unit}"
    msg += "，符合。" if n == want else (f"，还差 {want - n} {unit}。" if n < want else f"，多了 {n - want} {unit}。")
    for r in chosen.readings:
        if r.get("id") != chosen.reading:
            msg += f"另一读法：{r.get('label')}。"
    msg, extra = with_conflict(ctx, "points.school_range_size", msg)
    return finding("points.school_range_size", rule, n == want, msg, scope="school", reading=chosen.reading,
                   required=want, actual=n, relies_on_unconfirmed=[], **extra)


def _coverage_finding(ctx: Ctx, codes: list[str], key: str, want: int | None) -> Finding | None:
    """Does the range cover enough environments (school_envs_min) or dimensions (school_dimensions_min)?"""
    rule = in_force(ctx.rules, key)
    if rule is None or want is None:
        return None
    if key == "school_envs_min":
        envs = envs_of(ctx.cat, codes)
        msg = _coverage(len(envs), "、".join(env_label(e) for e in envs) or "无", want, "环境", "还差")
        if ctx.available is not None and len(ctx.available) < want:
            msg += f"学校只有 {len(ctx.available)} 类环境的教室，按教室情况无法真正覆盖 {want} 个环境。"
        return finding("points.school_envs_min", rule, len(envs) >= want, msg, scope="school", required=want,
                       actual=len(envs), environments=envs, relies_on_unconfirmed=[])
    dims = dims_of(ctx.cat, codes)
    msg = _coverage(len(dims), dims_text(dims), want, "维度", "还缺")
    relies, why = relies_on(ctx.cat, codes, "dimension")
    return finding("points.school_dimensions_min", rule, len(dims) >= want, msg + why, scope="school",
                   required=want, actual=len(dims), dimensions=dims, relies_on_unconfirmed=relies)


def _coverage(n: int, names: str, want: int, unit: str, short: str) -> str:
    """"学校范围覆盖 2 个环境（…），要求至少 2 个，符合。", or "…，还差 1 个环境。"."""
    msg = f"学校范围覆盖 {n} 个{unit}（{names}），要求至少 {want} 个"
    return msg + ("，符合。" if n >= want else f"，{short} {want - n} 个{unit}。")


def _age_feasible_finding(ctx: Ctx, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "age_rules")
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
    groups = chosen.value or []
    top = next((g for g in groups if int(g["count_min"]) == want), None)
    who = ""
    if top is not None:
        who = (f"{top['age_min']}岁以上的教师" if top.get("age_min") is not None and top.get("age_max") is None
               else f"{top['age_max'] + 1}岁以下的教师" if top.get("age_max") is not None and top.get("age_min") is None
               else "")
    msg += all_items_note(ctx, want, who)
    msg, extra = with_conflict(ctx, "points.age_rules", msg)
    return finding("points.age_rules", rule, n >= want, msg, scope="school", reading=chosen.reading,
                   required=want, actual=n, readings=readings, relies_on_unconfirmed=[], **extra)


def school_findings(ctx: Ctx, need: Need, codes: list[str]) -> list[Finding]:
    found = [
        _size_finding(ctx, need, codes),
        _coverage_finding(ctx, codes, "school_envs_min", need.envs_min),
        _coverage_finding(ctx, codes, "school_dimensions_min", need.school_dims_min),
        count_finding(ctx, need, codes, "school"),
        dims_finding(ctx, need, codes, "school"),
        _age_feasible_finding(ctx, codes),
        env_finding(ctx, codes, "school"),
    ]
    return [f for f in found if f is not None]


def school_suggestions(ctx: Ctx, need: Need, start: list[str], passed: bool, built: bool) -> list[dict[str, Any]]:
    t = target_of(need)
    out: list[dict[str, Any]] = []
    if built:
        out.append(suggestion(ctx, need, [], start, "build", False, valid=passed))
        if not passed:
            out.append(infeasible(_catalog_why(ctx, t), advisory=False))
    elif not passed:
        fixed, ok = school_fix(ctx, t, start, strict=False, build=False)
        out.append(suggestion(ctx, need, start, fixed, "change", False) if ok else infeasible(
            _catalog_why(ctx, t), advisory=False))
    missing = unavailable(ctx, out[0]["result"] if out and out[0]["result"] else start)
    if missing:
        base = out[0]["result"] if out and out[0]["result"] else start
        lead = f"若只用学校有教室的环境（{'、'.join(env_label(e) for e in sorted(ctx.available or []))}）："
        fixed, ok = school_fix(ctx, t, base, strict=True, build=False)
        if ok:
            out.append(suggestion(ctx, need, start, fixed, "change", True, lead))
        else:
            out.append(infeasible(lead + _strict_why(ctx, t), advisory=True))
    return out


def _catalog_why(ctx: Ctx, t: Target) -> str:
    """Why no range in the catalog meets the rules."""
    named = [c for c in ctx.cat.points if ctx.cat.points[c].get("name") is not None]
    envs, dims = envs_of(ctx.cat, named), dims_of(ctx.cat, named)
    where = f"目录《{ctx.cat.title}》中有名称的能力点"
    if len(envs) < t.envs:
        return f"{where}只属于 {len(envs)} 个环境，达不到覆盖至少 {t.envs} 个环境的要求；请检查目录或上传完整的本省清单。"
    if len(dims) < t.dims:
        return f"{where}只覆盖 {len(dims)} 个维度，达不到至少 {t.dims} 个维度的要求；请检查目录或上传完整的本省清单。"
    if t.size is not None and t.size < max(t.dims, t.envs, t.size_min):
        return f"方案规定的范围大小 {t.size} 个不足以同时满足维度、环境和教师选点的要求。"
    return f"{where}不足以组成满足全部要求的范围；请检查目录或上传完整的本省清单。"


def _strict_why(ctx: Ctx, t: Target) -> str:
    have = len(ctx.available or [])
    if t.envs > have:
        return (f"方案要求学校范围覆盖至少 {t.envs} 个环境，学校只有 {have} 类环境的教室，做不到；"
                f"需要添置其他环境的教室，或向上级说明情况。")
    return "学校有教室的环境中的能力点不足以满足要求，请调整或上传本省清单。"
