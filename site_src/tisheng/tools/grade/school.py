"""School checks: a school's pass and excellence rates over its teachers, and a teacher graded from a given 等次
(开原, whose document states only school-level rates)."""

from __future__ import annotations

from typing import Any

from ...core.inputs import SHOW_INVISIBLE, Errors
from ...core.model import pct, stated
from .bands import BAND_ALIASES, BAND_LABELS
from .steps import finding, note_of


def evaluate_given(profile: dict[str, Any], section: dict[str, Any], data: dict[str, Any],
                    errors: Errors) -> dict[str, Any]:
    """开原: no score lines, only school-level rates; a teacher's 等次 (from certification) is given.
    张楼: no score lines; the 教研组组长 gives the 等次, in the document's own words (``grade_levels``)."""
    levels = stated(section, "grade_levels")
    if levels and levels.get("value"):
        return _evaluate_levels(section, levels, data, errors)
    raw = data.get("band")
    band = given_band(raw, {})
    if band is None:
        named = "、".join(BAND_LABELS.values())
        errors.add("input.band", f"本文件只规定学校层面的合格率和优秀率，没有分数线：请填写教师的认证等次（{named}）。"
                   if raw in (None, "") else f"“{shown(raw)}”不是本文件的等次，请填{named}之一。")
        return {"ok": False, "errors": errors.items}
    notes = []
    for key in ("school_pass_rate_min", "school_excellent_rate_max"):
        rule = stated(section, key)
        if rule and rule.get("value") is not None:
            what = "培训合格率不低于" if key == "school_pass_rate_min" else "微能力点认证优秀率不超过"
            how = next((r.get("label") for r in rule.get("readings") or [] if r.get("id") == rule.get("reading")), None)
            others = [r.get("label") for r in rule.get("readings") or [] if r.get("id") != rule.get("reading")]
            extra = f"本站{how}；文件未说明，也可能{'、'.join(others)}。" if how and others else ""
            notes.append(note_of(f"grade.{key}", f"学校层面：{what} {pct(rule['value'])}（用批量计算检查全校名单）。{extra}", rule))
    label = BAND_LABELS[band]
    # What decides her grade here is the certification, and what the school's rates mean for her: said, not echoed
    findings = []
    pass_rule = stated(section, "school_pass_rate_min")
    if pass_rule and pass_rule.get("value") is not None:
        need = pct(pass_rule["value"])
        notes = [n for n in notes if n.get("rule") != "grade.school_pass_rate_min"]  # said in the finding
        findings.append(finding("grade.school_pass_rate_min", pass_rule, band != "fail",
                                f"认证{label}：学校的培训合格率要达到 {need}，" + (
                                    "每位教师都须合格，你已合格。" if band != "fail" else
                                    "每位教师都须合格。请向学校问明重新提交认证的办法。"), band=band))
    exc_rule = stated(section, "school_excellent_rate_max")
    if band == "excellent" and exc_rule and exc_rule.get("value") is not None:
        notes.insert(0, note_of("grade.school_excellent_rate_max", f"认证优秀：各校优秀率不超过 {pct(exc_rule['value'])}，"
                                "学校核定全校名单时，评为优秀的人数可能受这一比例限制。", exc_rule))
    decides = ("本文件不按分数定等次：你的等次就是微能力点认证给出的等次"
               + ("，学校要求每位教师都合格。" if pass_rule and pass_rule.get("value") == 1 else "。"))
    return {"ok": True, "status": "fail" if band == "fail" else "pass", "score": None, "band": band,
            "band_label": label, "score_band": None, "score_band_label": None, "reading": None,
            "summary": f"等次：{label}。{decides}", "more": decides, "findings": findings, "steps": [], "notes": notes}


