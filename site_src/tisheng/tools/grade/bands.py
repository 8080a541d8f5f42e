"""The bands (等次): which band a score is in, the reading in force for a boundary, and the notes about them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...core import snapshot, vocabulary
from ...core.inputs import Errors
from ...core.model import fmt, stated
from .scores import D, SCORE_MAX, SCORE_MIN, one_decimal, show, two_decimals_down
from .steps import Steps


BAND_ORDER = {"excellent": 2, "pass": 1, "fail": 0}
BAND_LABELS = vocabulary.Words(lambda v: v.bands)
# The ways a given 等次 may be written: the band ids and the vocabulary's words (优秀、合格、不合格). A document with
# levels of its own (张楼: 优秀、合格、不及格) takes its own words too; a word no document uses (良好) is no band.
BAND_ALIASES = vocabulary.Words(lambda v: {**{b: b for b in v.bands}, **{label: b for b, label in v.bands.items()}})


def band_of(score: Decimal, bands: list[dict[str, Any]]) -> dict[str, Any] | None:
    for b in bands:
        lo, hi = b.get("min"), b.get("max")
        if lo is not None and (score < D(lo) or (score == D(lo) and not b.get("min_inclusive"))):
            continue
        if hi is not None and (score > D(hi) or (score == D(hi) and not b.get("max_inclusive"))):
            continue
        return b
    return None


def band_range(b: dict[str, Any]) -> str:
    lo, hi = b.get("min"), b.get("max")
    if lo is None:
        return f"{fmt(hi)} 分以下" if not b.get("max_inclusive") else f"{fmt(hi)} 分及以下"
    if b.get("min_inclusive") and b.get("max_inclusive"):
        return f"{fmt(lo)}–{fmt(hi)} 分"
    left = f"{fmt(lo)} 分及以上" if b.get("min_inclusive") else f"高于 {fmt(lo)} 分"
    right = f"{fmt(hi)} 分及以下" if b.get("max_inclusive") else f"不足 {fmt(hi)} 分"
    return f"{left}、{right}"


def band_rule(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> tuple[dict[str, Any], list[Any],
                                                                                         dict[str, Any] | None]:
    """The bands in force: the default reading, or the one the user picked (`reading`)."""
    rule = stated(section, "bands") or {}
    bands = rule.get("value") or []
    chosen = data.get("reading")
    readings = rule.get("readings") or []
    picked = None
    if chosen not in (None, ""):
        picked = next((r for r in readings if r.get("id") == chosen), None)
        if picked is None:
            ids = "、".join(f"“{r['label']}”" for r in readings) or "（本文件只有一种读法）"
            errors.add("input.reading", f"未知的读法“{str(chosen)[:30]}”。可选：{ids}。")
        else:
            bands = picked["value"] or []
    elif rule.get("reading"):
        picked = next((r for r in readings if r.get("id") == rule["reading"]), None)
    return rule, bands, picked


def place(total: Decimal, rule: dict[str, Any], bands: list[Any],
          steps: Steps) -> tuple[Decimal, str | None, Decimal, dict[str, Any] | None]:
    """The total kept within 0–100, its band, and the score as reported: (raw total, clamped, score, band). No
    bands (a reading that draws no lines): no band, the score to one decimal."""
    raw = total
    clamped = None
    if total > SCORE_MAX:
        clamped, total = "high", SCORE_MAX
        steps.add("clamp", f"合计 {fmt(float(raw))} 分超过满分 100，按 100 分计。", rule, total)
    elif total < SCORE_MIN:
        clamped, total = "low", SCORE_MIN
        steps.add("clamp", f"合计 {fmt(float(raw))} 分低于 0，按 0 分计（成绩不低于 0 分）。", rule, total)
    # The document draws its lines at scores (60, 80) and says nothing of rounding first: the band is the unrounded
    # score's, and the score is shown so that it stands in that band.
    b = band_of(total, bands) if bands else None
    assert b is not None or not bands, "bands must cover 0–100"
    score = one_decimal(total)
    if b is not None and band_of(score, bands) is not b:
        score = two_decimals_down(total)
        steps.add("round", f"保留两位小数：{show(score)} 分（保留一位会成为 {show(one_decimal(total))} 分，越过分数线；"
                           "文件按分数划分等次，没有说先四舍五入，等次按实际得分定）", rule, score)
    elif score != total:
        steps.add("round", f"保留一位小数（四舍五入）：{show(score)} 分", rule, score)
    if clamped:
        steps.note("grade.clamp", f"计算结果 {fmt(float(raw))} 分不在 0–100 分之间，已按"
                                  f"{'100' if clamped == 'high' else '0'} 分计。", rule)
    if steps.detail and b is not None:
        steps.add("band", f"{show(score)} 分在“{band_range(b)}”内 → {b['label']}", rule, None, band=b["band"])
    return raw, clamped, score, b


def lender_title(rule: dict[str, Any]) -> str:
    """The title of the plan whose score lines a profile borrows."""
    lender = snapshot.profile(str(rule["borrowed_from"])) or {}
    return str(lender.get("short_title") or lender.get("title") or "另一份方案")


def band_notes(profile: dict[str, Any], rule: dict[str, Any], reading: dict[str, Any] | None, score: Decimal,
               steps: Steps) -> None:
    if rule.get("borrowed_from") and not rule.get("readings"):  # with readings, their note says whose lines these are
        whose = lender_title(rule)
        lines = "；".join(f"{b['label']}：{band_range(b)}" for b in rule.get("value") or [])
        steps.note("grade.bands.borrowed", f"本文件没有等次分数线，这里借用《{whose}》的分数线（{lines}）；"
                                           "学校另有规定时以学校规定为准。", rule)
    readings = [r for r in rule.get("readings") or [] if r.get("value")]  # a reading that draws lines
    if reading and reading.get("value") and len(readings) > 1:
        others = [r for r in readings if r["id"] != reading["id"]]
        here = (band_of(score, reading["value"]) or {}).get("band")
        at_boundary = any((band_of(score, r["value"]) or {}).get("band") != here for r in others)
        text = f"80 分的读法：本次按“{reading['label']}”。"
        if at_boundary:
            alt = "；".join(f"按“{r['label']}”则为{(band_of(score, r['value']) or {}).get('label', '')}" for r in others)
            text = f"注意：{show(score)} 分正好落在文件两个分数段重叠处。本次按“{reading['label']}”；{alt}。"
        steps.note("grade.bands.reading", text, reading, reading=reading["id"], at_boundary=at_boundary)
