"""How many environments a school's range covers at least (points.school_envs_min)."""

from __future__ import annotations

from typing import Any

from ....core.catalogs import env_label
from ....core.model import finding as make_finding
from ....core.model import Finding, in_force
from ..catalog import envs_of
from ..context import Ctx
from ..coverage import kind_functions, school_text
from ..requirements import Need

SECTION, KEY = "points", "school_envs_min"
VALUE = "count"
ASK = "count"
ORDER = {"school": 20}

require, requirement, target = kind_functions("school", "environment")


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule, want = in_force(ctx.rules, KEY), need.covers("school", "environment")
    if scope != "school" or rule is None or want is None:
        return None
    envs = envs_of(ctx.cat, codes)
    msg = school_text(len(envs), "、".join(env_label(e) for e in envs) or "无", want, "环境", "还差")
    if ctx.available is not None and len(ctx.available) < want:
        msg += f"学校只有 {len(ctx.available)} 类环境的教室，按教室情况无法真正覆盖 {want} 个环境。"
    return make_finding(f"{SECTION}.{KEY}", rule, len(envs) >= want, msg, scope="school", required=want,
                   actual=len(envs), environments=envs, relies_on_unconfirmed=[])
