"""The score lines of the three bands (grading.bands), and of each reading of them: excellent above pass above fail,
each bound 0–100 and said whether it belongs to the band, no score in two bands or in none."""

from __future__ import annotations

from typing import Any

from ....core.checks import Checker, num

SECTION, KEY = "grading", "bands"
ASK = "bands"
BANDS = ("excellent", "pass", "fail")
LABELS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}


def validate(c: Checker, key: str, bands: Any, section: dict[str, Any]) -> None:
    """The bands, and each reading's bands."""
    check_bands(c, key, bands)
    for i, r in enumerate(section[KEY].get("readings") or []):
        if isinstance(r, dict) and r.get("value") is not None:
            check_bands(c, f"{SECTION}.{KEY}.readings[{i}].value", r["value"])


def check_bands(c: Checker, key: str, bands: Any) -> None:
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
        _joins(c, key, bands)


def _joins(c: Checker, key: str, bands: list[dict[str, Any]]) -> None:
    for upper, lower in zip(bands, bands[1:]):
        lo, hi = upper.get("min"), lower.get("max")
        names = f"{LABELS[upper['band']]}与{LABELS[lower['band']]}"
        if lo is None or hi is None:
            c.err(f"{key}.{upper['band']}", f"{names}之间缺少分数线")
        elif hi < lo or (hi == lo and not upper["min_inclusive"] and not lower["max_inclusive"]):
            c.err(f"{key}.{upper['band']}", f"{names}之间有空档：{hi:g} 到 {lo:g} 分不属于任何等次")
        elif hi > lo or (upper["min_inclusive"] and lower["max_inclusive"]):
            c.err(f"{key}.{upper['band']}", f"{names}重叠：{lo:g} 到 {hi:g} 分同时属于两个等次")
