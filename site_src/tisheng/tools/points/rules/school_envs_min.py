"""How many environments a school's range covers at least (points.school_envs_min)."""

from __future__ import annotations

from ....core.model import Finding, in_force
from ....core.model import finding as make_finding
from ..context import Ctx
from ..coverage import Coverage
from ..requirements import Need

SECTION, KEY = "points", "school_envs_min"
VALUE = ASK = "count"
ORDER = {"school": 20}
COVERAGE = Coverage("school", "environment")
require, requirement, target = COVERAGE.require, COVERAGE.requirement, COVERAGE.target


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    found = COVERAGE.school_finding(in_force(ctx.rules, KEY), ctx, need, codes, scope, "还差")
    if found is None:
        return None
    rule, envs, msg = found
    want = need.covers("school", "environment") or 0
    if ctx.available is not None and len(ctx.available) < want:
        msg += f"学校只有 {len(ctx.available)} 类环境的教室，按教室情况无法真正覆盖 {want} 个环境。"
    return make_finding(f"{SECTION}.{KEY}", rule, len(envs) >= want, msg, scope="school", required=want,
                   actual=len(envs), environments=envs, relies_on_unconfirmed=[])
