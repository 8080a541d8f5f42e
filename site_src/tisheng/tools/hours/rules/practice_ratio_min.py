"""A share of practice in the hours (hours.practice_ratio_min): "实践应用学时不少于50%".

Readings (data/conflicts.yaml, hours-ratio-base): a share of the required total (the default: more online hours can
never turn a pass into a fail), or of the hours actually done."""

from __future__ import annotations

from typing import Any

from ....core import vocabulary
from ....core.model import ceil1, cite, fmt, in_force, pct
from ..check import Check

SECTION, KEY = "hours", "practice_ratio_min"
VALUE = "fraction"
ASK = "fraction"
BASES = vocabulary.Words(lambda v: {w: v.value_words[w] for w in ("required", "actual")})


class Ratio(Check):
    __slots__ = ("base_total",)
    phase = 2

    def __init__(self, need: float, rule: dict[str, Any], base_total: float | None):
        super().__init__(f"{SECTION}.{KEY}", "practice", need, rule)
        self.base_total = base_total  # the required total the share is of; None = the hours actually done

    @property
    def takes_remainder(self) -> bool:  # type: ignore[override]
        return self.base_total is None

    def practice_needed(self) -> float | None:
        """Read against the required total: a fixed number of practice hours."""
        return ceil1(self.need * self.base_total) if self.base_total else None

    def gap(self, amounts: dict[str, float], total: float) -> float:
        practice = amounts.get("practice", 0.0)
        fixed = self.practice_needed()
        if fixed is not None:
            return ceil1(fixed - practice) if practice < fixed else 0.0
        if total == 0:
            return 0.1  # any practice at all would meet the share; 0.1 is the smallest step shown
        if practice / total >= self.need or self.need >= 1:
            return 0.0
        return ceil1((self.need * total - practice) / (1 - self.need))  # smallest x: (p + x) / (t + x) >= need

    def measure(self, amounts: dict[str, float], total: float) -> tuple[float, float]:
        practice = amounts.get("practice", 0.0)
        fixed = self.practice_needed()
        if fixed is not None:  # a number of practice hours
            return practice, fixed
        return (round(practice / total, 4) if total else 0.0), self.need  # a share of the hours done

    def shortfall_text(self, gap: float) -> str:
        return f"{fmt(gap)} 学时实践应用" + ("" if self.base_total else "（占比）")

    def message(self, amounts: dict[str, float], total: float, gap: float) -> str:
        need, practice, fixed = self.need, amounts.get("practice", 0.0), self.practice_needed()
        if fixed is not None:
            basis = f"按要求的总学时 {fmt(self.base_total or 0)} 学时的 {pct(need)} 计，实践应用应不少于 {fmt(fixed)} 学时"
            if gap:
                return f"实践应用 {fmt(practice)} 学时；{basis}，还差 {fmt(gap)} 学时实践应用。"
            return f"实践应用 {fmt(practice)} 学时，达到要求（{basis}）。"
        if total == 0:
            return f"还没有任何学时，无法计算实践应用占比（要求不少于 {pct(need)}）。"
        share = practice / total
        if gap:
            return (f"实践应用 {fmt(practice)} 学时，占总学时的 {pct(share)}，要求不少于 {pct(need)}；"
                    f"再增加 {fmt(gap)} 学时实践应用即可达到。")
        return f"实践应用占总学时的 {pct(share)}，达到不少于 {pct(need)} 的要求。"

    def rule_text(self) -> str:
        return f"实践应用学时不少于总学时的 {fmt(self.need * 100)}%"

    def note(self, base: str) -> dict[str, Any]:
        """Which reading of the share was used, and the other."""
        other = "actual" if self.base_total is not None else "required"
        return {"rule": self.rule_id, "source": cite(self.rule), "inherited_from": self.rule.get("inherited_from"),
                "reading": base,
                "message": f"“实践应用学时不少于{pct(self.need)}”本站{BASES[base]}"
                           + ("（这样多学线上课程不会反而不达标）" if base == "required" else "")
                           + f"；文件未说明以哪个总数为基数，也可选择“{BASES[other]}”。"}


def compile(rule: dict[str, Any], section: dict[str, Any], options: dict[str, Any]) -> Ratio:
    total = in_force(section, "total_min")
    base_total = float(total["value"]) if total and options.get("ratio_base", "required") == "required" else None
    return Ratio(float(rule["value"]), rule, base_total)


def read_base(data: dict[str, Any], errors: Any) -> str:
    """The reading a request asks for (``ratio_base``): required (the default) or actual."""
    raw = data.get("ratio_base", "required")
    value = str(raw).strip() if raw is not None else "required"
    value = {"": "required", "要求": "required", "实际": "actual"}.get(value, value)
    if value not in BASES:
        errors.add("input.ratio_base", "实践应用占比的算法只能是 required（按要求的总学时）或 actual（按实际完成的总学时）。")
        return "required"
    return value
