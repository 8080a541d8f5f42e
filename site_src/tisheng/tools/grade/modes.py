"""How a teacher is graded under a profile: weighted components, a composition of two parts, or a given 等次."""

from __future__ import annotations

from typing import Any

from ...core.model import stated


def rule_value(section: dict[str, Any], key: str) -> Any:
    rule = stated(section, key)
    return rule.get("value") if rule else None


def mode(profile: dict[str, Any]) -> str | None:
    """How a teacher is graded under this profile: components, composition, score (a score entered, banded by the
    document's own lines: a school's file that states only them), given (a 等次), or None.

    A 等次 is given either by a certification with school-wide rates (开原) or by an assessor with no score lines
    (张楼's 教研组组长: ``grade_levels``)."""
    section = profile.get("grading") or {}
    if rule_value(section, "components"):
        return "components"
    if rule_value(section, "final_composition"):
        return "composition"
    own = stated(section, "bands")
    if own and own.get("value") and own.get("inherited_from") is None:
        return "score"  # the document's own score lines and no way of adding a score up: the score is entered

    if rule_value(section, "school_pass_rate_min") is not None or rule_value(section, "school_excellent_rate_max") is not None:
        return "given"
    if rule_value(section, "grade_levels"):
        return "given"
    return None


def grading_profiles(snapshot_profiles: dict[str, Any]) -> list[str]:
    return [pid for pid, prof in snapshot_profiles.items() if mode(prof)]
