"""The school check: each kind of rule's finding on the range (its size, environments and dimensions, whether teachers
can choose from it); and, when it fails, the repaired range (from the school-range builder)."""

from __future__ import annotations

from typing import Any

from ...core.catalogs import env_label
from ...core.model import Finding
from .catalog import dims_of, envs_of
from .context import Ctx, unavailable
from .findings import env_finding
from .messages import infeasible, suggestion
from .requirements import Need
from .school_range import Target, school_fix, target_of
from .teacher import scoped


def school_findings(ctx: Ctx, need: Need, codes: list[str]) -> list[Finding]:
    """Each kind's finding on the range (its own rules, then whether teachers can meet theirs from it), in the kinds'
    school order, then which points need classrooms the school does not have."""
    found = [k.finding(ctx, need, codes, "school") for k in scoped("school")]
    found.append(env_finding(ctx, codes, "school"))
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
    t_envs, t_dims = t.cover.get("environment", 0), t.cover.get("dimension", 0)
    if len(envs) < t_envs:
        return f"{where}只属于 {len(envs)} 个环境，达不到覆盖至少 {t_envs} 个环境的要求；请检查目录或上传完整的本省清单。"
    if len(dims) < t_dims:
        return f"{where}只覆盖 {len(dims)} 个维度，达不到至少 {t_dims} 个维度的要求；请检查目录或上传完整的本省清单。"
    if t.size is not None and t.size < max([*t.cover.values(), t.size_min]):
        return f"方案规定的范围大小 {t.size} 个不足以同时满足维度、环境和教师选点的要求。"
    return f"{where}不足以组成满足全部要求的范围；请检查目录或上传完整的本省清单。"


def _strict_why(ctx: Ctx, t: Target) -> str:
    have = len(ctx.available or [])
    if t.cover.get("environment", 0) > have:
        return (f"方案要求学校范围覆盖至少 {t.cover['environment']} 个环境，学校只有 {have} 类环境的教室，做不到；"
                f"需要添置其他环境的教室，或向上级说明情况。")
    return "学校有教室的环境中的能力点不足以满足要求，请调整或上传本省清单。"
