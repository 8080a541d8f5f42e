"""A score made of two parts, 教师互评 and 考核领导评价 (grading.final_composition), each weighted 0–100% or, where the
document gives no weight, left for the user to enter."""

from __future__ import annotations

from typing import Any

from ....core.checks import Checker, num

SECTION, KEY = "grading", "final_composition"
ASK = "composition"


def validate(c: Checker, key: str, final: Any, section: dict[str, Any]) -> None:
    if not isinstance(final, list) or not all(isinstance(x, dict) and x.get("id") for x in final):
        c.err(key, "须列出各部分及其权重", "必须是 {id, label, weight} 的列表")
    elif not all(x.get("weight") is None or (num(x["weight"]) and 0 <= x["weight"] <= 1) for x in final):
        c.err(key, "各部分的权重须在 0 到 100% 之间，文件未给时留空",
              "weight 为 0 到 1 之间的小数，文件未给时为 null")
