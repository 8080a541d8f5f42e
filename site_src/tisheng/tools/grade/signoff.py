"""The sign-off sheet a school prints after grading: each school's teachers with their score and band."""

from __future__ import annotations

from typing import Any

from ...core import snapshot
from .. import grade as engine
from ...io.signoff import sheets


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
    note = "；".join(r["rule"] for r in rules) + "。" if rules else ""
    if borrowed:
        note = f"本文件未写签名要求，签名表参照《{borrowed}》：" + note
    people = ((g["school"], [g["name"], g.get("subject", ""),
                             *(["" if g.get("score") is None else engine.show(g["score"])] if scored else []),
                             g.get("band_label") or engine.BAND_LABELS[g["band"]]]) for g in graded)
    return sheets("考核结果签名表", profile, ["姓名", "学科", *(["成绩"] if scored else []), "等次"], people,
                  say=any(r.get("id") == "sign_results" for r in rules), note=note,
                  sources=[engine.cite(r) for r in rules])
