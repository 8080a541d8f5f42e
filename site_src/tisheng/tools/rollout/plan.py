"""Plan mode: the quota table, every row adding up to its group and every year to its share."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ...core.model import Finding, finding, in_force, pct
from .context import Ctx
from .rounding import controlled_rounding, weights_of, within_rounding
from .targets import base_finding, base_info, base_of, base_words, column_totals, deviations, people, rows_rule_of
from .targets import shares_rule, year_finding
from .values import BASES


def plan(
    ctx: Ctx,
    groups: list[dict[str, Any]],
    years: list[str],
    shares: list[Fraction],
    pilot_year: str | None,
    reading: str,
    pilot_from_profile: bool,
) -> dict[str, Any]:
    pilots = [int(g.get("pilot") or 0) for g in groups]
    rows = [int(g["teachers"]) - p for g, p in zip(groups, pilots)]
    weights = weights_of(shares)
    x = controlled_rounding(rows, weights)
    total, pilot_total = sum(int(g["teachers"]) for g in groups), sum(pilots)
    base = base_of(reading, total, pilot_total)
    quotas = _quotas(groups, pilots, x, years, pilot_year)
    year_totals = column_totals(quotas, years, pilot_year)
    targets, devs = deviations(years, shares, year_totals, base)

    findings: list[Finding] = []
    if pilot_year and pilot_total:
        findings.append(_pilot_finding(ctx, groups, pilots, pilot_year, pilot_from_profile))
    bad_rows = [q["name"] for q in quotas if sum(q["by_year"].values()) != q["teachers"]]
    findings.append(
        finding(
            "rollout.rows", rows_rule_of(ctx), not bad_rows,
            f"{len(quotas)} 个单位中，每一个的各年名额之和都等于其{ctx.noun}数。" if not bad_rows
            else f"{'、'.join(bad_rows)} 的各年名额之和不等于{ctx.noun}数。",
        )
    )
    if pilot_total:
        findings.append(base_finding(ctx, reading, total, pilot_total, sum(rows), years, True))
    share_rule = shares_rule(ctx, years, shares)
    label = base_words(ctx, reading, pilot_total)
    for y in years:
        met = abs(devs[y]["difference"]) < 1
        limit = "已是整数名额能做到的最接近。" if met else "差额来自所选基数，见上。"
        findings.append(year_finding(ctx, y, devs[y], base, label, share_rule, met, limit))

    status = "pass" if all(f["met"] for f in findings) else "fail"
    within = within_rounding(x, rows, weights)
    return {
        "ok": True,
        "status": status,
        "mode": "plan",
        "notes": [] if within else [dict(ROUNDING_NOTE)],
        "summary": _summary(ctx, status, groups, years, shares, reading, base, total - pilot_total),
        "findings": findings,
        "quotas": quotas,
        "year_totals": year_totals,
        "targets": targets,
        "deviations": devs,
        "base": base_info(ctx, reading, total, pilot_total),
        "pilot_year": pilot_year,
        "within_rounding": within,
    }


ROUNDING_NOTE = {
    "rule": "rollout.rounding",
    "message": "个别单位某年的名额与其按比例的精确值相差 1 人以上：在这组人数下，这是让每个单位各年之和"
    "等于其人数、同时每年合计恰好等于比例目标的唯一办法。",
}


def _quotas(groups: list[dict[str, Any]], pilots: list[int], x: list[list[int]], years: list[str],
            pilot_year: str | None) -> list[dict[str, Any]]:
    quotas: list[dict[str, Any]] = []
    for g, p, cells in zip(groups, pilots, x):
        by_year: dict[str, int] = {}
        if pilot_year:
            by_year[pilot_year] = p
        by_year.update({y: v for y, v in zip(years, cells)})
        row: dict[str, Any] = {"name": g["name"], "by_year": by_year, "teachers": g["teachers"]}
        if g.get("name_simplified"):
            row["name_simplified"] = g["name_simplified"]
        quotas.append(row)
    return quotas


def _pilot_finding(ctx: Ctx, groups: list[dict[str, Any]], pilots: list[int], pilot_year: str,
                   pilot_from_profile: bool) -> Finding:
    total, pilot_total = sum(int(g["teachers"]) for g in groups), sum(pilots)
    rule = (in_force(ctx.section, "pilot") or {}) if pilot_from_profile else {}
    who = "、".join(f"{g.get('name_simplified') or g['name']} {p} {ctx.unit}" for g, p in zip(groups, pilots) if p)
    return finding(
        "rollout.pilot", rule, True,
        f"{pilot_year}年先安排试点：{who}，共 {people(pilot_total, ctx.unit)}；其余 "
        f"{people(total - pilot_total, ctx.unit)}按比例分到各年。",
        actual=pilot_total,
    )


def _summary(ctx: Ctx, status: str, groups: list[dict[str, Any]], years: list[str], shares: list[Fraction],
             reading: str, base: int, remaining: int) -> str:
    split = "、".join(pct(float(s)) for s in shares)
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    if status == "pass":
        return (
            f"已按{span} {split} 的比例为 {len(groups)} 个单位排出名额：每个单位各年之和等于其{ctx.noun}数，"
            f"每年合计与目标相差不到 1 {ctx.unit}。"
        )
    return (
        f"按{BASES[reading]}，{span} {split} 的目标合计 {base} {ctx.unit}，多于试点后可排的 "
        f"{remaining} {ctx.unit}；下表按剩余人数分配，各年与目标的差见各条结果。"
    )
