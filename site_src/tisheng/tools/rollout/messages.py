"""The notes shown beside a verdict: the base's readings, pilots the tool does not take, conflicts, the deadline."""

from __future__ import annotations

from typing import Any

from ...core import snapshot
from ...core.model import cite, in_force
from .context import Ctx
from .values import BASES, PILOT_KINDS


def notes_of(ctx: Ctx, pilot_year: str | None, reading: str) -> list[dict[str, Any]]:
    """What the verdict is measured against, shown beside it: the base's readings, conflicts, pilots, deadline."""
    notes: list[dict[str, Any]] = []
    base = in_force(ctx.section, "share_base")
    if base and base.get("readings") and pilot_year:
        others = "；".join(
            str(r.get("label"))
            for r in base["readings"]
            if isinstance(r, dict) and r.get("id") != reading
        )
        notes.append(
            {
                "rule": "rollout.share_base",
                "message": f"比例的基数原文未写明。本次{BASES[reading]}；另一种读法是{others}。",
                "source": cite(base),
                "reading": reading,
            }
        )
    pilot = in_force(ctx.section, "pilot")
    if pilot and isinstance(pilot["value"], dict) and not pilot["value"].get("groups"):
        counts = "、".join(
            f"{PILOT_KINDS.get(k, k)} {v} {ctx.unit}"
            for k, v in pilot["value"].items()
            if k != "year" and isinstance(v, int)
        )
        notes.append(
            {
                "rule": "rollout.pilot",
                "message": f"文件另有 {pilot['value'].get('year')} 年的试点安排（{counts}），未说明是否计入当年比例，"
                "本工具不自动扣除。",
                "source": cite(pilot),
            }
        )
    for conflict in snapshot.load().get("conflicts") or []:
        if conflict.get("kind") == "table-mismatch" and ctx.profile.get("id") in (conflict.get("profiles") or []):
            notes.append(
                {
                    "rule": "conflict",
                    "conflict": conflict.get("id"),
                    "message": f"另见文件中的矛盾：{conflict.get('title')}。",
                }
            )
    if rule := in_force(ctx.section, "deadline"):
        notes.append(
            {
                "rule": "rollout.deadline",
                "message": f"推进须在 {rule['value']} 前完成。",
                "source": cite(rule),
                "inherited_from": rule.get("inherited_from"),
            }
        )
    return notes
