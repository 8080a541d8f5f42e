"""How many dimensions a school's range covers at least (points.school_dimensions_min)."""

from __future__ import annotations

from ....core.model import Finding, in_force
from ....core.model import finding as make_finding
from ..context import Ctx
from ..coverage import Coverage
from ..findings import relies_on
from ..requirements import Need

SECTION, KEY = "points", "school_dimensions_min"
VALUE = ASK = "count"
ORDER = {"school": 30}
COVERAGE = Coverage("school", "dimension")
require, requirement, target = COVERAGE.require, COVERAGE.requirement, COVERAGE.target


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    found = COVERAGE.school_finding(in_force(ctx.rules, KEY), ctx, need, codes, scope, "还缺")
    if found is None:
        return None
    rule, dims, msg = found
    want = need.covers("school", "dimension") or 0
    relies, why = relies_on(ctx.cat, codes, "dimension")
    return make_finding(f"{SECTION}.{KEY}", rule, len(dims) >= want, msg + why, scope="school", required=want,
                   actual=len(dims), dimensions=dims, relies_on_unconfirmed=relies)
