"""The 规范's rule: each piece of evidence is 优秀, 合格 or 不合格; a point is 优秀 only if every piece is 优秀, and
不合格 if any piece is below 合格; otherwise 合格."""

from __future__ import annotations

LABELS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}


def point_level(pieces: list[str], rule: dict[str, str]) -> str:
    if rule.get("fail") == "any-fail" and "fail" in pieces:
        return "fail"
    if rule.get("excellent") == "all-excellent" and pieces and all(p == "excellent" for p in pieces):
        return "excellent"
    return "pass"
