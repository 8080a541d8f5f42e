"""What each year should get: the base the shares are of, the targets, the deviations, and their findings."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ...core.model import Finding, finding, fmt, in_force, pct
from .context import Ctx
from .rounding import largest_remainder, weights_of
from .values import BASES


def points_text(pp: float) -> str:
    """Percentage points as a reader wants them: "−1.63 个百分点", or "不到 0.01 个百分点" for a rounding gap."""
    if abs(pp) < 0.005:
        return "不到 0.01 个百分点"
    return f"{'+' if pp > 0 else '−'}{abs(pp):.2f} 个百分点"


def amount(x: float | Fraction) -> str:
    """A target or a difference to two decimals at most (5.95 所 stays 5.95: one decimal would say 6, a whole)."""
    text = f"{round(float(x), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def people(x: float | Fraction, unit: str) -> str:
    return f"{amount(x)} {unit}"


def shares_rule(ctx: Ctx, years: list[str], shares: list[Fraction]) -> dict[str, Any]:
    """The profile's shares rule when the shares used are the profile's own; otherwise nothing to cite."""
    rule = in_force(ctx.section, "shares")
    if not rule or list(ctx.shares) != years:
        return {}
    try:
        mine = [Fraction(repr(v)) if isinstance(v, float) else Fraction(v) for v in ctx.shares.values()]
    except (TypeError, ValueError):
        return {}
    total = sum(mine, Fraction(0))
    return rule if total and [m / total for m in mine] == shares else {}


def deviations(
    years: list[str], shares: list[Fraction], totals: dict[str, int], base: int
) -> tuple[dict[str, float], dict[str, dict[str, Any]]]:
    targets: dict[str, float] = {}
    devs: dict[str, dict[str, Any]] = {}
    rounded = largest_remainder(base, weights_of(shares)) if base > 0 else [0] * len(years)
    for y, s, r in zip(years, shares, rounded):
        target = s * base
        diff = totals[y] - target
        actual = Fraction(totals[y], base) if base else Fraction(0)
        targets[y] = float(target)
        devs[y] = {
            "total": totals[y],
            "share": float(s),
            "target": float(target),
            "target_rounded": r,
            "difference": float(diff),
            "actual_share": round(float(actual), 6),
            "percentage_points": round(float((actual - s) * 100), 2),
        }
    return targets, devs


def year_finding(
    ctx: Ctx, y: str, dev: dict[str, Any], base: int, base_label: str, rule: dict[str, Any], met: bool, limit: str
) -> Finding:
    diff = dev["difference"]
    if diff == 0:
        gap = "正好相等"
    else:
        gap = f"{'多' if diff > 0 else '少'} {people(abs(diff), ctx.unit)}（{points_text(dev['percentage_points'])}）"
    msg = (
        f"{y}年合计 {people(dev['total'], ctx.unit)}，目标为 {pct(dev['share'])} × {base}（{base_label}）"
        f"= {people(dev['target'], ctx.unit)}，{gap}；{limit}"
    )
    return finding(
        f"rollout.shares.{y}", rule, met, msg,
        year=y, required=dev["target"], actual=dev["total"], difference=diff,
        percentage_points=dev["percentage_points"],
    )


def base_of(reading: str, total: int, pilot_total: int) -> int:
    return total - pilot_total if reading == "after_pilot" else total


def base_words(ctx: Ctx, reading: str, pilot_total: int) -> str:
    if not pilot_total:
        return f"全部{ctx.noun}"
    return f"试点后剩余{ctx.noun}" if reading == "after_pilot" else f"全部{ctx.noun}（含试点）"


def base_finding(
    ctx: Ctx, reading: str, total: int, pilot_total: int, years_total: int, years: list[str], is_plan: bool
) -> Finding:
    base = base_of(reading, total, pilot_total)
    rule = in_force(ctx.section, "share_base") or {}
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    remaining = total - pilot_total
    if is_plan:
        met = base == remaining
        if met:
            msg = f"试点 {people(pilot_total, ctx.unit)}之后剩余 {people(remaining, ctx.unit)}，按比例分到{span}，与所选基数一致。"
        else:
            msg = (
                f"以全部{ctx.noun} {base} {ctx.unit}为基数，{span}的目标合计 {base} {ctx.unit}，但试点之后只剩 {remaining} "
                f"{ctx.unit}可排：这一读法与先行试点不能同时成立，名额只能按剩余的 {remaining} {ctx.unit}分配，"
                f"各年与目标的差见下。"
            )
    else:
        met = years_total == base
        rel = "等于" if met else ("多于" if years_total > base else "少于")
        msg = (
            f"表中{span}合计 {people(years_total, ctx.unit)}，{rel}所选基数（{base_words(ctx, reading, pilot_total)}）"
            f"{people(base, ctx.unit)}。"
        )
    actual = remaining if is_plan else years_total
    return finding("rollout.share_base", rule, met, msg, required=base, actual=actual)


def rows_rule_of(ctx: Ctx) -> dict[str, Any]:
    return in_force(ctx.section, "table") or in_force(ctx.section, "basis") or {}


def column_totals(quotas: list[dict[str, Any]], years: list[str], pilot_year: str | None) -> dict[str, int]:
    cols = ([pilot_year] if pilot_year else []) + years
    return {y: sum(int(q["by_year"].get(y, 0)) for q in quotas) for y in cols}


def base_info(ctx: Ctx, reading: str, total: int, pilot_total: int) -> dict[str, Any]:
    return {
        "reading": reading,
        "label": BASES[reading],
        "total": total,
        "pilot": pilot_total,
        "value": base_of(reading, total, pilot_total),
        "unit": ctx.unit,
    }
