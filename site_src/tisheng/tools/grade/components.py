"""Weighted components (XX学校: 学校集中培训 15% + 线上自主学习 30% + 校本研修活动 30% + 成果打磨展示 25%)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...core.inputs import Errors
from ...core.model import fmt, pct, stated
from .request import read_components
from .scores import D, num
from .steps import Steps

IGNORED = ("peer", "leader", "bonus", "weights", "w_peer", "w_leader", "deductions", "late_submission", "late",
           "absent", "areas")


def score_components(section: dict[str, Any], data: dict[str, Any], errors: Errors,
                     steps: Steps) -> tuple[Decimal, dict[str, Any]] | None:
    """The weighted sum of the components and what the answer shows of them; None when the input has errors."""
    scores = read_components(section, data, errors)
    ignored = [k for k in IGNORED if data.get(k) not in (None, "")]
    if errors:
        return None
    comp_rule = stated(section, "components") or {}
    total = Decimal(0)
    parts = []
    for comp in comp_rule["value"]:
        w = D(comp["weight"])
        got = scores[comp["id"]] * w
        total += got
        parts.append({"id": comp["id"], "label": comp["label"], "score": num(scores[comp["id"]]),
                      "weight": float(w), "points": num(got)})
        if steps.detail:  # words cost more than the sum: written only for a teacher's own page
            steps.add(f"components.{comp['id']}",
                      f"{comp['label']}：{fmt(float(scores[comp['id']]))} 分 × {pct(float(w))} = {fmt(float(got))} 分",
                      {"source": comp.get("source") or comp_rule.get("source")}, got)
    steps.add("components.sum", f"{len(parts)} 个部分相加：{fmt(float(total))} 分（各部分占比合计 100%）",
              comp_rule, total)
    if ignored:
        steps.note("grade.ignored", f"本文件按研修环节计分，没有互评、领导评价、扣分和加分；已忽略：{'、'.join(ignored)}。",
                   comp_rule)
    return total, {"components": parts}
