"""材料自查: what a teacher must hand in under her document, checked before she submits, each rule cited.

Rules come from the profile's ``grading`` section only (evidence packages, clip length, self-statements and how
their 字 are counted, peer reviews, yes/no facts, items to hand in, the 规范's piece→point level rule). A rule she
has not answered is asked, never assumed; the answer lists every line as done, missing, ask or info.
"""

from __future__ import annotations

from typing import Any

from ...core import late, snapshot
from ...core.catalogs import profile_catalog
from ...core.inputs import Errors
from . import facts, read, rules
from .rules import Line

CHECKS = (rules.hand_in, rules.packages, rules.clip, rules.statements, rules.peer_reviews,
          facts.evidence_rules, facts.whiteboard)


def applies(profile: dict[str, Any]) -> bool:
    """Whether a document (or one it inherits from) states anything a teacher hands in."""
    return bool(_static_lines(profile.get("grading") or {}, profile))


def _static_lines(g: dict[str, Any], profile: dict[str, Any] | None = None) -> list[Line]:
    errors = Errors()
    out: list[Line] = rules.prerequisite(profile or {"grading": g}, {}, errors)
    for check in CHECKS:
        out += check(g, {}, errors)
    return out + facts.point_levels(g, [], {}, {}) + facts.deadline(g, {}, errors) + facts.forms(g)


def _fields(line: Line) -> list[str]:
    """The inputs a line asks for: the prerequisite asks both kinds of hours."""
    field = line.get("field")
    return [] if not field else ["online", "practice"] if line["rule"] == "grading.prerequisite_hours" else [field]


def _names(profile: dict[str, Any]) -> dict[str, str]:
    cat = profile_catalog(profile) or {}
    return {str(p["code"]): str(p.get("name") or "") for p in cat.get("points") or [] if isinstance(p, dict)}


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    g: dict[str, Any] = profile.get("grading") or {}
    if not applies(profile):
        usable = [str(p.get("short_title") or p.get("title")) for pid in snapshot.profile_ids()
                  if applies(p := snapshot.profile(pid) or {})]
        title = profile.get("short_title") or profile.get("title")
        errors.add("profile", f"《{title}》没有规定教师要提交的材料。规定了的文件：{'、'.join(usable)}。")
        return {"ok": False, "errors": errors.items}
    names = _names(profile)
    listed = ((profile.get("points") or {}).get("items") or {}).get("value") or []
    pts = read.points(data, set(names), errors, {str(i["item"]): list(i["codes"]) for i in listed})
    given = read.levels(data, set(names), errors)
    lines: list[Line] = rules.prerequisite(profile, data, errors)
    for check in CHECKS:
        lines += check(g, data, errors)
    lines += facts.point_levels(g, pts, given, names)
    lines += facts.deadline(g, data, errors) + facts.forms(g) + facts.document_use(g)
    if errors:
        return {"ok": False, "errors": errors.items}
    return _answer(profile, lines, pts, names)


def _answer(profile: dict[str, Any], lines: list[Line], pts: list[str], names: dict[str, str]) -> dict[str, Any]:
    missing = [x for x in lines if x["state"] == "missing"]
    done = [x for x in lines if x["state"] == "done"]
    asks = [x for x in lines if x["state"] == "ask"]
    title = profile.get("short_title") or profile.get("title")
    if missing:
        summary = f"还有 {len(missing)} 项不符合：" + "；".join(x["label"] for x in missing) + "。"
    elif asks and done:
        summary = f"已检查的 {len(done)} 项都符合；还有 {len(asks)} 项要你回答后才能检查。"
    elif asks:
        summary = f"请回答下面 {len(asks)} 个问题，逐项检查《{title}》对提交材料的要求。"
    else:
        summary = f"所填的材料符合《{title}》的全部 {len(done)} 项要求。"
    passed = next((x for x in lines if x.get("past")), None)
    late_now = bool(passed and (missing or asks))  # too late to hand in on time: said first (`late`), whom to ask
    brief = late.brief(summary, late_now)
    findings = [{"rule": x["rule"], "met": x["state"] == "done", "message": f"{x['label']}：{x['message']}",
                 "source": x["source"], "inherited_from": x.get("inherited_from"),
                 **({"reading": x["reading"]} if x.get("reading") else {})} for x in done + missing]
    items = [{"id": iid, "label": label} for iid, label, *_ in rules.hand_in_items(profile.get("grading") or {})]
    return {"ok": True, "status": "fail" if missing else "pass", "summary": summary, "headline": summary, "brief": brief,
            **({"late": passed["message"]} if late_now and passed else {}),
            "complete": not asks, "counts": {"done": len(done), "missing": len(missing), "ask": len(asks)},
            "findings": findings, "checklist": lines, "items": items,
            "fields": list(dict.fromkeys(f for x in _static_lines(profile.get("grading") or {}, profile)
                                         for f in _fields(x))),
            "points": [{"code": c, "name": names.get(c, "")} for c in pts]}
