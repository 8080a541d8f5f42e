"""Checks of rule values that build_data runs on every profile: each rule's value against its type in
``data/vocabulary.yaml``, and the numbers the grade tool computes with."""

from __future__ import annotations

import re
from typing import Any, Protocol

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Reporter(Protocol):
    def err(self, where: str, key: str, what: str) -> None: ...


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _window_ok(w: Any, kinds: list[str]) -> bool:
    return isinstance(w, dict) and w.get("kind") in kinds and bool(w.get("start") or w.get("end")) and all(
        isinstance(w.get(k), str) and DATE_RE.match(w[k]) for k in ("start", "end") if w.get(k) is not None
    ) and isinstance(w.get("binding"), bool)


def check_types(c: Reporter, where: str, vocab: dict[str, Any], name: str, section: dict[str, Any]) -> None:
    """Each rule's value against the type its key has in the vocabulary; in a `closed` section, unknown keys."""
    sec = next(s for s in vocab["sections"] if s["id"] == name)
    types = {r["key"]: r.get("type") for r in sec["rules"]}
    kinds = [k["id"] for k in vocab["hour_kinds"]]
    for key, rule in section.items():
        kind = types.get(key)
        if kind is None and sec.get("closed"):
            c.err(where, f"{name}.{key}", f"未知的{sec['title']}规则；可用：{', '.join(types)}")
            continue
        value = rule.get("value") if isinstance(rule, dict) else None
        if value is None:
            continue
        at = f"{name}.{key}.value"
        if kind in ("number", "fraction") and not _num(value):
            c.err(where, at, f"必须是数字，现在是 {value!r}")
        elif kind == "fraction" and not 0 < value <= 1:
            c.err(where, at, "比例写成 0 到 1 之间的小数，例如 0.5 表示 50%")
        elif kind == "number" and value < 0:
            c.err(where, at, "不能为负数")
        elif kind == "date" and not (isinstance(value, str) and DATE_RE.match(value)):
            c.err(where, at, "日期写成 YYYY-MM-DD（或 YYYY-MM、YYYY）")
        elif kind == "boolean" and not isinstance(value, bool):
            c.err(where, at, "必须是 true 或 false")
        elif kind == "windows":
            for i, w in enumerate(value if isinstance(value, list) else [None]):
                if not _window_ok(w, kinds):
                    c.err(where, f"{at}[{i}]", f"写成 {{kind: {'|'.join(kinds)}, start, end（YYYY-MM-DD，至少一个）, "
                                               "binding: true|false}")


def _check_bands(c: Reporter, where: str, candidates: list[tuple[str, Any]], order: list[str]) -> None:
    for key, bands in candidates:
        if bands is None:
            continue
        if not isinstance(bands, list) or [b.get("band") for b in bands if isinstance(b, dict)] != order:
            c.err(where, key, f"必须依次列出这些等次：{'、'.join(order)}")
            continue
        for b in bands:
            for end in ("min", "max"):
                bound, incl = b.get(end), b.get(f"{end}_inclusive")
                if bound is None:
                    if incl is not None:
                        c.err(where, f"{key}.{b['band']}", f"{end} 为 null 时 {end}_inclusive 也须为 null")
                elif not (_num(bound) and 0 <= bound <= 100) or not isinstance(incl, bool):
                    c.err(where, f"{key}.{b['band']}", f"{end} 须为 0–100 的数，{end}_inclusive 须为 true/false")


def check_grading(c: Reporter, where: str, section: dict[str, Any], vocab: dict[str, Any]) -> None:
    """The numbers the grade tool computes with: weights, deductions, bands (school rates are fractions, checked
    by their type)."""
    def value(key: str) -> Any:
        rule = section.get(key)
        return rule.get("value") if isinstance(rule, dict) else None

    comps = value("components")
    if comps is not None:
        if not isinstance(comps, list) or not comps:
            c.err(where, "grading.components.value", "必须是 {id, label, weight} 的非空列表")
        else:
            ids = [x.get("id") for x in comps if isinstance(x, dict)]
            if len(set(ids)) != len(comps) or not all(isinstance(i, str) and i for i in ids):
                c.err(where, "grading.components.value", "每项须有不重复的 id")
            weights = [x.get("weight") for x in comps if isinstance(x, dict)]
            if not all(_num(w) and 0 < w <= 1 for w in weights):
                c.err(where, "grading.components.value", "weight 写成 0 到 1 之间的小数，例如 0.15 表示 15%")
            elif abs(sum(weights) - 1) > 1e-9:
                c.err(where, "grading.components.value", f"各项 weight 之和必须为 1，现在是 {sum(weights):g}")
    final = value("final_composition")
    if final is not None:
        if not isinstance(final, list) or not all(isinstance(x, dict) and x.get("id") for x in final):
            c.err(where, "grading.final_composition.value", "必须是 {id, label, weight} 的列表")
        elif not all(x.get("weight") is None or (_num(x["weight"]) and 0 <= x["weight"] <= 1) for x in final):
            c.err(where, "grading.final_composition.value", "weight 为 0 到 1 之间的小数，文件未给时为 null")
    deds = value("deductions")
    if deds is not None:
        if not isinstance(deds, list) or not all(isinstance(x, dict) and x.get("id") and _num(x.get("points"))
                                                 and x["points"] != 0 for x in deds):
            c.err(where, "grading.deductions.value", "每项须有 id 和非零的 points（扣分写负数）")
    rule = section.get("bands")
    candidates = [("grading.bands.value", value("bands"))]
    if isinstance(rule, dict):
        candidates += [(f"grading.bands.readings[{i}].value", r.get("value"))
                       for i, r in enumerate(rule.get("readings") or []) if isinstance(r, dict)]
    _check_bands(c, where, candidates, [b["id"] for b in vocab["bands"]])
