"""The teacher check: each kind of rule's finding on her choice (her count, or her age's; her dimensions; the school's
range) and the classrooms; and, when she fails, the smallest changes that pass (found by the exact search, with the
kinds' ``fits`` as its test)."""

from __future__ import annotations

from typing import Any

from ...core import registry
from ...core.catalogs import env_label
from ...core.model import Finding
from .catalog import codes_text, dims_of
from .context import Ctx, unavailable
from .findings import env_finding
from .messages import infeasible, suggestion
from .requirements import Need, counted_points
from .search import Check, candidates, smallest_changes


def teacher_findings(ctx: Ctx, need: Need, codes: list[str]) -> list[Finding]:
    """Each kind's finding on her choice, in the kinds' teacher order, then whether the school has the classrooms."""
    found = [k.finding(ctx, need, codes, "teacher") for k in scoped("teacher")]
    found.append(env_finding(ctx, codes, "teacher"))
    return [f for f in found if f is not None]


def scoped(scope: str) -> list[registry.Kind]:
    """The kinds that report in this check, in its order."""
    return sorted((k for k in registry.kinds("points", having="ORDER") if scope in k.ORDER),
                  key=lambda k: k.ORDER[scope])


def _teacher_ok(ctx: Ctx, need: Need, strict: bool) -> Check:
    kinds = registry.kinds("points", having="fits")

    def ok(codes: list[str]) -> bool:
        counted = counted_points(ctx, need, codes)
        if not all(k.fits(ctx, need, codes, counted) for k in kinds):
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
    wants = [w for k in registry.kinds("points", having="want") if (w := k.want(need))]
    return (f"{scope}只有 {size} 个能力点、覆盖 {len(dims)} 个维度，选不出满足要求（{'、'.join(wants)}）的组合，"
            f"请学校调整范围或上传本省清单。")
