"""Check mode: a published table against the shares it claims, with the table the shares would give."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ...core.model import Finding, finding, fmt, in_force, pct
from .context import Ctx
from .rounding import controlled_rounding, weights_of
from .targets import (
    base_finding,
    base_info,
    base_of,
    base_words,
    column_totals,
    deviations,
    points_text,
    rows_rule_of,
)
from .targets import amount, shares_rule, year_finding


def check(
    ctx: Ctx,
    table: list[dict[str, Any]],
    years: list[str],
    shares: list[Fraction],
    pilot_year: str | None,
    reading: str,
    tolerance: float,
    from_profile: bool,
) -> dict[str, Any]:
    quotas, bad_rows = _quotas(ctx, table, years, pilot_year)
    year_totals = column_totals(quotas, years, pilot_year)
    total = sum(int(r["teachers"]) for r in table)
    pilot_total = year_totals.get(pilot_year, 0) if pilot_year else 0
    base = base_of(reading, total, pilot_total)
    targets, devs = deviations(years, shares, year_totals, base)

    findings: list[Finding] = [_rows_finding(ctx, quotas, bad_rows, from_profile)]
    if from_profile and (rule := in_force(ctx.section, "table_totals")) and isinstance(rule["value"], dict):
        findings.append(_totals_finding(ctx, rule, total, year_totals))
    if pilot_total:
        years_total = sum(year_totals[y] for y in years)
        findings.append(base_finding(ctx, reading, total, pilot_total, years_total, years, False))
    label = base_words(ctx, reading, pilot_total)
    failing = _year_findings(ctx, findings, years, shares, devs, base, label, tolerance)
    suggested, suggested_totals = _suggested(quotas, years, shares, pilot_year)

    status = "pass" if all(f["met"] for f in findings) else "fail"
    return {
        "ok": True,
        "status": status,
        "mode": "check",
        "summary": _summary(ctx, findings, failing, bad_rows, label, base, tolerance),
        "findings": findings,
        "quotas": quotas,
        "year_totals": year_totals,
        "targets": targets,
        "deviations": devs,
        "tolerance": tolerance,
        "base": base_info(ctx, reading, total, pilot_total),
        "pilot_year": pilot_year,
        "suggested": suggested,
        "suggested_year_totals": suggested_totals,
    }


def _quotas(ctx: Ctx, table: list[dict[str, Any]], years: list[str],
            pilot_year: str | None) -> tuple[list[dict[str, Any]], list[str]]:
    """The table's rows as quotas (the pilot year first), and a description of each row that does not add up."""
    quotas: list[dict[str, Any]] = []
    bad_rows: list[str] = []
    for row in table:
        by_year: dict[str, int] = {}
        if pilot_year:
            by_year[pilot_year] = row["cells"].get(pilot_year, 0)
        by_year.update({y: row["cells"].get(y, 0) for y in years})
        row_total = sum(by_year.values())
        q: dict[str, Any] = {
            "name": row["name"], "by_year": by_year, "teachers": row["teachers"], "row_total": row_total
        }
        if row.get("name_simplified"):
            q["name_simplified"] = row["name_simplified"]
        quotas.append(q)
        if row_total != row["teachers"]:
            d = row_total - row["teachers"]
            bad_rows.append(
                f"{row['name']}（{ctx.noun} {row['teachers']} {ctx.unit}，各年合计 {row_total} {ctx.unit}，"
                f"{'多' if d > 0 else '少'} {abs(d)} {ctx.unit}）"
            )
    return quotas, bad_rows


def _rows_finding(ctx: Ctx, quotas: list[dict[str, Any]], bad_rows: list[str], from_profile: bool) -> Finding:
    rows_rule = rows_rule_of(ctx) if from_profile else (in_force(ctx.section, "basis") or {})
    shown = "；".join(bad_rows[:10]) + ("等" if len(bad_rows) > 10 else "")
    return finding(
        "rollout.rows", rows_rule, not bad_rows,
        f"表中 {len(quotas)} 行，每一行的各年名额之和都等于其{ctx.noun}数。" if not bad_rows
        else f"有 {len(bad_rows)} 行的各年名额之和不等于{ctx.noun}数：{shown}。",
        actual=len(quotas) - len(bad_rows), required=len(quotas),
    )


