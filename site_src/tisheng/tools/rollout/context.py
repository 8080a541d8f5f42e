"""What the profile says about rollout, read once."""

from __future__ import annotations

from typing import Any

from ...core import snapshot
from ...core.model import in_force
from .values import BASES, read_year


class Ctx:
    """What the profile says about rollout, read once."""

    def __init__(self, profile: dict[str, Any]) -> None:
        self.profile = profile
        self.section: dict[str, Any] = profile.get("rollout") or {}
        self.title = str(profile.get("short_title") or profile.get("title") or profile.get("id"))
        basis = in_force(self.section, "basis")
        self.schools = bool(basis and basis["value"] == "schools")
        self.noun = "学校" if self.schools else "教师"
        self.unit = "所" if self.schools else "人"
        shares = in_force(self.section, "shares")
        self.shares: dict[str, Any] = {}
        if shares and isinstance(shares["value"], dict):
            self.shares = {str(k): v for k, v in shares["value"].items()}
        pilot = in_force(self.section, "pilot")
        self.pilot_year: str | None = None
        self.pilot_groups: dict[str, int] = {}
        self.pilot_names: list[str] = []
        if pilot and isinstance(pilot["value"], dict):
            # Only a pilot given group by group (广安: 华蓥市 and 武胜县) is taken first; counts of pilot schools
            # (江苏) say nothing about which group they belong to and are shown as a note instead.
            for g in pilot["value"].get("groups") or []:
                if isinstance(g, dict) and isinstance(g.get("teachers"), int):
                    self.pilot_names.append(str(g.get("name_simplified") or g.get("name")))
                    for key in ("name", "name_simplified"):
                        if g.get(key):
                            self.pilot_groups[str(g[key])] = int(g["teachers"])
            if self.pilot_groups:
                self.pilot_year = read_year(pilot["value"].get("year"))
        base = in_force(self.section, "share_base")
        self.base_reading = str(base.get("reading")) if base and base.get("reading") in BASES else None

    def table(self) -> list[dict[str, Any]] | None:
        rule = in_force(self.section, "table")
        if not rule:
            return None
        stem = str(rule["value"]).rsplit(".", 1)[0]
        found = snapshot.load().get("tables", {}).get(stem)
        if not isinstance(found, dict):
            return None
        rows: list[dict[str, Any]] = []
        for row in found.get("rows") or []:
            years = {k: v for k, v in row.items() if read_year(k) is not None}
            rows.append(
                {
                    "name": row.get("name"),
                    "name_simplified": row.get("name_simplified"),
                    "teachers": row.get("teachers"),
                    "by_year": years,
                }
            )
        return rows
