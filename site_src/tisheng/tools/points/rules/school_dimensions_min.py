"""How many dimensions a school's range covers at least (points.school_dimensions_min)."""

from __future__ import annotations

from typing import Any

from ....core.model import finding as make_finding
from ....core.model import Finding, in_force
from ..catalog import dims_of, dims_text
from ..context import Ctx
from ..coverage import kind_functions, school_text
from ..findings import relies_on
from ..requirements import Need

SECTION, KEY = "points", "school_dimensions_min"
VALUE = "count"
ASK = "count"
ORDER = {"school": 30}

require, requirement, target = kind_functions("school", "dimension")


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule, want = in_force(ctx.rules, KEY), need.covers("school", "dimension")
    if scope != "school" or rule is None or want is None:
        return None
    dims = dims_of(ctx.cat, codes)
    msg = school_text(len(dims), dims_text(dims), want, "维度", "还缺")
    relies, why = relies_on(ctx.cat, codes, "dimension")
    return make_finding(f"{SECTION}.{KEY}", rule, len(dims) >= want, msg + why, scope="school", required=want,
                   actual=len(dims), dimensions=dims, relies_on_unconfirmed=relies)
