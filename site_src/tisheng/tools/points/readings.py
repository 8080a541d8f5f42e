"""The point rules of a profile, the value of a rule under the reading in use, and the conflict that names it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core import registry, snapshot
from ...core.model import in_force


def rule_keys() -> tuple[str, ...]:
    """The point rules the check applies: the kinds that report a finding or test a choice."""
    return tuple(dict.fromkeys((*registry.keys("points", having="finding"), *registry.keys("points", having="fits"))))


def has_point_rules(profile: dict[str, Any]) -> bool:
    section = profile.get("points") or {}
    return any(in_force(section, key) for key in rule_keys())


def profiles_with_rules() -> list[str]:
    found = []
    for pid, prof in snapshot.load()["profiles"].items():
        if has_point_rules(prof):
            found.append(str(prof.get("short_title") or prof.get("title") or pid))
    return found


@dataclass
class Value:
    """A rule's value under the reading in use, and every reading for display."""

    value: Any
    reading: str | None
    readings: list[dict[str, Any]]


def value_of(rule: dict[str, Any], chosen: list[str]) -> Value:
    readings = [r for r in rule.get("readings") or [] if isinstance(r, dict)]
    for r in readings:
        if r.get("id") in chosen:
            return Value(r.get("value"), r["id"], readings)
    return Value(rule.get("value"), rule.get("reading"), readings)


def reading_ids(section: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for key in rule_keys():
        rule = in_force(section, key)
        for r in (rule or {}).get("readings") or []:
            if isinstance(r, dict) and isinstance(r.get("id"), str) and r["id"] not in ids:
                ids.append(r["id"])
    return ids


def conflict_for(profile_id: str, rule_id: str, kind: str | None = None) -> dict[str, Any] | None:
    """The first conflicts.yaml entry that names this rule (its `rules`) for this profile (and, if given, `kind`)."""
    for conf in snapshot.load().get("conflicts") or []:
        if (rule_id in (conf.get("rules") or []) and profile_id in (conf.get("profiles") or [])
                and (kind is None or conf.get("kind") == kind)):
            found: dict[str, Any] = conf
            return found
    return None
