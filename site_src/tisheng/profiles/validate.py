"""The rules a profile must keep, shared by the build (``scripts/build_data.py``) and a user's own file (``local``).

Each problem is a ``Problem(key, what, hint)``: ``key`` is the rule's path (``hours.total_min.value``), ``what`` a
plain Chinese sentence a teacher can read beside the field, ``hint`` how a maintainer fixes the YAML (may name keys).
The build prints ``file: key: what（hint）``; the rules page shows ``what`` beside the field ``key`` names.
Also here: ``resolve``, which fills a profile's unstated rules from its ``extends`` chain.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

LEVELS = {"national", "province", "city", "county", "school"}
SECTIONS = ("hours", "points", "grading", "rollout", "timeline", "roles", "school")
HOURS_KEYS = {
    "total_min": "number",
    "online_min": "number",
    "practice_min": "number",
    "centralized_min": "number",
    "practice_ratio_min": "fraction",
    "period_years": "number",
    "windows": "windows",
    "period_start": "date",
    "deadline": "date",
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
BANDS = ("excellent", "pass", "fail")


class Problem(NamedTuple):
    key: str
    what: str
    hint: str = ""


def num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def pct(x: float) -> str:
    return f"{round(x * 100, 4):g}%"


class Checker:
    """Collects problems; ``source_ids`` are the documents a citation may name (None: any, the user's own file)."""

    def __init__(self, source_ids: set[str] | None):
        self.source_ids = source_ids
        self.problems: list[Problem] = []

    def err(self, key: str, what: str, hint: str = "") -> None:
        self.problems.append(Problem(key, what, hint))

    def citation(self, key: str, src: Any, parts: tuple[str, ...] = ("doc", "section", "quote")) -> None:
        if not isinstance(src, dict):
            self.err(key, "依据须写明文件、条款和原文", "source 必须是 {doc, section, quote}")
            return
        for part in parts:
            if not isinstance(src.get(part), str) or not src[part].strip():
                self.err(f"{key}.{part}", "缺少或为空")
        for part in ("doc", "via"):
            ref = src.get(part)
            if self.source_ids is not None and isinstance(ref, str) and ref not in self.source_ids:
                self.err(f"{key}.{part}", f"“{ref}”不在 sources.yaml 中")

    def rule(self, key: str, rule: Any) -> None:
        if not isinstance(rule, dict):
            self.err(key, "规则必须是带 value 和 source 的映射")
            return
        if "value" not in rule:
            self.err(key, "缺少 value（文件未规定的规则写 value: null 并加 note）")
        if "source" not in rule:
            self.err(key, "缺少 source")
        if rule.get("value") is None and "value" in rule and not rule.get("note"):
            self.err(key, "value 为 null 时必须用 note 说明文件为何未规定")
        readings = rule.get("readings")
        if readings is not None:
            if not isinstance(readings, list) or not readings:
                self.err(f"{key}.readings", "必须是非空列表")
            else:
                ids = [r.get("id") for r in readings if isinstance(r, dict)]
                if rule.get("reading") not in ids:
                    self.err(f"{key}.reading", f"必须是 readings 中的一个 id：{ids}")
        self.walk(key, rule)

    def walk(self, key: str, node: Any) -> None:
        """Every `source` anywhere below a rule is a full citation."""
        if isinstance(node, dict):
            for k, v in node.items():
                path = f"{key}.{k}"
                if k == "source":
                    self.citation(path, v)
                else:
                    self.walk(path, v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.walk(f"{key}[{i}]", v)


def _value(section: dict[str, Any], key: str) -> Any:
    rule = section.get(key)
    return rule.get("value") if isinstance(rule, dict) else None


def check_hours(c: Checker, section: dict[str, Any]) -> None:
    for key, rule in section.items():
        kind = HOURS_KEYS.get(key)
        if kind is None:
            c.err(f"hours.{key}", "未知的学时规则", f"可用：{', '.join(HOURS_KEYS)}")
            continue
        value = rule.get("value") if isinstance(rule, dict) else None
        if value is None:
            continue
        where = f"hours.{key}.value"
        if kind in ("number", "fraction") and not num(value):
            c.err(where, f"必须是数字，现在是“{value}”")
        elif kind == "fraction" and not 0 < value <= 1:
            c.err(where, "比例须在 0 到 100% 之间", "写成 0 到 1 之间的小数，例如 0.5 表示 50%")
        elif kind == "number" and value < 0:
            c.err(where, "不能为负数")
        elif kind == "date" and not (isinstance(value, str) and DATE_RE.match(value)):
            c.err(where, "日期写成 年-月-日，例如 2024-06-30", "YYYY-MM-DD（或 YYYY-MM、YYYY）")
        elif kind == "windows":
            _check_windows(c, where, value)
    start, end = _value(section, "period_start"), _value(section, "deadline")
    if isinstance(start, str) and isinstance(end, str) and DATE_RE.match(start) and DATE_RE.match(end) \
            and end < start:
        c.err("hours.deadline.value", f"完成期限 {end} 早于起始日期 {start}")


def _check_windows(c: Checker, where: str, value: Any) -> None:
    for i, w in enumerate(value if isinstance(value, list) else [None]):
        ok = isinstance(w, dict) and w.get("kind") in ("online", "practice", "centralized") and (
            w.get("start") or w.get("end")) and all(
            isinstance(w.get(k), str) and DATE_RE.match(w[k]) for k in ("start", "end") if w.get(k) is not None)
        if not ok or not isinstance(w.get("binding"), bool):
            c.err(f"{where}[{i}]", "时间段须写明研修类别和起止日期",
                  "写成 {kind: online|practice|centralized, start, end（YYYY-MM-DD，至少一个）, binding: true|false}")


def check_grading(c: Checker, section: dict[str, Any]) -> None:
    """The numbers the grade tool computes with: weights, deductions, bands, school rates."""
    _check_components(c, _value(section, "components"))
    final = _value(section, "final_composition")
    if final is not None:
        if not isinstance(final, list) or not all(isinstance(x, dict) and x.get("id") for x in final):
            c.err("grading.final_composition.value", "须列出各部分及其权重", "必须是 {id, label, weight} 的列表")
        elif not all(x.get("weight") is None or (num(x["weight"]) and 0 <= x["weight"] <= 1) for x in final):
            c.err("grading.final_composition.value", "各部分的权重须在 0 到 100% 之间，文件未给时留空",
                  "weight 为 0 到 1 之间的小数，文件未给时为 null")
    deds = _value(section, "deductions")
    if deds is not None:
        if not isinstance(deds, list) or not all(isinstance(x, dict) and x.get("id") and num(x.get("points"))
                                                 and x["points"] != 0 for x in deds):
            c.err("grading.deductions.value", "每个扣分项须有名称和不为 0 的分值",
                  "每项须有 id 和非零的 points（扣分写负数）")
    rule = section.get("bands")
    candidates = [("grading.bands.value", _value(section, "bands"))]
    if isinstance(rule, dict):
        candidates += [(f"grading.bands.readings[{i}].value", r.get("value"))
                       for i, r in enumerate(rule.get("readings") or []) if isinstance(r, dict)]
    for key, bands in candidates:
        if bands is not None:
            check_bands(c, key, bands)
    for key in ("school_pass_rate_min", "school_excellent_rate_max"):
        v = _value(section, key)
        if v is not None and not (num(v) and 0 <= v <= 1):
            c.err(f"grading.{key}.value", "比例须在 0 到 100% 之间", "写成 0 到 1 之间的小数，例如 0.6 表示 60%")


def _check_components(c: Checker, comps: Any) -> None:
    if comps is None:
        return
    key = "grading.components.value"
    if not isinstance(comps, list) or not comps:
        c.err(key, "须列出至少一个考核环节", "必须是 {id, label, weight} 的非空列表")
        return
    ids = [x.get("id") for x in comps if isinstance(x, dict)]
    if len(set(ids)) != len(comps) or not all(isinstance(i, str) and i for i in ids):
        c.err(key, "每个考核环节须有不重复的名称", "每项须有不重复的 id")
    weights = [x.get("weight") for x in comps if isinstance(x, dict)]
    if not all(num(w) and 0 < w <= 1 for w in weights):
        c.err(key, "每个考核环节的权重须大于 0、不超过 100%", "weight 写成 0 到 1 之间的小数，例如 0.15 表示 15%")
    elif abs(sum(weights) - 1) > 1e-9:
        c.err(key, f"各环节的权重之和必须为 100%，现在是 {pct(sum(weights))}",
              f"各项 weight 之和必须为 1，现在是 {sum(weights):g}")


def check_bands(c: Checker, key: str, bands: Any) -> None:
    """Three bands, excellent above pass above fail, each bound 0–100, no score in two bands or in none."""
    if not isinstance(bands, list) or [b.get("band") for b in bands if isinstance(b, dict)] != list(BANDS):
        c.err(key, "须依次写出优秀、合格、不合格三个等次", "必须依次列出 excellent、pass、fail 三个等次")
        return
    ok = True
    for b in bands:
        for end in ("min", "max"):
            bound, incl = b.get(end), b.get(f"{end}_inclusive")
            if bound is None:
                if incl is not None:
                    c.err(f"{key}.{b['band']}", "没有分数线的一端不能选“含”或“不含”",
                          f"{end} 为 null 时 {end}_inclusive 也须为 null")
                    ok = False
            elif not (num(bound) and 0 <= bound <= 100) or not isinstance(incl, bool):
                c.err(f"{key}.{b['band']}", "分数线须为 0–100 的数，并写明是否含这个分数",
                      f"{end} 须为 0–100 的数，{end}_inclusive 须为 true/false")
                ok = False
    if ok:
        _check_band_joins(c, key, bands)


def _check_band_joins(c: Checker, key: str, bands: list[dict[str, Any]]) -> None:
    labels = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}
    for upper, lower in zip(bands, bands[1:]):
        lo, hi = upper.get("min"), lower.get("max")
        names = f"{labels[upper['band']]}与{labels[lower['band']]}"
        if lo is None or hi is None:
            c.err(f"{key}.{upper['band']}", f"{names}之间缺少分数线")
        elif hi < lo or (hi == lo and not upper["min_inclusive"] and not lower["max_inclusive"]):
            c.err(f"{key}.{upper['band']}", f"{names}之间有空档：{_fmt(hi)} 到 {_fmt(lo)} 分不属于任何等次")
        elif hi > lo or (upper["min_inclusive"] and lower["max_inclusive"]):
            c.err(f"{key}.{upper['band']}", f"{names}重叠：{_fmt(lo)} 到 {_fmt(hi)} 分同时属于两个等次")


def _fmt(x: float) -> str:
    return f"{x:g}"


def resolve(pid: str, raw: dict[str, Any], seen: tuple[str, ...] = (),
            done: dict[str, dict[str, Any]] | None = None, sections: tuple[str, ...] = SECTIONS) -> dict[str, Any]:
    """A profile with its ancestors' rules filled in; each inherited rule says where it came from.

    ``done`` holds profiles already resolved (the snapshot's, when a user's file extends one of them)."""
    if pid in seen:
        raise ValueError("extends 形成了循环：" + " → ".join((*seen, pid)))
    prof = raw[pid]
    parent_id = prof.get("extends")
    if done is not None and parent_id in done:
        base: dict[str, Any] = done[parent_id]
    else:
        base = resolve(parent_id, raw, (*seen, pid), done, sections) if parent_id in raw else {}
    out: dict[str, Any] = {k: v for k, v in prof.items() if k not in sections}
    out["catalog"] = prof.get("catalog") or base.get("catalog")
    out["lineage"] = [pid, *base.get("lineage", [])]
    for name in sections:
        merged: dict[str, Any] = {}
        for key, rule in (base.get(name) or {}).items():
            merged[key] = {**rule, "inherited_from": rule.get("inherited_from") or parent_id}
        for key, rule in (prof.get(name) or {}).items():
            merged[key] = {**rule, "inherited_from": None}
        if merged:
            out[name] = merged
    return out


POINT_COUNTS = ("teacher_count_min", "teacher_count_max", "teacher_dimensions_min", "school_range_size",
                "school_envs_min", "school_dimensions_min")


def _count(v: Any) -> bool:
    return num(v) and v >= 0 and v == int(v)


def check_points(c: Checker, section: dict[str, Any]) -> None:
    """Counts are whole numbers; an age rule's bounds are whole years with the lower not above the upper."""
    for key in POINT_COUNTS:
        v = _value(section, key)
        if v is not None and not _count(v):
            c.err(f"points.{key}.value", f"必须是不小于 0 的整数，现在是“{v}”")
    lo, hi = _value(section, "teacher_count_min"), _value(section, "teacher_count_max")
    if _count(lo) and _count(hi) and hi < lo:
        c.err("points.teacher_count_max.value", f"最多选的个数（{hi}）小于至少选的个数（{lo}）")
    rules = _value(section, "age_rules")
    if rules is None:
        return
    if not isinstance(rules, list) or not rules:
        c.err("points.age_rules.value", "须至少写一条年龄规定", "必须是 {age_min, age_max, count_min} 的非空列表")
        return
    for i, r in enumerate(rules):
        key = f"points.age_rules.value[{i}]"
        if not isinstance(r, dict) or not _count(r.get("count_min")):
            c.err(key, "须写明这个年龄段至少选几个能力点（不小于 0 的整数）", "count_min 为整数")
            continue
        bounds = [r.get("age_min"), r.get("age_max")]
        if not all(b is None or (_count(b) and b <= 100) for b in bounds) or bounds == [None, None]:
            c.err(key, "年龄须是 0–100 的整数，至少写一端", "age_min/age_max 为整数或 null")
        elif None not in bounds and bounds[0] > bounds[1]:
            c.err(key, f"起始年龄 {bounds[0]} 大于截止年龄 {bounds[1]}")


def check_rollout(c: Checker, section: dict[str, Any]) -> None:
    """Shares are fractions keyed by year that add up to no more than 100%."""
    shares = _value(section, "shares")
    if shares is None:
        return
    key = "rollout.shares.value"
    if not isinstance(shares, dict) or not shares:
        c.err(key, "须至少写一个年度的比例", "必须是 年份 → 比例 的映射")
        return
    for year, share in shares.items():
        if not re.match(r"^(19|20)\d\d$", str(year)):
            c.err(key, f"“{year}”不是年份（写成四位数字，例如 2022）")
        if not num(share) or not 0 < share <= 1:
            c.err(key, f"{year} 年的比例须大于 0、不超过 100%", "写成 0 到 1 之间的小数")
    total = sum(s for s in shares.values() if num(s))
    if total > 1 + 1e-9:
        c.err(key, f"各年度比例之和超过 100%（现在是 {pct(total)}）")
