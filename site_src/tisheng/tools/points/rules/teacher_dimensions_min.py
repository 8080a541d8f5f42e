"""How many dimensions a teacher's points cover at least (points.teacher_dimensions_min)."""

from __future__ import annotations

from typing import Any

from ....core.model import finding as make_finding
from ....core.model import Finding, in_force
from ..catalog import dims_of, dims_text
from ..context import Ctx
from ..coverage import Coverage
from ..findings import relies_on
from ..readings import conflict_for
from ..requirements import Need, counted_points

SECTION, KEY = "points", "teacher_dimensions_min"
VALUE = ASK = "count"
ORDER = {"teacher": 30, "school": 50}

COVERAGE = Coverage("teacher", "dimension")
require, requirement, target = COVERAGE.require, COVERAGE.requirement, COVERAGE.target
fits, want = COVERAGE.fits, COVERAGE.want


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule = in_force(ctx.rules, KEY)
    want_n = need.covers("teacher", "dimension")
    if rule is None or want_n is None:
        return None
    counted = counted_points(ctx, need, codes)
    dims = dims_of(ctx.cat, counted)
    if scope == "school":
        msg = f"学校范围覆盖 {len(dims)} 个维度（{dims_text(dims)}），教师须覆盖至少 {want_n} 个维度，"
        msg += "能从范围中选出。" if len(dims) >= want_n else "无法从范围中选出。"
    else:
        msg = f"所选能力点覆盖 {len(dims)} 个维度（{dims_text(dims)}），要求至少 {want_n} 个"
        msg += "，符合。" if len(dims) >= want_n else f"，还差 {want_n - len(dims)} 个维度。"
    relies, why = relies_on(ctx.cat, counted, "dimension")
    conf = conflict_for(ctx.pid, f"{SECTION}.{KEY}")
    extra: dict[str, Any] = {}
    if conf is not None:
        own = (rule.get("source") or {}).get("doc")
        others = [r["label"] for r in conf.get("readings") or [] if (r.get("source") or {}).get("doc") != own]
        if others:  # said beside the finding on screen; never part of one document's answer or printed plan
            extra["others"] = f"其他方案要求不同：{'；'.join(others)}。"
        extra["conflict"] = conf["id"]
    return make_finding(f"{SECTION}.{KEY}", rule, len(dims) >= want_n, msg + why, scope=scope, required=want_n,
                   actual=len(dims), dimensions=dims, shortfall=max(0, want_n - len(dims)),
                   relies_on_unconfirmed=relies, **extra)
