"""The parts a score is made of and their weights (grading.components): at least one, named once each, weights over
0 and up to 100% that add up to 100%."""

from __future__ import annotations

from typing import Any

from ....core.checks import Checker, num, pct

SECTION, KEY = "grading", "components"
ASK = "components"


def validate(c: Checker, key: str, comps: Any, section: dict[str, Any]) -> None:
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
