"""学时自查: does a teacher's training time meet a profile's hour rules?"""

from __future__ import annotations

from typing import Any

from ..inputs import Errors, number
from ..model import Finding, ceil1, cite, finding, fmt, pct

KINDS = {"online": "线上研修", "practice": "实践应用", "centralized": "集中培训"}


def _rule(section: dict[str, Any], key: str) -> dict[str, Any] | None:
    rule = section.get(key)
    if isinstance(rule, dict) and rule.get("value") is not None:
        return rule
    return None


def read_input(data: dict[str, Any], errors: Errors) -> dict[str, float]:
    amounts: dict[str, float] = {}
    for kind, label in KINDS.items():
        value = number(data, kind, f"{label}学时", errors, required=kind != "centralized", unit=" 学时")
        if value is not None:
            amounts[kind] = value
    return amounts


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    amounts = read_input(data, errors)
    if errors:
        return {"ok": False, "errors": errors.items}

    section: dict[str, Any] = profile.get("hours") or {}
    total = sum(amounts.values())
    findings: list[Finding] = []
    shortfalls: list[str] = []

    if rule := _rule(section, "total_min"):
        need = float(rule["value"])
        gap = ceil1(need - total) if total < need else 0.0
        if gap:
            shortfalls.append(f"{fmt(gap)} 学时")
            msg = f"总学时 {fmt(total)}，要求不少于 {fmt(need)} 学时，还差 {fmt(gap)} 学时。"
        else:
            msg = f"总学时 {fmt(total)}，达到不少于 {fmt(need)} 学时的要求。"
        findings.append(finding("hours.total_min", rule, not gap, msg, required=need, actual=total, shortfall=gap))

    for kind in ("online", "practice", "centralized"):
        rule = _rule(section, f"{kind}_min")
        if not rule:
            continue
        need = float(rule["value"])
        have = amounts.get(kind, 0.0)
        label = KINDS[kind]
        gap = ceil1(need - have) if have < need else 0.0
        if gap:
            shortfalls.append(f"{fmt(gap)} 学时{label}")
            msg = f"{label} {fmt(have)} 学时，要求不少于 {fmt(need)} 学时，还差 {fmt(gap)} 学时{label}。"
        else:
            msg = f"{label} {fmt(have)} 学时，达到不少于 {fmt(need)} 学时的要求。"
        findings.append(
            finding(f"hours.{kind}_min", rule, not gap, msg, required=need, actual=have, shortfall=gap)
        )

    if rule := _rule(section, "practice_ratio_min"):
        ratio = float(rule["value"])
        practice = amounts.get("practice", 0.0)
        share = practice / total if total else 0.0
        # Smallest extra practice x with (practice + x) / (total + x) >= ratio.
        gap = ceil1((ratio * total - practice) / (1 - ratio)) if share < ratio and ratio < 1 else 0.0
        if total == 0:
            gap = 0.0
            msg = f"还没有任何学时，无法计算实践应用占比（要求不少于 {pct(ratio)}）。"
            met = False
        elif share < ratio:
            shortfalls.append(f"{fmt(gap)} 学时实践应用（占比）")
            msg = (
                f"实践应用 {fmt(practice)} 学时，占总学时的 {pct(share)}，要求不少于 {pct(ratio)}；"
                f"再增加 {fmt(gap)} 学时实践应用即可达到。"
            )
            met = False
        else:
            msg = f"实践应用占总学时的 {pct(share)}，达到不少于 {pct(ratio)} 的要求。"
            met = True
        findings.append(
            finding("hours.practice_ratio_min", rule, met, msg, required=ratio, actual=round(share, 4), shortfall=gap)
        )

    notes = _notes(section)
    status = "pass" if findings and all(f["met"] for f in findings) else "fail"
    title = profile.get("short_title") or profile.get("title") or profile["id"]
    if not findings:
        summary = f"《{title}》没有规定学时要求，无法判断。"
    elif status == "pass":
        summary = f"符合{title}的学时要求。"
    else:
        summary = f"尚未达到{title}的学时要求：还差 " + "；".join(shortfalls) + "。" if shortfalls else (
            f"尚未达到{title}的学时要求。"
        )
    return {
        "ok": True,
        "status": status,
        "summary": summary,
        "findings": findings,
        "notes": notes,
        "totals": {"total": total, **{k: amounts.get(k, 0.0) for k in KINDS}},
    }


def _notes(section: dict[str, Any]) -> list[dict[str, Any]]:
    """Period and deadline: what the verdict is measured against, shown beside it."""
    notes: list[dict[str, Any]] = []
    if rule := _rule(section, "period_years"):
        notes.append(
            {
                "rule": "hours.period_years",
                "message": f"以上学时须在 {fmt(rule['value'])} 年周期内完成。",
                "source": cite(rule),
                "inherited_from": rule.get("inherited_from"),
            }
        )
    if rule := _rule(section, "deadline"):
        notes.append(
            {
                "rule": "hours.deadline",
                "message": f"截止日期：{rule['value']}。",
                "source": cite(rule),
                "inherited_from": rule.get("inherited_from"),
            }
        )
    return notes
