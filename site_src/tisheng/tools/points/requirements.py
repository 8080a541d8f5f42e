"""What the rules ask of a teacher and of a school, as numbers (``Need``), under the readings in use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...core.model import in_force
from .context import Ctx
from .readings import value_of


@dataclass
class Need:
    count_min: int | None = None
    count_max: int | None = None
    count_rule: str | None = None  # "points.teacher_count_min" or "points.age_rules"
    dims_min: int | None = None
    size: int | None = None
    envs_min: int | None = None
    school_dims_min: int | None = None
    extras: bool = False
    age_counts: list[int] = field(default_factory=list)  # every age group's minimum (school feasibility)


def age_count(groups: Any, age: int) -> int | None:
    for g in groups or []:
        low, high = g.get("age_min"), g.get("age_max")
        if (low is None or age >= low) and (high is None or age <= high):
            return int(g["count_min"])
    return None


def needs(ctx: Ctx) -> Need:
    r = ctx.rules
    need = Need()
    if rule := in_force(r, "teacher_count_min"):
        need.count_min, need.count_rule = int(value_of(rule, ctx.readings).value), "points.teacher_count_min"
    if rule := in_force(r, "teacher_count_max"):
        need.count_max = int(value_of(rule, ctx.readings).value)
    if rule := in_force(r, "age_rules"):
        groups = value_of(rule, ctx.readings).value
        need.age_counts = [int(g["count_min"]) for g in groups]
        if need.count_min is None and ctx.age is not None:
            need.count_min, need.count_rule = age_count(groups, ctx.age), "points.age_rules"
    if rule := in_force(r, "teacher_dimensions_min"):
        need.dims_min = int(value_of(rule, ctx.readings).value)
    if rule := in_force(r, "school_range_size"):
        need.size = int(value_of(rule, ctx.readings).value)
    if rule := in_force(r, "school_envs_min"):
        need.envs_min = int(value_of(rule, ctx.readings).value)
    if rule := in_force(r, "school_dimensions_min"):
        need.school_dims_min = int(value_of(rule, ctx.readings).value)
    need.extras = bool((in_force(r, "extra_points_allowed") or {}).get("value"))
    return need


def counted_points(ctx: Ctx, need: Need, codes: list[str]) -> list[str]:
    """The points a teacher's count rules look at: with extras allowed, only those inside the school's range."""
    if need.extras and ctx.range is not None:
        return [c for c in codes if c in ctx.range]
    return list(codes)


def requirements_of(need: Need) -> dict[str, Any]:
    return {
        "teacher_count_min": need.count_min,
        "teacher_count_max": need.count_max,
        "teacher_dimensions_min": need.dims_min,
        "school_range_size": need.size,
        "school_envs_min": need.envs_min,
        "school_dimensions_min": need.school_dims_min,
        "extra_points_allowed": need.extras,
    }
