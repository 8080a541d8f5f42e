"""Sources for the declarations of 材料自查 (/tools/evidence/), 批量材料自查 (/tools/evidence-batch/) and
我的考核进度 (/tools/me/): options that come from the data snapshot (site_src/forms/*.yaml names them)."""

from __future__ import annotations

import json
from typing import Any

from tool_hours import profile_option

from tisheng.core.model import cite
from tisheng.tools import evidence


def evidence_profiles(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """The documents that state (or inherit) something a teacher hands in."""
    return [profile_option(pid, prof) for pid, prof in data["profiles"].items() if evidence.applies(prof)]


def evidence_plan(data: dict[str, Any], decl: dict[str, Any]) -> str:
    """#evidence-plan, for the page's first paint before the engine is up: per document, the questions it asks, the
    things to hand in (the checklist's items) and every line of what it asks, cited, as the engine gives them for an
    empty form."""
    out: dict[str, Any] = {}
    for pid, prof in data["profiles"].items():
        if not evidence.applies(prof):
            continue
        blank = evidence.evaluate(prof, {"today": "2000-01-01"})  # no answers: every question, no date said
        if not blank.get("ok"):
            continue
        out[pid] = {"fields": blank.get("fields") or [], "items": blank.get("items") or [],
                    "plan": [{"label": x["label"], "state": x["state"], "source": x.get("source") or {}}
                             for x in blank.get("checklist") or []]}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


SOURCES = {"evidence-profiles": evidence_profiles, "evidence-plan": evidence_plan}


def _prefixed(q: dict[str, Any]) -> dict[str, Any]:
    return {**q, "name": "grade_" + q["name"], **({"id": "grade_" + q["id"]} if q.get("id") else {}),
            **({"dom_id": "grade_" + q["dom_id"]} if q.get("dom_id") else {})}


def me_grade_sets(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, Any]]:
    """The grade page's questions per document, for 我的考核进度: names carry ``grade_`` (the 学时 ``online`` and
    XX学校's 线上自主学习 score are different answers); the evidence questions already ask about own image, and the
    five areas and the readings stay on the grade page."""
    import tool_grade

    out = []
    for group in tool_grade.teacher_sets(data, decl):
        qs = [_prefixed(q) for q in group["questions"]
              if q["kind"] != "areas" and q["name"] not in ("own_image", "reading")]
        if qs:
            out.append({**group, "questions": qs})
    return out


SOURCES["me-grade-sets"] = me_grade_sets
