"""Sources for the declaration of /tools/rollout/ (名额分配, site_src/forms/rollout.yaml): the presets from the profiles'
rollout data, and the page's introduction.

The page's questions and hints are page text; every year, share, pilot and table row a preset fills in comes from
the data snapshot (data/profiles/*.yaml rollout sections and data/tables/), and every verdict from the engine
(tisheng.tools.rollout) running in the browser's worker. site_src/js/rollout.js binds the page.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any


def _value(section: dict[str, Any], key: str) -> Any:
    rule = section.get(key)
    return rule.get("value") if isinstance(rule, dict) else None


def _percent(v: Any) -> str:
    """0.3 → "30", 0.35 → "35", 0.125 → "12.5" (exact; the page shows shares as percents)."""
    f = Fraction(str(v)) * 100
    return str(f.numerator) if f.denominator == 1 else f"{float(f):g}"


def _place(profile: dict[str, Any]) -> str:
    short = str(profile.get("short_title") or profile.get("title") or profile.get("id"))
    return re.sub(r"[（(].*?[）)]", "", short).strip() or short


def presets(data: dict[str, Any]) -> dict[str, Any]:
    """What the preset buttons fill in, and each profile's noun (教师 or 学校), from the snapshot."""
    nouns: dict[str, str] = {}
    items: list[dict[str, Any]] = []
    for pid, prof in data["profiles"].items():
        section = prof.get("rollout") or {}
        nouns[pid] = "学校" if _value(section, "basis") == "schools" else "教师"
        shares = _value(section, "shares")
        if not isinstance(shares, dict) or not shares:
            continue
        pilot = _value(section, "pilot")
        pilot_groups = {}
        pilot_year = ""
        if isinstance(pilot, dict) and pilot.get("groups"):
            pilot_year = str(pilot.get("year") or "")
            for g in pilot["groups"]:
                pilot_groups[str(g.get("name_simplified") or g.get("name"))] = int(g["teachers"])
        base = section.get("share_base") if isinstance(section.get("share_base"), dict) else {}
        common = {
            "profile": pid,
            "years": [str(y) for y in shares],
            "shares": [_percent(v) for v in shares.values()],
            "pilot": pilot_year,
            "base": str(base.get("reading") or ""),
            "title": str(prof.get("title") or pid),
        }
        table = None
        stem = str(_value(section, "table") or "").rsplit(".", 1)[0]
        if stem and isinstance(data.get("tables", {}).get(stem), dict):
            table = data["tables"][stem]["rows"]
        # The document's own districts, for a plan started from an empty list (names in simplified characters).
        rows = [{"name": r.get("name_simplified") or r["name"], "teachers": str(r["teachers"]),
                 "pilot": str(pilot_groups.get(r.get("name_simplified") or r["name"], "")) if pilot_year else ""}
                for r in table or []]
        items.append({"id": f"plan-{pid}", "mode": "plan", "label": f"按{_place(prof)}方案", "rows": rows, **common})
        if table:
            years = ([pilot_year] if pilot_year else []) + common["years"]
            check_rows = [{"name": r.get("name_simplified") or r["name"], "teachers": str(r["teachers"]),
                           "by_year": {y: str(r.get(y) or "") for y in years}} for r in table]
            items.append({"id": f"check-{pid}", "mode": "check", "label": f"载入{_place(prof)}公布的表格",
                          "rows": check_rows, **common})
    return {"presets": items, "nouns": nouns}


def _describe(p: dict[str, Any]) -> str:
    years = p["years"]
    span = f"{years[0]}—{years[-1]} 年" if len(years) > 1 else f"{years[0]} 年"
    text = f"{span}按 {'%、'.join(p['shares'])}%"
    if p["pilot"]:
        text = f"{p['pilot']} 年试点，" + text
    if p["mode"] == "check":
        text = f"核对文件中的任务表（{len(p['rows'])} 行）：" + text
    return text


def preset_buttons(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """The “按文件快速填入” buttons: each with what it fills in, and from which document."""
    return [{"id": p["id"], "label": p["label"], "hint": f"{_describe(p)}（《{p['title']}》）"}
            for p in presets(data)["presets"]]


def page_json(data: dict[str, Any], decl: dict[str, Any]) -> str:
    """What rollout.js reads from #rollout-data: the presets and each profile's noun."""
    return json.dumps(presets(data), ensure_ascii=False).replace("<", "\\u003c")


SOURCES = {"rollout-presets": preset_buttons, "rollout-data": page_json}


def register(env: Any, ctx: Any) -> None:
    @env.macro
    def rollout_examples() -> str:
        """“广安市方案：2014 年试点，2015—2017 年按 30%、35%、35%；…” from the data, for the page's introduction."""
        return "；".join(f"{p['label'].removeprefix('按')}：{_describe(p)}"
                        for p in presets(ctx.data)["presets"] if p["mode"] == "plan")
