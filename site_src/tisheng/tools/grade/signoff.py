"""The sign-off sheet a school prints after grading: each school's teachers with their score and band."""

from __future__ import annotations

from typing import Any

from ...core import snapshot
from .. import grade as engine


def _sign_rules(profile: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The sign-off rules (seed 000 (a) 二, 原则4 公开性): this profile's own, or the document that states them."""
    def find(prof: dict[str, Any]) -> list[dict[str, Any]]:
        rules = ((prof.get("grading") or {}).get("evidence_rules") or {}).get("value") or []
        return [r for r in rules if r.get("id") in ("sign_results", "unsigned_valid")]

    own = find(profile)
    if own:
        return own, None
    for pid in snapshot.profile_ids():
        other = snapshot.profile(pid) or {}
        found = find(other)
        if found:
            return found, str(other.get("short_title") or other.get("title") or pid)
    return [], None


def signoff(profile: dict[str, Any], graded: list[dict[str, Any]], *, scored: bool = True) -> dict[str, Any]:
    """Each school's sheet; without a 成绩 column where the list gave grades, not scores."""
    rules, borrowed = _sign_rules(profile)
    say = ["意见（可表述、申诉）"] if any(r.get("id") == "sign_results" for r in rules) else []  # “有意见可表述、申诉”
    schools: dict[str, list[list[Any]]] = {}
    for g in graded:
        rows = schools.setdefault(g["school"], [])
        score = ["" if g.get("score") is None else engine.show(g["score"])] if scored else []
        rows.append([len(rows) + 1, g["name"], g.get("subject", ""), *score,
                     g.get("band_label") or engine.BAND_LABELS[g["band"]], *[""] * len(say), "", ""])
    note = "；".join(r["rule"] for r in rules) + "。" if rules else ""
    if borrowed:
        note = f"本文件未写签名要求，签名表参照《{borrowed}》：" + note
    return {
        "title": "考核结果签名表",
        "profile_title": profile.get("title"),
        "columns": ["序号", "姓名", "学科", *(["成绩"] if scored else []), "等次", *say, "教师签名", "日期"],
        "schools": [{"school": s or "（未填学校）", "rows": r} for s, r in schools.items()],
        "note": note,
        "sources": [engine.cite(r) for r in rules],
    }
