"""The tool: ``evaluate(profile, data)`` scores a teacher under a profile's grading rules and bands the score, every
step cited."""

from __future__ import annotations

from typing import Any

from ...core import snapshot
from ...core.inputs import Errors, number
from ...core.model import fmt, stated
from .bands import BAND_LABELS, band_notes, band_range, band_rule, place
from .components import score_components
from .composition import score_composition
from .modes import mode
from .scores import D, num, show
from .school import evaluate_given
from .standard import standard_and_evidence
from .steps import Steps, finding


def evaluate(profile: dict[str, Any], data: dict[str, Any], *, detail: bool = True) -> dict[str, Any]:
    """``detail=False`` (a staff list of 30,000 rows) leaves out the worded steps and notes; numbers stay the same."""
    errors = Errors()
    section: dict[str, Any] = profile.get("grading") or {}
    how = mode(profile)
    if how is None:
        return _not_graded(profile, errors)
    if how == "given":
        return evaluate_given(profile, section, data, errors)

    steps = Steps(detail)
    rule_bands, bands, reading = band_rule(section, data, errors)
    scorer = {"components": score_components, "composition": score_composition, "score": score_entered}[how]
    scored = scorer(section, data, errors, steps)
    if scored is None:
        return {"ok": False, "errors": errors.items}
    total, extra = scored
    raw, clamped, score, b = place(total, rule_bands, bands, steps)
    if b is None:
        return _score_only(profile, rule_bands, reading, raw, clamped, score, steps, extra)
    score_band = b["band"]
    findings = [finding("grade.bands", rule_bands, score_band != "fail",
                        f"最终成绩 {show(score)} 分，按分数评为{b['label']}（{band_range(b)}）。",
                        actual=num(score), band=score_band)]
    band, reasons = score_band, []
    if how == "composition":
        # The standard's and the evidence's steps are recorded even without detail, as they always have been.
        band, reasons = standard_and_evidence(section, data, findings, steps.in_full(), band)
    band_notes(profile, rule_bands, reading, score, steps.in_full())  # a staff list reads `at_boundary` back
    if section.get("prerequisite_hours") and how == "composition":
        pre = stated(section, "prerequisite_hours") or {}
        said = (pre.get("source") or {}).get("quote") or f"完成 {fmt(pre['value'])} 学时"
        steps.note("grade.prerequisite_hours", f"参加校本应用考核的前提：“{said}”。学时可用“学时自查”核对。", pre)
    band_label = next((x["label"] for x in bands if x["band"] == band), BAND_LABELS[band])
    summary = f"最终成绩 {show(score)} 分，等次：{band_label}。"
    if reasons:
        summary += "（" + "；".join(reasons) + "）"
    return {
        "ok": True,
        "status": "fail" if band == "fail" else "pass",
        "score": num(score),
        "score_text": show(score),
        "raw_score": num(raw),
        "clamped": clamped,
        "band": band,
        "band_label": band_label,
        "score_band": score_band,
        "score_band_label": b["label"],
        "reading": reading["id"] if reading else None,
        "summary": summary,
        "reasons": reasons,  # what besides the score decides or marks the result, in the summary's words
        "findings": findings,
        "steps": steps.steps,
        "notes": steps.notes,
        **extra,
    }


def _score_only(profile: dict[str, Any], rule: dict[str, Any], reading: dict[str, Any] | None, raw: Any,
                clamped: str | None, score: Any, steps: Steps, extra: dict[str, Any]) -> dict[str, Any]:
    """A reading with no score lines (XX学校 “只算加权总分”): the score, and no band the document does not draw."""
    summary = f"总分 {show(score)} 分。本文件没有等次分数线，等次按学校自己的规定。"
    return {
        "ok": True, "status": "pass", "decided": False,
        "score": num(score), "score_text": show(score), "raw_score": num(raw), "clamped": clamped,
        "band": None, "band_label": "按学校规定定等次", "score_band": None, "score_band_label": "",
        "reading": reading["id"] if reading else None,
        "summary": summary, "reasons": [],
        "findings": [finding("grade.bands", reading or rule, True, summary, actual=num(score), band=None)],
        "steps": steps.steps, "notes": steps.notes, **extra,
    }


def score_entered(section: dict[str, Any], data: dict[str, Any], errors: Errors,
                  steps: Steps) -> tuple[Any, dict[str, Any]] | None:
    """A document with score lines and no parts to add up: her score as she was given it."""
    value = number(data, "score", "你的成绩（0–100 分）", errors, maximum=100, unit=" 分")
    if value is None:
        return None
    steps.add("score", f"填写的成绩：{fmt(value)} 分。", stated(section, "bands") or {}, D(value))
    return D(value), {}


def _not_graded(profile: dict[str, Any], errors: Errors) -> dict[str, Any]:
    title = profile.get("short_title") or profile.get("title") or profile.get("id")
    usable = [str(p.get("short_title") or p.get("title") or pid) for pid in snapshot.profile_ids()
              if mode(p := snapshot.profile(pid) or {}) in ("components", "composition", "score")]
    errors.add("profile", f"《{title}》没有规定成绩计算办法。请选择规定了成绩计算办法的文件：{'、'.join(usable)}。")
    return {"ok": False, "errors": errors.items}
