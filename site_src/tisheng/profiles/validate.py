"""The rules a profile must keep, the same for the build's data/ (``scripts/build_data.py``, through
``tisheng.api.check_profiles``) and a user's own file (``tisheng.profiles.local``).

Each rule's value is checked against its type (the vocabulary's, or its kind's ``VALUE``), and each kind of rule adds
its own checks (``validate``: weights that add up, bands without gaps, a deadline after its start, …). Problems are
``Problem(key, what, hint)`` (``tisheng.core.checks``): the build prints ``file: key: what（hint）``; the rules page
shows ``what`` beside the field ``key`` names. Also here: ``resolve``, which fills a profile's unstated rules from
its ``extends`` chain.
"""

from __future__ import annotations

from typing import Any

from ..core import registry, vocabulary
from ..core.checks import DATE_RE, Checker, Problem, check_value

LEVELS = {"national", "province", "city", "county", "school"}
SECTIONS = ("hours", "points", "grading", "rollout", "timeline", "roles", "school")
__all__ = ["Checker", "LEVELS", "Problem", "SECTIONS", "check_profile", "check_section", "resolve"]


def check_section(c: Checker, name: str, section: dict[str, Any]) -> None:
    """A section's rules: unknown keys where the vocabulary closes the section, each value against its type, then
    each kind's own checks."""
    v = vocabulary.get()
    closed = v.section(name).get("closed")
    for key, rule in section.items():
        word = v.rule(name, key)
        if word is None:
            if closed:
                c.err(f"{name}.{key}", f"未知的{v.section_title(name)}规则", f"可用：{', '.join(v.rule_keys(name))}")
            continue
        value = rule.get("value") if isinstance(rule, dict) else None
        if value is None:
            continue
        kind = registry.kind(name, key)
        check_value(c, f"{name}.{key}.value", getattr(kind, "VALUE", None) if kind and kind.has("VALUE")
                    else word.get("type"), value, tuple(v.hour_kinds))
    for kind in registry.kinds(name, having="validate"):
        rule = section.get(kind.key)
        if isinstance(rule, dict) and rule.get("value") is not None:
            kind.validate(c, f"{name}.{kind.key}.value", rule["value"], section)


def check_profile(c: Checker, prof: dict[str, Any], sections: tuple[str, ...] | None = None) -> None:
    """Every rule of a profile: its form (value, source, readings; every citation full) and its checks."""
    for name in sections or vocabulary.get().section_ids():
        section = prof.get(name)
        if section is None:
            continue
        if not isinstance(section, dict):
            c.err(name, "必须是规则的映射")
            continue
        for key, rule in section.items():
            c.rule(f"{name}.{key}", rule)
        check_section(c, name, {k: v for k, v in section.items() if isinstance(v, dict)})


def resolve(pid: str, raw: dict[str, Any], seen: tuple[str, ...] = (),
            done: dict[str, dict[str, Any]] | None = None, sections: tuple[str, ...] = SECTIONS) -> dict[str, Any]:
    """A profile with its ancestors' rules filled in; each inherited rule says where it came from.

    ``done`` holds profiles already resolved (the snapshot's, when a user's file extends one of them)."""
    if pid in seen:
        raise ValueError("extends 形成了循环：" + " → ".join((*seen, pid)))
    prof = raw[pid]
    parent_id = prof.get("extends")
    if done is not None and parent_id in done:
        base: dict[str, Any] = done[parent_id]
    else:
        base = resolve(parent_id, raw, (*seen, pid), done, sections) if parent_id in raw else {}
    out: dict[str, Any] = {k: v for k, v in prof.items() if k not in sections}
    out["catalog"] = prof.get("catalog") or base.get("catalog")
    out["lineage"] = [pid, *base.get("lineage", [])]
    # A school's own dates (its windows, deadlines, phases) are its schedule, not a rule for another school.
    schedule = base.get("level") == "school"
    skipped: list[dict[str, Any]] = []
    for name in sections:
        merged: dict[str, Any] = {}
        for key, rule in (base.get(name) or {}).items():
            if schedule and (name == "timeline" or _dated(rule.get("value"))) and key not in (prof.get(name) or {}):
                skipped.append({"rule": f"{name}.{key}", "from": rule.get("inherited_from") or parent_id})
                continue
            merged[key] = {**rule, "inherited_from": rule.get("inherited_from") or parent_id}
        for key, rule in (prof.get(name) or {}).items():
            merged[key] = {**rule, "inherited_from": None}
        if merged:
            out[name] = merged
    if skipped:
        out["schedule_not_inherited"] = skipped
    return out


def _dated(value: Any) -> bool:
    """A date (2021-04-18, 2021-04) or times of training (windows: start and end)."""
    if isinstance(value, str):
        return bool(DATE_RE.match(value))
    return isinstance(value, list) and any(isinstance(w, dict) and ("start" in w or "end" in w) for w in value)
