"""A compiled hour rule (``Check``): what it asks, how far a teacher is from it and what closes the gap. The kinds in
``rules/`` build these; the single check, the staff list, 我的考核进度 and the evidence prerequisites apply them."""

from __future__ import annotations

from typing import Any

from ...core import vocabulary
from ...core.model import ceil1, fmt

KINDS = vocabulary.Words(lambda v: v.hour_kinds)


class Check:
    """One hour rule of a profile, compiled once and applied to any number of teachers.

    ``fills``: the hours that close its gap (a kind of hours, or ``any``); ``phase``: when the shortest way to pass
    adds them (1 a kind's own minimum, 2 a share, 3 the total's remainder); ``takes_remainder``: the total's remainder
    is added as this rule's hours (a share of the hours done would fall with any other)."""

    __slots__ = ("rule_id", "need", "rule", "fills")
    phase = 1
    takes_remainder = False

    def __init__(self, rule_id: str, fills: str, need: float, rule: dict[str, Any]):
        self.rule_id, self.fills, self.need, self.rule = rule_id, fills, need, rule

    def have(self, amounts: dict[str, float], total: float) -> float:
        return amounts.get(self.fills, 0.0)

    def gap(self, amounts: dict[str, float], total: float) -> float:
        """0 when met; otherwise the smallest extra hours (of ``fills``) that meet it."""
        have = self.have(amounts, total)
        return ceil1(self.need - have) if have < self.need else 0.0

    def measure(self, amounts: dict[str, float], total: float) -> tuple[float, float]:
        """(actual, required) as the finding reports them."""
        return self.have(amounts, total), self.need

    def shortfall_text(self, gap: float) -> str:
        return f"{fmt(gap)} 学时{KINDS[self.fills]}"

    def message(self, amounts: dict[str, float], total: float, gap: float) -> str:
        label, have = KINDS[self.fills], self.have(amounts, total)
        if gap:
            return f"{label} {fmt(have)} 学时，要求不少于 {fmt(self.need)} 学时，还差 {fmt(gap)} 学时{label}。"
        return f"{label} {fmt(have)} 学时，达到不少于 {fmt(self.need)} 学时的要求。"

    def rule_text(self) -> str:
        """The rule in a few words, for a staff list's 依据."""
        return f"{KINDS[self.fills]}学时不少于 {fmt(self.need)}"


class Total(Check):
    """Hours of any kind together."""

    __slots__ = ()
    phase = 3

    def have(self, amounts: dict[str, float], total: float) -> float:
        return total

    def shortfall_text(self, gap: float) -> str:
        return f"{fmt(gap)} 学时"

    def message(self, amounts: dict[str, float], total: float, gap: float) -> str:
        if gap:
            return f"总学时 {fmt(total)}，要求不少于 {fmt(self.need)} 学时，还差 {fmt(gap)} 学时。"
        return f"总学时 {fmt(total)}，达到不少于 {fmt(self.need)} 学时的要求。"

    def rule_text(self) -> str:
        return f"总学时不少于 {fmt(self.need)}"


def share_of(checks: list[Check]) -> Check | None:
    """The rule a share of practice is read against, when there is one (phase 2)."""
    return next((c for c in checks if c.phase == 2), None)


def minimum(section: str, key: str, kind: str) -> Any:
    """The ``compile`` of a kind that asks for a number of one kind of hours."""

    def compile(rule: dict[str, Any], sec: dict[str, Any], options: dict[str, Any]) -> Check:
        return Check(f"{section}.{key}", kind, float(rule["value"]), rule)

    return compile
