"""Peer review + leadership evaluation (x县某校): weights the document leaves open (the user gives them), then
deductions per occurrence and a bonus the school sets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core.inputs import Errors, number
from ...core.model import fmt, pct, stated
from .request import read_areas, read_deductions, read_weights, yes_no
from .scores import D, num
from .steps import Steps


@dataclass
class Parts:
    """What a composition needs, read: the two scores, their weights, the deductions and the bonus."""

    parts: list[dict[str, Any]]
    scores: dict[str, Decimal]
    weights: dict[str, Decimal]
    user_weights: bool
    counts: dict[str, int]
    bonus_rule: dict[str, Any] | None
    bonus: Decimal | None


def score_composition(section: dict[str, Any], data: dict[str, Any], errors: Errors,
                      steps: Steps) -> tuple[Decimal, dict[str, Any]] | None:
    """The two parts weighted, deductions and the bonus applied; None when the input has errors."""
    got = _read(section, data, errors)
    if got is None:
        return None
    comp_rule = stated(section, "final_composition") or {}
    total, parts = _weighted(got, comp_rule, steps)
    total = _deduct(section, got, total, steps)
    if got.bonus:
        total += got.bonus
        steps.add("bonus", f"获奖加分：+{fmt(float(got.bonus))} 分（分值按学校绩效考核方案，由你填写）", got.bonus_rule,
                  got.bonus)
    if got.counts or got.bonus:
        steps.add("subtotal", f"扣分、加分后：{fmt(float(total))} 分", comp_rule, total)
    if got.bonus_rule is not None:
        steps.note("grade.bonus", "获奖加分的分值文件未规定，按学校绩效考核方案，由你填写。", got.bonus_rule)
    return total, {
        "components": parts,
        "weights": {"values": {k: float(v) for k, v in got.weights.items()},
                    "from": "user" if got.user_weights else "document"},
        "deductions": got.counts,
        "bonus": num(got.bonus) if got.bonus else 0.0,
    }


def _read(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> Parts | None:
    parts_def = (stated(section, "final_composition") or {})["value"]
    scores: dict[str, Decimal] = {}
    for p in parts_def:
        v = number(data, p["id"], f"{p['label']}得分", errors, maximum=100, unit=" 分")
        if v is not None:
            scores[p["id"]] = D(v)
    fixed = {p["id"]: D(p["weight"]) for p in parts_def if p.get("weight") is not None}
    weights = fixed if len(fixed) == len(parts_def) else read_weights(data, parts_def, errors)
    counts = read_deductions(section, data, errors)
    bonus_rule = stated(section, "bonus")
    bonus = None
    if bonus_rule is not None:
        b = number(data, "bonus", "加分", errors, required=False, maximum=100, unit=" 分")
        bonus = D(b) if b is not None else None
    elif data.get("bonus") not in (None, ""):
        errors.add("input.bonus", "本文件没有加分规定，不能填写加分。")
    read_areas(section, data, errors)  # checked here; the standard applies them after the score (standard.py)
    if data.get("own_image") not in (None, "") and yes_no(data.get("own_image")) is None:
        errors.add("input.own_image", "“证据是否包含教师本人影像”请填“是”或“否”。")
    if errors:
        return None
    assert weights is not None
    return Parts(parts_def, scores, weights, not fixed, counts, bonus_rule, bonus)


def _weighted(got: Parts, comp_rule: dict[str, Any], steps: Steps) -> tuple[Decimal, list[dict[str, Any]]]:
    source = "user" if got.user_weights else "document"
    total = Decimal(0)
    parts = []
    for p in got.parts:
        w = got.weights[p["id"]]
        points = got.scores[p["id"]] * w
        total += points
        parts.append({"id": p["id"], "label": p["label"], "score": num(got.scores[p["id"]]), "weight": float(w),
                      "points": num(points), "weight_from": source})
    if steps.detail:  # words cost more than the sum: written only for a teacher's own page
        _explain_parts(got, comp_rule, total, steps)
    return total, parts


def _explain_parts(got: Parts, comp_rule: dict[str, Any], total: Decimal, steps: Steps) -> None:
    whose = "（权重由你填写，文件未规定）" if got.user_weights else ""
    source = "user" if got.user_weights else "document"
    for p in got.parts:
        w = got.weights[p["id"]]
        points = got.scores[p["id"]] * w
        steps.add(f"final_composition.{p['id']}",
                  f"{p['label']}：{fmt(float(got.scores[p['id']]))} 分 × {pct(float(w))}{whose} = "
                  f"{fmt(float(points))} 分", comp_rule, points, weight_from=source)
    steps.add("final_composition.sum", f"两部分相加：{fmt(float(total))} 分", comp_rule, total)
    if got.user_weights:
        steps.note("grade.final_composition",
                   "教师互评与考核领导评价的权重是你填写的（" + "、".join(
                       f"{p['label']} {pct(float(got.weights[p['id']]))}" for p in got.parts) +
                   "）：文件只说最终成绩由这两部分构成，没有规定各占多少。", comp_rule)


def _deduct(section: dict[str, Any], got: Parts, total: Decimal, steps: Steps) -> Decimal:
    ded_rule = stated(section, "deductions") or {}
    for d in ded_rule.get("value") or []:
        n = got.counts.get(d["id"], 0)
        if not n:
            continue
        change = D(d["points"]) * n
        total += change
        if steps.detail:
            steps.add(f"deductions.{d['id']}", f"{d['label']}：{n} 次 × {fmt(d['points'])} 分 = {fmt(float(change))} 分",
                      {"source": d.get("source") or ded_rule.get("source")}, change)
    return total
