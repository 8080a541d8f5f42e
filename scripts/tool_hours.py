"""Sources for the declarations of 学时自查 (/tools/hours/) and 批量检查学时 (/tools/batch/), and the profile and
reading choices every tool page shares: options that come from the data snapshot (site_src/forms/*.yaml names them)."""

from __future__ import annotations

from typing import Any

from tisheng.core.readings import choices as reading_choices


def profile_option(pid: str, prof: dict[str, Any]) -> dict[str, str]:
    return {"value": pid, "label": f"{prof.get('short_title') or prof['title']} — {prof['title']}"}


def profiles(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """Every document."""
    return [profile_option(pid, prof) for pid, prof in data["profiles"].items()]


def hours_profiles(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """The documents that state an hours rule with a value."""
    return [profile_option(pid, prof) for pid, prof in data["profiles"].items()
            if any((r or {}).get("value") is not None for r in prof.get("hours", {}).values())]


def readings(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """Each document's other readings for the page's tool, one option each, marked with its profile (the page
    script shows the current profile's options only)."""
    return [{"value": value, "label": label, "profile": pid}
            for pid, prof in data["profiles"].items() for value, label in reading_choices(prof, decl["tool"])[1:]]


SOURCES = {"profiles": profiles, "hours-profiles": hours_profiles, "readings": readings}
