"""What the rules ask of a teacher and of a school, as numbers (``Need``), under the readings in use. Each kind of
rule (``rules/``) puts its own number here (``require``) and says it back in the answer (``requirement``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...core import registry
from ...core.model import in_force
from .context import Ctx
from .readings import value_of


@dataclass
class Need:
    count_min: int | None = None
    count_max: int | None = None
    count_rule: str | None = None  # the rule the teacher's count answers to: points.teacher_count_min or age_rules
    size: int | None = None
    extras: bool = False
    age_counts: list[int] = field(default_factory=list)  # every age group's minimum (school feasibility)
    cover: dict[str, dict[str, int]] = field(default_factory=dict)  # scope → dimension/environment → at least

    def covers(self, scope: str, attribute: str) -> int | None:
        return self.cover.get(scope, {}).get(attribute)

    def teacher_minimums(self) -> list[int]:
        """Every number a teacher's choice must reach: her count, the coverage asked of her."""
        return [n for n in (self.count_min, *self.cover.get("teacher", {}).values()) if n is not None]


def age_count(groups: Any, age: int) -> int | None:
    for g in groups or []:
        low, high = g.get("age_min"), g.get("age_max")
        if (low is None or age >= low) and (high is None or age <= high):
            return int(g["count_min"])
    return None


def needs(ctx: Ctx) -> Need:
    need = Need()
    for kind in registry.kinds("points", having="require"):
        if (rule := in_force(ctx.rules, kind.key)) is not None:
            kind.require(need, value_of(rule, ctx.readings).value, ctx)
    return need


def counted_points(ctx: Ctx, need: Need, codes: list[str]) -> list[str]:
    """The points a teacher's count rules look at: with extras allowed, only those inside the school's range."""
    if need.extras and ctx.range is not None:
        return [c for c in codes if c in ctx.range]
    return list(codes)


def requirements_of(need: Need) -> dict[str, Any]:
    return {kind.key: kind.requirement(need) for kind in registry.kinds("points", having="requirement")}
