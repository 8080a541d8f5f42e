"""Sources for the declaration of /tools/points/ (能力点选择, site_src/forms/points.yaml): the documents with point
rules and the data points.js draws the checkbox lists from.

Labels and hints are page text. The checkbox lists are drawn by site_src/js/points.js from the catalog embedded
here (from the data snapshot: data/catalogs/*.yaml) or from a catalog the school uploaded for the session; every
verdict, suggestion and export comes from the engine (tisheng.tools.points) in the browser's worker.
"""

from __future__ import annotations

import json
from typing import Any

from tisheng import api
from tisheng.core.model import in_force
from tisheng.core.readings import choices as reading_choices
from tisheng.core.vocabulary import Vocabulary
from tisheng.tools.points.rules import age_rules
from tool_hours import profile_option


def _rule_keys() -> list[str]:
    """The point rules the check applies (the kinds that report or test a choice)."""
    return [k["key"] for k in api.rule_kinds() if k["section"] == "points" and k["checks"]]


def page_data(data: dict[str, Any], default: str | None = None) -> dict[str, Any]:
    """What points.js needs: the profiles with point rules (readings, age rule, own range) and their catalogs, and the
    profile chosen when the page opens (`default`, else the first)."""
    profiles: dict[str, Any] = {}
    catalogs: dict[str, Any] = {}
    for pid, prof in data["profiles"].items():
        section = prof.get("points") or {}
        if not any(in_force(section, k) for k in _rule_keys()):
            continue
        readings = [{"id": v, "label": label} for v, label in reading_choices(prof, "points")[1:]]
        school = prof.get("school") or {}
        rooms = (in_force(school, "classrooms") or {}).get("value")
        cat_id = prof.get("catalog")
        profiles[pid] = {
            "title": prof.get("title"),
            "short": prof.get("short_title") or prof.get("title"),
            "catalog": cat_id,
            "readings": readings,
            "needs_age": age_rules.decides_count(section),
            "range": [str(c) for c in (in_force(section, "school_range") or {}).get("value") or []],
            "classrooms": rooms if isinstance(rooms, dict) else None,
        }
        cat = (data.get("catalogs") or {}).get(cat_id) if isinstance(cat_id, str) else None
        if cat and cat_id not in catalogs:
            catalogs[cat_id] = {
                "id": cat_id,
                "title": cat.get("title"),
                "points": [{k: p.get(k) for k in ("code", "name", "env", "dimension", "status", "candidates")}
                           for p in cat.get("points") or []],
            }
    return {"profiles": profiles, "catalogs": catalogs, "vocabulary": Vocabulary(data["vocabulary"]).page_block(),
            "default": default if default in profiles else
            next(iter(profiles), "")}


def profiles(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """The documents that state how to choose ability points."""
    return [profile_option(pid, data["profiles"][pid]) for pid in page_data(data)["profiles"]]


def page_json(data: dict[str, Any], decl: dict[str, Any]) -> str:
    """#points-data: the profiles' point rules and their catalogs, for points.js."""
    default = next((q.get("selected") for q in decl["questions"] if q.get("name") == "profile"), None)
    return json.dumps(page_data(data, default), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


SOURCES = {"points-profiles": profiles, "points-data": page_json}
