"""我的考核进度: hours, points, evidence and grade for one teacher from one set of answers, as one checklist of what
is done, what is missing and the next deadline, each line naming the tool that explains it.

The answers use each tool's own input names; where two tools use one name for different things, the grade tool's
answers carry ``grade_`` (XX学校's 线上自主学习 score is ``grade_online``, beside the 学时 ``online``). The points the
teacher chose (``selected``) are also the points whose evidence she checks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...core.inputs import Errors, date
from ...core.inputs import today as judged_on
from ...core import late
from ...core.model import cite
from .. import get
from . import evaluate as evidence_eval

HOURS_KEYS = ("online", "practice", "centralized", "records", "as_of", "ratio_base", "today")
POINTS_KEYS = ("selected", "age")
EVIDENCE_KEYS = ("hours_done", "items", "packages", "clip_seconds", "clip_minutes", "statements", "statement_chars",
                 "stages", "peer_reviews", "own_image", "reviewed_first", "whiteboard", "levels")
TOOL_LABELS = {"hours": "学时", "points": "能力点", "evidence": "提交材料", "grade": "成绩等次"}


def _split(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    def pick(keys: tuple[str, ...]) -> dict[str, Any]:
        return {k: data[k] for k in keys if data.get(k) not in (None, "", [])}

    hours, points, evidence = pick(HOURS_KEYS), pick(POINTS_KEYS), pick(EVIDENCE_KEYS)
    if points.get("selected"):
        evidence["points"] = points["selected"]
    if "hours_done" not in evidence:  # the evidence's prerequisite judged on the same hours as the hours line
        evidence.update(hours)
    grade = {k.removeprefix("grade_"): v for k, v in data.items() if k.startswith("grade_") and v not in (None, "")}
    if grade and "own_image" in evidence:  # one answer for both: the grade marks evidence without it invalid
        grade["own_image"] = evidence["own_image"]
    return {"hours": hours, "points": points, "evidence": evidence, "grade": grade}


def _run(profile: dict[str, Any], tool: str, sub: dict[str, Any]) -> dict[str, Any]:
    """One tool on the profile as the request's readings left it (api applies them for every tool at once)."""
    run = get(tool)
    assert run is not None
    return run(profile, sub)


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    today = judged_on(data, errors)
    parts = _split(data)
    results: dict[str, dict[str, Any]] = {}
    for tool, sub in parts.items():
        if tool in ("evidence", "grade") or sub:  # grade unasked still says whether the document grades at all
            results[tool] = _run(profile, tool, sub)
    bad = [e for tool, res in results.items() if not res.get("ok") and (tool != "grade" or parts["grade"])
           for e in _prefixed(tool, res.get("errors") or []) if e["field"] != "profile"]
    if errors or bad:
        return {"ok": False, "errors": errors.items + bad}
    lines = _lines(profile, parts, results)
    deadline = next_deadline(profile, today)
    return _answer(profile, lines, deadline, parts)


def _prefixed(tool: str, errs: list[dict[str, str]]) -> list[dict[str, str]]:
    if tool != "grade":
        return errs
    return [{**e, "field": e["field"].replace("input.", "input.grade_", 1)} for e in errs]


def _tool_line(tool: str, res: dict[str, Any], query: dict[str, Any]) -> dict[str, Any]:
    ok = res.get("status") == "pass" and res.get("band") != "fail"
    text = str(res.get("headline") or res.get("summary") or "")
    if tool == "grade" and res.get("band_label"):
        text = f"等次：{res['band_label']}。" + (f"（得分 {res['score']}）" if res.get("score") is not None else "")
    return {"tool": tool, "label": TOOL_LABELS[tool], "state": "done" if ok else "missing", "message": text,
            "query": query, "source": (res.get("findings") or [{}])[0].get("source") or {}}


