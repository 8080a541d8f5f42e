"""The share of teachers trained each year (rollout.shares): fractions keyed by year, adding up to no more than 100%."""

from __future__ import annotations

import re
from typing import Any

from ....core.checks import Checker, num, pct

SECTION, KEY = "rollout", "shares"
ASK = "shares"


def validate(c: Checker, key: str, shares: Any, section: dict[str, Any]) -> None:
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
