"""成绩计算: a teacher's assessment score and band under a profile's grading rules, every step cited.

Two ways of scoring come from the documents:
- weighted components (XX学校: 学校集中培训 15% + 线上自主学习 30% + 校本研修活动 30% + 成果打磨展示 25%);
- peer review + leadership evaluation (x县某校), whose weights the document leaves open, so the user gives them;
  then deductions (per occurrence) and a bonus the school sets.
Scores are on 0–100, reported to one decimal place (half up), and the band is read from the reported score.
A profile that only states school-level rates (开原) grades from a given 等次 and is checked in ``school_summary``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .. import snapshot
from ..inputs import Errors, number
from ..model import Finding, Source, fmt, pct, stated

SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)
MAX_COUNT = 1000
BAND_ORDER = {"excellent": 2, "pass": 1, "fail": 0}
BAND_LABELS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}
BAND_ALIASES = {"excellent": "excellent", "优秀": "excellent", "优": "excellent", "pass": "pass", "合格": "pass",
                "良好": "pass", "fail": "fail", "不合格": "fail", "不及格": "fail"}
YES = {"true", "yes", "y", "1", "是", "有", "包含", "on"}
NO = {"false", "no", "n", "0", "否", "无", "没有", "不包含", "off"}
COMPOSITION_FIELDS = {"peer": "w_peer", "leader": "w_leader"}


_TITLES: dict[str, str] = {}


def cite(rule: dict[str, Any]) -> Source:
    """model.cite with the document title looked up once per snapshot (a staff list cites the same rules 30,000 times)."""
    src: dict[str, Any] = dict(rule.get("source") or {})
    doc = src.get("doc")
    if doc:
        if doc not in _TITLES:
            _TITLES[doc] = snapshot.source_title(doc)
        src["title"] = _TITLES[doc]
    return src  # type: ignore[return-value]


def finding(rule_id: str, rule: dict[str, Any], met: bool, message: str, **extra: Any) -> Finding:
    f: dict[str, Any] = {"rule": rule_id, "met": met, "message": message, "source": cite(rule),
                         "inherited_from": rule.get("inherited_from")}
    if rule.get("reading"):
        f["reading"] = rule["reading"]
    f.update(extra)
    return f  # type: ignore[return-value]


def _value(section: dict[str, Any], key: str) -> Any:
    rule = stated(section, key)
    return rule.get("value") if rule else None


def mode(profile: dict[str, Any]) -> str | None:
    """How a teacher is graded under this profile: components, composition, given (a 等次), or None."""
    section = profile.get("grading") or {}
    if _value(section, "components"):
        return "components"
    if _value(section, "final_composition"):
        return "composition"
    if _value(section, "school_pass_rate_min") is not None or _value(section, "school_excellent_rate_max") is not None:
        return "given"
    return None


def grading_profiles(snapshot_profiles: dict[str, Any]) -> list[str]:
    return [pid for pid, prof in snapshot_profiles.items() if mode(prof)]


def D(x: float | int | str) -> Decimal:
    return Decimal(str(x))


def one_decimal(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def show(x: Decimal | float) -> str:
    """A score to one decimal place, always: 85.0, 79.9."""
    return f"{one_decimal(D(x)):.1f}"


def num(x: Decimal) -> float:
    return float(x)


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
    left = f"{fmt(lo)}" + ("" if b.get("min_inclusive") else "（不含）")
    right = f"{fmt(hi)}" + ("" if b.get("max_inclusive") else "（不含）")
    return f"{left}–{right} 分"


def _count(raw_holder: dict[str, Any], key: str, label: str, errors: Errors, prefix: str) -> int | None:
    value = number(raw_holder, key, label, errors, prefix=prefix, required=False, maximum=MAX_COUNT, unit=" 次")
    if value is None:
        return None
    if value != int(value):
        errors.add(f"{prefix}.{key}", f"{label}应是整数（次数），现在是 {fmt(value)}。")
        return None
    return int(value)


def _yes_no(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)):
        return bool(raw)
    if isinstance(raw, str):
        t = raw.strip().lower()
        if t in YES:
            return True
        if t in NO:
            return False
    return None


def _step(step: str, message: str, rule: dict[str, Any] | None, value: Decimal | None = None,
          **extra: Any) -> dict[str, Any]:
    s: dict[str, Any] = {"step": step, "message": message, "source": cite(rule or {})}
    if value is not None:
        s["value"] = num(value)
    s.update(extra)
    return s


def _note(rule_id: str, message: str, rule: dict[str, Any] | None) -> dict[str, Any]:
    return {"rule": rule_id, "message": message, "source": cite(rule or {}),
            "inherited_from": (rule or {}).get("inherited_from")}


# ---------------------------------------------------------------- reading the input

def _holder(data: dict[str, Any], key: str, known: set[str], shape: str, noun: str,
            errors: Errors) -> tuple[dict[str, Any], str] | None:
    """Values come flat (`online: 85`) or under `key` (`components: {online: 85}`); nested ids must be known."""
    nested = data.get(key)
    if nested is None:
        return data, "input"
    if not isinstance(nested, dict):
        errors.add(f"input.{key}", f"{key} 必须是“{shape}”的映射。")
        return None
    for k in nested:
        if k not in known:
            errors.add(f"input.{key}.{k}", f"本文件没有“{k}”这一{noun}，请只填本文件列出的{noun}。")
    return nested, f"input.{key}"


def _read_components(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> dict[str, Decimal]:
    found = _holder(data, "components", {c["id"] for c in section["components"]["value"]}, "环节 id: 分数", "考核环节",
                    errors)
    if found is None:
        return {}
    holder, prefix = found
    out: dict[str, Decimal] = {}
    for comp in section["components"]["value"]:
        v = number(holder, comp["id"], f"{comp['label']}得分", errors, prefix=prefix, maximum=100, unit=" 分")
        if v is not None:
            out[comp["id"]] = D(v)
    return out


def _read_weights(data: dict[str, Any], parts: list[dict[str, Any]], errors: Errors) -> dict[str, Decimal] | None:
    """The weights the document leaves open: `weights: {peer, leader}` or flat `w_peer`/`w_leader`.

    Fractions (0.4, 0.6) or percentages (40, 60); either way they must add up to the whole."""
    flat = any(COMPOSITION_FIELDS.get(p["id"], "") in data for p in parts)
    raw: dict[str, Any] = {}
    if flat:
        holder, prefix, names = data, "input", {p["id"]: COMPOSITION_FIELDS.get(p["id"], f"w_{p['id']}") for p in parts}
    else:
        nested = data.get("weights")
        if nested is None:
            labels = "、".join(p["label"] for p in parts)
            errors.add("input.weights", f"文件没有规定{labels}各占多少，请填写两部分的权重（合计 100%），例如各 50%。")
            return None
        if not isinstance(nested, dict):
            errors.add("input.weights", "weights 必须写成 {\"peer\": 权重, \"leader\": 权重}。")
            return None
        holder, prefix, names = nested, "input.weights", {p["id"]: p["id"] for p in parts}
    got: dict[str, Decimal] = {}
    for p in parts:
        key = names[p["id"]]
        text = holder.get(key)
        if isinstance(text, str):
            text = text.strip().removesuffix("%").removesuffix("％").strip()
        raw[key] = text
        label = f"{p['label']}的权重"
        v = number({key: text}, key, label, errors, prefix=prefix, maximum=100)
        if v is not None:
            got[p["id"]] = D(v)
    if len(got) != len(parts):
        return None
    total = sum(got.values(), Decimal(0))
    if all(w <= 1 for w in got.values()) and total == 1:
        return got
    if total == 100:
        return {k: w / 100 for k, w in got.items()}
    where = "input.weights" if not flat else f"input.{names[parts[0]['id']]}"
    shown = " + ".join(fmt(float(w)) for w in got.values())
    errors.add(where, f"两部分权重之和必须是 100%（或 1），现在是 {shown} = {fmt(float(total))}。")
    return None


def _read_deductions(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> dict[str, int]:
    items = _value(section, "deductions") or []
    found = _holder(data, "deductions", {d["id"] for d in items}, "扣分项 id: 次数", "扣分项", errors)
    if found is None:
        return {}
    holder, prefix = found
    out: dict[str, int] = {}
    for d in items:
        n = _count(holder, d["id"], f"{d['label']}的次数", errors, prefix)
        if n:
            out[d["id"]] = n
    return out


def _area_items(section: dict[str, Any]) -> dict[str, tuple[dict[str, Any], int]]:
    """Item ids as the form and the URL write them: <area id><1-based number>, e.g. prep1, teaching3."""
    out: dict[str, tuple[dict[str, Any], int]] = {}
    for area in _value(section, "standard_areas") or []:
        for i, _ in enumerate(area.get("items") or [], start=1):
            out[f"{area['id']}{i}"] = (area, i)
    return out


def _read_areas(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> dict[str, list[int]] | None:
    raw = data.get("areas")
    if raw is None or raw == "":
        return None
    areas = _value(section, "standard_areas")
    if not areas:
        errors.add("input.areas", "本文件没有五方面考核标准，不能填写 areas。")
        return None
    by_id = {a["id"]: a for a in areas}
    items = _area_items(section)
    present: dict[str, list[int]] = {a["id"]: [] for a in areas}
    bad: list[str] = []
    if isinstance(raw, str):
        raw = [t for t in raw.replace("，", ",").replace(";", ",").replace(" ", ",").split(",") if t]
    if isinstance(raw, list):
        for token in raw:
            hit = items.get(str(token).strip())
            if hit is None:
                bad.append(str(token)[:20])
            elif hit[1] not in present[hit[0]["id"]]:
                present[hit[0]["id"]].append(hit[1])
    elif isinstance(raw, dict):
        for key, v in raw.items():
            area = by_id.get(key)
            if area is None:
                bad.append(str(key)[:20])
                continue
            size = len(area.get("items") or [])
            if isinstance(v, bool):
                present[key] = [1] if v else []
            elif isinstance(v, int) and 0 <= v <= size:
                present[key] = list(range(1, v + 1))
            elif isinstance(v, list) and all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= size
                                             for i in v):
                present[key] = sorted(set(v))
            else:
                errors.add(f"input.areas.{key}", f"{area['label']}应填写包含的项目序号（1–{size}）或项目数。")
    else:
        errors.add("input.areas", "areas 应是项目编号的列表，例如 [\"prep1\", \"teaching2\"]。")
        return None
    if bad:
        errors.add("input.areas", f"不认识这些考核项目：{'、'.join(bad)}。项目编号如 {', '.join(list(items)[:3])}。")
        return None
    return present


def _band_rule(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> tuple[dict[str, Any], list[Any],
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
            bands = picked["value"]
    elif rule.get("reading"):
        picked = next((r for r in readings if r.get("id") == rule["reading"]), None)
    return rule, bands, picked


# ---------------------------------------------------------------- the calculation

def evaluate(profile: dict[str, Any], data: dict[str, Any], *, detail: bool = True) -> dict[str, Any]:
    """``detail=False`` (a staff list of 30,000 rows) leaves out the worded steps and notes; numbers stay the same."""
    errors = Errors()
    section: dict[str, Any] = profile.get("grading") or {}
    how = mode(profile)
    title = profile.get("short_title") or profile.get("title") or profile.get("id")
    if how is None:
        usable = [str(p.get("short_title") or p.get("title") or pid) for pid in snapshot.profile_ids()
                  if mode(p := snapshot.profile(pid) or {}) in ("components", "composition")]
        errors.add("profile", f"《{title}》没有规定成绩计算办法。请选择规定了成绩计算办法的文件：{'、'.join(usable)}。")
        return {"ok": False, "errors": errors.items}
    if how == "given":
        return _evaluate_given(profile, section, data, errors)

    steps: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    findings: list[Finding] = []
    extra: dict[str, Any] = {}
    rule_bands, bands, reading = _band_rule(section, data, errors)

    if how == "components":
        scores = _read_components(section, data, errors)
        ignored = [k for k in ("peer", "leader", "bonus", "weights", "w_peer", "w_leader", "deductions",
                               "late_submission", "late", "absent", "areas") if data.get(k) not in (None, "")]
        if errors:
            return {"ok": False, "errors": errors.items}
        comp_rule = stated(section, "components") or {}
        total = Decimal(0)
        parts = []
        for comp in comp_rule["value"]:
            w = D(comp["weight"])
            got = scores[comp["id"]] * w
            total += got
            parts.append({"id": comp["id"], "label": comp["label"], "score": num(scores[comp["id"]]),
                          "weight": float(w), "points": num(got)})
            detail and steps.append(_step(f"components.{comp['id']}",
                               f"{comp['label']}：{fmt(float(scores[comp['id']]))} 分 × {pct(float(w))} = "
                               f"{fmt(float(got))} 分", {"source": comp.get("source") or comp_rule.get("source")},
                               got))
        detail and steps.append(_step("components.sum", f"{len(parts)} 个部分相加：{fmt(float(total))} 分（各部分占比合计 100%）",
                           comp_rule, total))
        extra["components"] = parts
        if ignored:
            detail and notes.append(_note("grade.ignored", f"本文件按研修环节计分，没有互评、领导评价、扣分和加分；已忽略：{'、'.join(ignored)}。",
                               comp_rule))
    else:
        comp_rule = stated(section, "final_composition") or {}
        parts_def = comp_rule["value"]
        scores: dict[str, Decimal] = {}
        for p in parts_def:
            v = number(data, p["id"], f"{p['label']}得分", errors, maximum=100, unit=" 分")
            if v is not None:
                scores[p["id"]] = D(v)
        fixed = {p["id"]: D(p["weight"]) for p in parts_def if p.get("weight") is not None}
        weights = fixed if len(fixed) == len(parts_def) else _read_weights(data, parts_def, errors)
        counts = _read_deductions(section, data, errors)
        bonus_rule = stated(section, "bonus")
        bonus = None
        if bonus_rule is not None:
            b = number(data, "bonus", "加分", errors, required=False, maximum=100, unit=" 分")
            bonus = D(b) if b is not None else None
        elif data.get("bonus") not in (None, ""):
            errors.add("input.bonus", "本文件没有加分规定，不能填写加分。")
        areas = _read_areas(section, data, errors)
        own_image = None
        if data.get("own_image") not in (None, ""):
            own_image = _yes_no(data.get("own_image"))
            if own_image is None:
                errors.add("input.own_image", "“证据是否包含教师本人影像”请填“是”或“否”。")
        if errors:
            return {"ok": False, "errors": errors.items}
        assert weights is not None
        user_weights = not fixed
        total = Decimal(0)
        parts = []
        for p in parts_def:
            w = weights[p["id"]]
            got = scores[p["id"]] * w
            total += got
            parts.append({"id": p["id"], "label": p["label"], "score": num(scores[p["id"]]), "weight": float(w),
                          "points": num(got), "weight_from": "user" if user_weights else "document"})
            whose = "（权重由你填写，文件未规定）" if user_weights else ""
            detail and steps.append(_step(f"final_composition.{p['id']}",
                               f"{p['label']}：{fmt(float(scores[p['id']]))} 分 × {pct(float(w))}{whose} = "
                               f"{fmt(float(got))} 分", comp_rule, got, weight_from="user" if user_weights else "document"))
        detail and steps.append(_step("final_composition.sum", f"两部分相加：{fmt(float(total))} 分", comp_rule, total))
        extra["components"] = parts
        extra["weights"] = {"values": {k: float(v) for k, v in weights.items()},
                            "from": "user" if user_weights else "document"}
        if user_weights:
            detail and notes.append(_note("grade.final_composition",
                               "教师互评与考核领导评价的权重是你填写的（" + "、".join(
                                   f"{p['label']} {pct(float(weights[p['id']]))}" for p in parts_def) +
                               "）：文件只说最终成绩由这两部分构成，没有规定各占多少。", comp_rule))
        ded_rule = stated(section, "deductions") or {}
        for d in ded_rule.get("value") or []:
            n = counts.get(d["id"], 0)
            if not n:
                continue
            change = D(d["points"]) * n
            total += change
            detail and steps.append(_step(f"deductions.{d['id']}", f"{d['label']}：{n} 次 × {fmt(d['points'])} 分 = "
                                                        f"{fmt(float(change))} 分", {"source": d.get("source") or
                                                                                      ded_rule.get("source")}, change))
        if bonus:
            total += bonus
            detail and steps.append(_step("bonus", f"获奖加分：+{fmt(float(bonus))} 分（分值按学校绩效考核方案，由你填写）",
                               bonus_rule, bonus))
        if counts or bonus:
            detail and steps.append(_step("subtotal", f"扣分、加分后：{fmt(float(total))} 分", comp_rule, total))
        if bonus_rule is not None:
            detail and notes.append(_note("grade.bonus", "获奖加分的分值文件未规定，按学校绩效考核方案，由你填写。", bonus_rule))
        extra["deductions"] = counts
        extra["bonus"] = num(bonus) if bonus else 0.0

    # 0–100, one decimal, then the band.
    raw = total
    clamped = None
    if total > SCORE_MAX:
        clamped, total = "high", SCORE_MAX
        detail and steps.append(_step("clamp", f"合计 {fmt(float(raw))} 分超过满分 100，按 100 分计。", rule_bands, total))
    elif total < SCORE_MIN:
        clamped, total = "low", SCORE_MIN
        detail and steps.append(_step("clamp", f"合计 {fmt(float(raw))} 分低于 0，按 0 分计（成绩不低于 0 分）。", rule_bands, total))
    score = one_decimal(total)
    if score != total:
        detail and steps.append(_step("round", f"保留一位小数（四舍五入）：{show(score)} 分", rule_bands, score))
    if clamped:
        detail and notes.append(_note("grade.clamp", f"计算结果 {fmt(float(raw))} 分不在 0–100 分之间，已按"
                                          f"{'100' if clamped == 'high' else '0'} 分计。", rule_bands))
    b = band_of(score, bands)
    assert b is not None, "bands must cover 0–100"
    score_band = b["band"]
    detail and steps.append(_step("band", f"{show(score)} 分在“{band_range(b)}”内 → {b['label']}", rule_bands, None,
                       band=score_band))
    findings.append(finding("grade.bands", rule_bands, score_band != "fail",
                            f"最终成绩 {show(score)} 分，按分数评为{b['label']}（{band_range(b)}）。",
                            actual=num(score), band=score_band))
    band = score_band
    reasons: list[str] = []

    if how == "composition":
        band, reasons = _standard_and_evidence(section, data, findings, steps, notes, band)

    _band_notes(profile, rule_bands, reading, score, notes)
    if section.get("prerequisite_hours") and how == "composition":
        pre = stated(section, "prerequisite_hours") or {}
        said = (pre.get("source") or {}).get("quote") or f"完成 {fmt(pre['value'])} 学时"
        detail and notes.append(_note("grade.prerequisite_hours", f"参加校本应用考核的前提：“{said}”。学时可用“学时自查”核对。",
                                      pre))
    label = BAND_LABELS[band]
    band_label = next((x["label"] for x in bands if x["band"] == band), label)
    status = "fail" if band == "fail" else "pass"
    summary = f"最终成绩 {show(score)} 分，等次：{band_label}。"
    if reasons:
        summary += "（" + "；".join(reasons) + "）"
    return {
        "ok": True,
        "status": status,
        "score": num(score),
        "score_text": show(score),
        "raw_score": num(raw),
        "clamped": clamped,
        "band": band,
        "band_label": band_label,
        "score_band": score_band,
        "reading": reading["id"] if reading else None,
        "summary": summary,
        "findings": findings,
        "steps": steps,
        "notes": notes,
        **extra,
    }


def _standard_and_evidence(section: dict[str, Any], data: dict[str, Any], findings: list[Finding],
                           steps: list[dict[str, Any]], notes: list[dict[str, Any]], band: str) -> tuple[str, list[str]]:
    """The five-area standard (items present → level) and the own-image evidence rule; either can make it 不合格."""
    reasons: list[str] = []
    strict = (stated(section, "level_aggregation") or {}).get("value", "strict") == "strict"
    beside: list[str] = []
    areas_rule = stated(section, "standard_areas")
    level_rule = stated(section, "level_rule") or (areas_rule or {}).get("level_rule") or {}
    present = _read_areas(section, data, Errors()) if areas_rule else None
    if areas_rule and present is not None:
        level_text = (level_rule.get("value") or {})
        missing = []
        for area in areas_rule["value"]:
            have = present.get(area["id"], [])
            names = [area["items"][i - 1] for i in have]
            ok = bool(have)
            if ok:
                msg = f"{area['label']}：包含 {len(have)} 项（{'；'.join(names)}），达到“{level_text.get('pass') or '至少包含一项'}”。"
            else:
                msg = f"{area['label']}：{level_text.get('fail') or '不包含'}任何一项，这一方面按考核标准为不合格。"
                missing.append(area["label"])
            findings.append(finding(f"grade.standard_areas.{area['id']}", {"source": area.get("source") or
                                                                          areas_rule.get("source")}, ok, msg,
                                    items=have, level="pass" if ok else "fail", advisory=not strict))
        if missing and strict:
            reasons.append(f"考核标准中“{'、'.join(missing)}”不包含任何一项，按从严合成为不合格")
            steps.append(_step("standard_areas", f"五方面考核标准：{'、'.join(missing)}不包含任何一项 → 按从严合成为不合格",
                               {"source": level_rule.get("source") or areas_rule.get("source")}, None, band="fail"))
            band = "fail"
        elif missing:
            beside.append(f"五方面考核标准中“{'、'.join(missing)}”不包含任何一项（这一方面不合格）")
            steps.append(_step("standard_areas", f"五方面考核标准：{'、'.join(missing)}不包含任何一项，这一方面不合格；"
                                                 "文件没有说各方面的等次与分数如何合成，等次仍按分数线",
                               {"source": level_rule.get("source") or areas_rule.get("source")}, None))
        else:
            steps.append(_step("standard_areas", "五方面考核标准：每个方面都至少包含一项 → 达到合格标准"
                                                 "（标准表的“优秀”一列为空，不据此评优秀）",
                               {"source": level_rule.get("source") or areas_rule.get("source")}, None))
    elif areas_rule:
        notes.append(_note("grade.standard_areas", "未勾选五方面考核标准（课前备课、课中授课、课后辅导、数据分析、研修活动），"
                                                   "本次只按分数定等次。", areas_rule))
    ev_rule = stated(section, "evidence_rules") or {}
    own = next((r for r in ev_rule.get("value") or [] if r.get("id") == "own_image"), None)
    if own is not None:
        given = _yes_no(data.get("own_image")) if data.get("own_image") not in (None, "") else None
        src = {"source": own.get("source") or ev_rule.get("source")}
        if given is None:
            notes.append(_note("grade.evidence_rules.own_image", own["rule"] + "。", src))
        elif given:
            findings.append(finding("grade.evidence_rules.own_image", src, True, "证据包含教师本人影像，可作为有效证据。"))
        else:
            quote = (src["source"] or {}).get("quote") or ""
            findings.append(finding("grade.evidence_rules.own_image", src, False,
                                    f"这份证据不含教师本人影像，按“{quote}”是无效证据：须补交含本人影像的证据。"
                                    + ("按从严合成，教师评为不合格。" if strict else "文件说的是证据无效，没有说教师因此不合格。"),
                                    evidence_valid=False, advisory=not strict))
            if strict:
                steps.append(_step("evidence", "证据不含教师本人影像 → 无效证据，按从严合成为不合格", src, None, band="fail"))
                reasons.append("证据不含教师本人影像，为无效证据，按从严合成为不合格")
                band = "fail"
            else:
                steps.append(_step("evidence", "证据不含教师本人影像 → 这份证据无效，须补交；等次仍按分数线", src, None))
                beside.append("提交的证据不含本人影像，是无效证据，须补交")
    if beside:
        reasons.append("另：" + "；".join(beside))
    return band, reasons


def _band_notes(profile: dict[str, Any], rule: dict[str, Any], reading: dict[str, Any] | None, score: Decimal,
                notes: list[dict[str, Any]]) -> None:
    if rule.get("borrowed_from"):
        lender = snapshot.profile(str(rule["borrowed_from"])) or {}
        whose = lender.get("short_title") or lender.get("title") or "另一份方案"
        lines = "、".join(f"{band_range(b)}{b['label']}" for b in rule.get("value") or [])
        notes.append(_note("grade.bands.borrowed", f"本文件没有等次分数线，这里借用《{whose}》的分数线（{lines}）；"
                                                   "学校另有规定时以学校规定为准。", rule))
    readings = rule.get("readings") or []
    if reading and len(readings) > 1:
        others = [r for r in readings if r["id"] != reading["id"]]
        here = (band_of(score, reading["value"]) or {}).get("band")
        at_boundary = any((band_of(score, r["value"]) or {}).get("band") != here for r in others)
        text = f"80 分的读法：本次按“{reading['label']}”。"
        if at_boundary:
            alt = "；".join(f"按“{r['label']}”则为{(band_of(score, r['value']) or {}).get('label', '')}" for r in others)
            text = f"注意：{show(score)} 分正好落在文件两个分数段重叠处。本次按“{reading['label']}”；{alt}。"
        notes.append({**_note("grade.bands.reading", text, reading), "reading": reading["id"],
                      "at_boundary": at_boundary})


def _evaluate_given(profile: dict[str, Any], section: dict[str, Any], data: dict[str, Any],
                    errors: Errors) -> dict[str, Any]:
    """开原: no score lines, only school-level rates; a teacher's 等次 (from certification) is given."""
    raw = data.get("band")
    band = BAND_ALIASES.get(str(raw).strip().lower()) if raw not in (None, "") else None
    if band is None:
        errors.add("input.band", "本文件只规定学校层面的合格率和优秀率，没有分数线：请填写教师的认证等次（优秀、合格或不合格）。"
                   if raw in (None, "") else f"等次“{str(raw)[:20]}”无法识别，请填优秀、合格或不合格。")
        return {"ok": False, "errors": errors.items}
    notes = []
    for key in ("school_pass_rate_min", "school_excellent_rate_max"):
        rule = stated(section, key)
        if rule and rule.get("value") is not None:
            what = "培训合格率不低于" if key == "school_pass_rate_min" else "微能力点认证优秀率不超过"
            how = next((r.get("label") for r in rule.get("readings") or [] if r.get("id") == rule.get("reading")), None)
            others = [r.get("label") for r in rule.get("readings") or [] if r.get("id") != rule.get("reading")]
            extra = f"本站{how}；文件未说明，也可能{'、'.join(others)}。" if how and others else ""
            notes.append(_note(f"grade.{key}", f"学校层面：{what} {pct(rule['value'])}（用批量计算检查全校名单）。{extra}", rule))
    label = BAND_LABELS[band]
    return {"ok": True, "status": "fail" if band == "fail" else "pass", "score": None, "band": band,
            "band_label": label, "score_band": None, "reading": None,
            "summary": f"等次：{label}（按填写的认证等次）。", "findings": [], "steps": [], "notes": notes}


# ---------------------------------------------------------------- school level

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