def _lines(profile: dict[str, Any], parts: dict[str, dict[str, Any]],
           results: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for tool in ("hours", "points"):
        res = results.get(tool)
        if res is None:
            ask = "填写线上和实践学时后检查。" if tool == "hours" else "填写所选的能力点后检查。"
            out.append({"tool": tool, "label": TOOL_LABELS[tool], "state": "ask", "message": ask, "query": {}})
        elif res.get("ok"):
            out.append(_tool_line(tool, res, parts[tool]))
    ev = results["evidence"]
    if ev.get("ok"):
        query = {k: v for k, v in parts["evidence"].items() if k != "statements"}
        for x in ev["checklist"]:
            if x["state"] in ("done", "missing", "ask"):
                out.append({"tool": "evidence", "label": x["label"], "state": x["state"], "message": x["message"],
                            "query": query, "source": x["source"], "rule": x["rule"]})
    grade = results.get("grade")
    if grade is not None and grade.get("ok"):
        out.append(_tool_line("grade", grade, parts["grade"]))
    elif grade is None or not grade.get("ok"):
        why = (grade or {}).get("errors") or []
        no_rule = any(e.get("field") == "profile" for e in why)
        out.append({"tool": "grade", "label": TOOL_LABELS["grade"], "state": "info" if no_rule else "ask",
                    "message": _no_grading(profile) if no_rule else "有分数或等次时填写，检查等次。", "query": {}})
    return out


def _no_grading(profile: dict[str, Any]) -> str:
    levels = ((profile.get("grading") or {}).get("grade_levels") or {})
    if levels.get("value"):
        names = "、".join(str(x["label"]) for x in levels["value"])
        return f"文件没有分数线：由{levels.get('assessor') or '学校'}评定{names}。"
    return "文件没有规定成绩怎样计算，这里不检查成绩。"


def _dated(profile: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(YYYY-MM-DD, what is due, rule) for every deadline the document states."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for section, key, what in (("hours", "deadline", "完成全部学时"), ("grading", "evidence_deadline", None),
                               ("grading", "assessment_deadline", "完成考核")):
        rule = (profile.get(section) or {}).get(key) or {}
        if isinstance(rule.get("value"), str):
            out.append((_last_day(rule["value"]), str(what or rule.get("label") or "提交材料"), rule))
    phases = ((profile.get("timeline") or {}).get("phases") or {})
    for ph in phases.get("value") or []:
        if ph.get("end"):
            out.append((_last_day(str(ph["end"])), f"“{ph['name']}”阶段结束", {"source": ph.get("source") or phases.get("source")}))
    return sorted(out, key=lambda t: t[0])


def _last_day(text: str) -> str:
    if len(text) == 4:
        return f"{text}-12-31"
    if len(text) == 7:
        y, m = int(text[:4]), int(text[5:])
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    return text


def next_deadline(profile: dict[str, Any], today: dt.date) -> dict[str, Any] | None:
    """The next date the document states, or, when all have passed, the last, said as late.said says it."""
    dated = _dated(profile)
    if not dated:
        return None
    ahead = [d for d in dated if d[0] >= today.isoformat()]
    when, what, rule = ahead[0] if ahead else dated[-1]
    day = dt.date.fromisoformat(when)
    left = (day - today).days
    return {"date": when, "what": what, "message": late.said(what, day, today, last=not ahead), "past": left < 0,
            "source": cite(rule)}


def _answer(profile: dict[str, Any], lines: list[dict[str, Any]], deadline: dict[str, Any] | None,
            parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    missing = [x for x in lines if x["state"] == "missing"]
    asks = [x for x in lines if x["state"] == "ask"]
    done = [x for x in lines if x["state"] == "done"]
    if missing:
        summary = f"还有 {len(missing)} 件事没做完：" + "；".join(x["label"] for x in missing) + "。"
    elif asks:
        summary = f"已填写的 {len(done)} 项都没问题；还有 {len(asks)} 项没填写，填写后才能确定。"
    else:
        summary = f"学时、能力点、提交材料和成绩都已符合《{profile.get('short_title') or profile.get('title')}》的要求。"
    late_now = bool(deadline and deadline["past"] and missing)  # nothing can be done in time: said first (`late`)
    if deadline and not deadline["past"]:
        summary += deadline["message"]
    brief = late.brief(summary, late_now)
    findings = [{"rule": f"{x['tool']}:{x.get('rule') or x['tool']}", "met": x["state"] == "done",
                 "message": f"{x['label']}：{x['message']}", "source": x.get("source") or {}} for x in done + missing
                if x.get("source")]
    return {"ok": True, "status": "fail" if missing else "pass", "summary": summary, "headline": summary, "brief": brief,
            **({"late": deadline["message"]} if late_now and deadline else {}),
            "lines": lines, "deadline": deadline, "findings": findings, "complete": not asks,
            "counts": {"done": len(done), "missing": len(missing), "ask": len(asks)},
            **_evidence_form(profile)}


def _evidence_form(profile: dict[str, Any]) -> dict[str, Any]:
    blank = evidence_eval(profile, {})
    return {"evidence_fields": blank.get("fields") or [], "evidence_items": blank.get("items") or []}