def _evaluate_levels(section: dict[str, Any], levels: dict[str, Any], data: dict[str, Any],
                     errors: Errors) -> dict[str, Any]:
    labels = {lv["band"]: lv["label"] for lv in levels["value"]}
    named = "、".join(labels.values())
    who = levels.get("assessor") or "学校"
    raw = data.get("band")
    band = given_band(raw, labels)
    if band is None or band not in labels:
        errors.add("input.band", f"本文件没有分数线，由{who}评定{named}：请填写{who}给出的等次。"
                   if raw in (None, "") else f"“{shown(raw)}”不是本文件的等次：本文件分为{named}，请填其中之一。")
        return {"ok": False, "errors": errors.items}
    label = labels[band]
    findings = [finding("grade.grade_levels", levels, band != "fail",
                        f"{who}评定的等次：{label}（本文件分为{named}，没有分数线）。", band=band)]
    notes = []
    for key, text in (("prerequisite_hours", "先完成文件规定的学时，再向平台提交成果（“{q}”；可用“学时自查”核对）。"),
                      ("peer_reviews_min", "须评价他人提交的成果至少 {v} 次（可用“材料自查”核对要交的材料）。")):
        rule = stated(section, key)
        if rule and rule.get("value") is not None:
            quote = (rule.get("source") or {}).get("quote") or ""
            notes.append(note_of(f"grade.{key}", text.format(v=rule["value"], q=quote), rule))
    quote = (levels.get("source") or {}).get("quote") or ""
    decides = f"决定等次的是{who}的评价（“{quote}”），没有分数线。" if quote else f"等次由{who}评定，没有分数线。"
    return {"ok": True, "status": "fail" if band == "fail" else "pass", "score": None, "band": band,
            "band_label": label, "score_band": None, "score_band_label": None, "reading": None,
            "summary": f"等次：{label}。{decides}", "more": decides, "findings": findings, "steps": [], "notes": notes}


def given_band(raw: Any, labels: dict[str, str]) -> str | None:
    """A 等次 as written: a band id, the vocabulary's word, or the document's own word (``labels``: band → word)."""
    if raw in (None, ""):
        return None
    word = str(raw).strip()
    own = {label: band for band, label in labels.items()}
    return own.get(word) or BAND_ALIASES.get(word.lower()) or BAND_ALIASES.get(word)


def shown(raw: Any) -> str:
    return str(raw)[:20].translate(SHOW_INVISIBLE)


def school_summary(profile: dict[str, Any], results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per school: counts, rates and the profile's school-level rules, each listing the teachers concerned.

    ``results``: one mapping per teacher with ``name``, ``school`` and ``band`` (excellent|pass|fail)."""
    section = profile.get("grading") or {}
    pass_rule = stated(section, "school_pass_rate_min")
    exc_rule = stated(section, "school_excellent_rate_max")
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        groups.setdefault(r.get("school") or "", []).append(r)
    out = []
    for school, people in groups.items():
        n = len(people)
        excellent = [p["name"] for p in people if p["band"] == "excellent"]
        failed = [p["name"] for p in people if p["band"] == "fail"]
        passed = n - len(failed)
        pass_rate = passed / n if n else 0.0
        exc_rate = len(excellent) / n if n else 0.0
        checks: list[dict[str, Any]] = []
        where = school or "（未填学校）"
        if pass_rule and pass_rule.get("value") is not None:
            need = float(pass_rule["value"])
            met = pass_rate >= need - 1e-12
            msg = (f"{where}合格率 {pct(pass_rate)}（{passed}/{n}），要求不低于 {pct(need)}"
                   + ("，达到。" if met else f"；不合格的教师：{'、'.join(failed)}。"))
            checks.append({**finding("grade.school_pass_rate_min", pass_rule, met, msg), "teachers": failed,
                           "required": need, "actual": round(pass_rate, 4)})
        if exc_rule and exc_rule.get("value") is not None:
            cap = float(exc_rule["value"])
            met = exc_rate <= cap + 1e-12
            allowed = int(cap * n + 1e-9)
            msg = (f"{where}优秀率 {pct(exc_rate)}（{len(excellent)}/{n}），要求不超过 {pct(cap)}"
                   + ("，符合。" if met else f"，超出 {len(excellent) - allowed} 人（最多 {allowed} 人可评优秀）；"
                                           f"评为优秀的教师：{'、'.join(excellent)}。"))
            checks.append({**finding("grade.school_excellent_rate_max", exc_rule, met, msg),
                           "teachers": [] if met else excellent, "required": cap, "actual": round(exc_rate, 4),
                           "over_by": 0 if met else len(excellent) - allowed})
        out.append({"school": school, "count": n, "excellent": len(excellent), "pass": passed - len(excellent),
                    "fail": len(failed), "pass_rate": round(pass_rate, 4), "excellent_rate": round(exc_rate, 4),
                    "checks": checks, "status": "pass" if all(c["met"] for c in checks) else "fail"})
    return out