def _totals_finding(ctx: Ctx, rule: dict[str, Any], total: int, year_totals: dict[str, int]) -> Finding:
    """The document's own 合计 row against its columns added up."""
    stated = {str(k): v for k, v in rule["value"].items()}
    computed: dict[str, int] = {"teachers": total, **year_totals}
    wrong = [k for k, v in stated.items() if computed.get(k) != v]
    return finding(
        "rollout.table_totals", rule, not wrong,
        "表中各列相加与原文合计行一致（"
        + "，".join(f"{k if k != 'teachers' else ctx.noun} {v}" for k, v in stated.items()) + "）。"
        if not wrong else "以下各列相加与原文合计行不一致：" + "、".join(
            f"{k}（相加 {computed.get(k)}，合计行 {stated[k]}）" for k in wrong) + "。",
        required=stated, actual=computed,
    )


def _year_findings(ctx: Ctx, findings: list[Finding], years: list[str], shares: list[Fraction],
                   devs: dict[str, dict[str, Any]], base: int, label: str, tolerance: float) -> list[str]:
    """A finding per year (appended to ``findings``); the failing years described for the summary."""
    share_rule = shares_rule(ctx, years, shares)
    failing: list[str] = []
    for y in years:
        dev = devs[y]
        met = abs(dev["difference"]) <= tolerance
        limit = (
            f"在允许的 {fmt(tolerance)} {ctx.unit}误差之内。" if met
            else f"超出允许的 {fmt(tolerance)} {ctx.unit}误差（整数取整最多造成不到 1 {ctx.unit}的差）。"
        )
        findings.append(year_finding(ctx, y, dev, base, label, share_rule, met, limit))
        if not met:
            diff = dev["difference"]
            failing.append(
                f"{y}年 {dev['total']} {ctx.unit}，按 {pct(dev['share'])} 应为 {amount(dev['target'])} {ctx.unit}，"
                f"{'多' if diff > 0 else '少'} {amount(abs(diff))} {ctx.unit}（{points_text(dev['percentage_points'])}）"
            )
    return failing


def _suggested(quotas: list[dict[str, Any]], years: list[str], shares: list[Fraction],
               pilot_year: str | None) -> tuple[list[dict[str, Any]] | None, dict[str, int] | None]:
    """The same groups split exactly by the shares (after their pilots), unless a pilot exceeds its group."""
    if not all(int(q["by_year"].get(pilot_year, 0) if pilot_year else 0) <= int(q["teachers"]) for q in quotas):
        return None, None
    pilots = [int(q["by_year"].get(pilot_year, 0)) if pilot_year else 0 for q in quotas]
    rows = [int(q["teachers"]) - p for q, p in zip(quotas, pilots)]
    x = controlled_rounding(rows, weights_of(shares))
    suggested = []
    for q, p, cells in zip(quotas, pilots, x):
        by_year = ({pilot_year: p} if pilot_year else {}) | dict(zip(years, cells))
        suggested.append({"name": q["name"], "by_year": by_year})
    return suggested, column_totals(suggested, years, pilot_year)


def _summary(ctx: Ctx, findings: list[Finding], failing: list[str], bad_rows: list[str], label: str, base: int,
             tolerance: float) -> str:
    if all(f["met"] for f in findings):
        return f"任务表与所述比例一致：每行相加等于{ctx.noun}数，每年合计与比例目标相差不超过 {fmt(tolerance)} {ctx.unit}。"
    parts: list[str] = []
    if failing:
        parts.append(f"各年合计与所述比例不符（以{label} {base} {ctx.unit}为基数）：" + "；".join(failing))
    if bad_rows:
        parts.append(
            f"有 {len(bad_rows)} 行的各年名额之和不等于{ctx.noun}数：" + "；".join(bad_rows[:3])
            + ("等" if len(bad_rows) > 3 else "")
        )
    other = [
        f["rule"] for f in findings if not f["met"] and f["rule"] in ("rollout.table_totals", "rollout.share_base")
    ]
    if other and not parts:
        parts.append("表中合计与所选基数不一致")
    return "任务表未通过核对：" + "。".join(parts) + "。"
