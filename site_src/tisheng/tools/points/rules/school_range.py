"""The school's own range of points (points.school_range): a teacher chooses from it, unless the document lets her
choose more (extra_points_allowed), which then do not count towards her number."""

from __future__ import annotations

from ....core.model import finding as make_finding
from ....core.model import Finding, in_force
from ..catalog import codes_text, point_names
from ..context import Ctx
from ..findings import range_rule
from ..requirements import Need

SECTION, KEY = "points", "school_range"
ASK = "codes"
ORDER = {"teacher": 40}


def fits(ctx: Ctx, need: Need, codes: list[str], counted: list[str]) -> bool:
    return ctx.range is None or need.extras or all(c in ctx.range for c in codes)


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    if scope != "teacher" or ctx.range is None:
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
    return make_finding(f"{SECTION}.{KEY}", rule, met, msg, scope="teacher", outside=outside,
                   school_range=list(ctx.range), relies_on_unconfirmed=[])
