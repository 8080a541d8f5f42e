"""The tool: ``evaluate(profile, data)`` reads the request and answers in plan or check mode."""

from __future__ import annotations

from typing import Any

from ...core.inputs import Errors
from ...core.model import cite, in_force
from .check import check
from .context import Ctx
from .messages import notes_of
from .plan import plan
from .request import read_common, read_groups, read_table
from .shares import read_years_shares
from .values import blank, read_year


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    ctx = Ctx(profile)
    defaults: list[str] = []
    notes: list[dict[str, Any]] = []
    mode, pilot_year, base_reading, tolerance = read_common(data, ctx, errors, defaults)
    years, shares = read_years_shares(data, ctx, errors, defaults)
    groups: list[dict[str, Any]] | None = None
    table: list[dict[str, Any]] | None = None
    if mode == "plan":
        groups = read_groups(data, ctx, errors, defaults)
    else:
        table, pilot_year = _read_check_table(data, ctx, errors, defaults, years, pilot_year)
    pilot_from_profile = False
    if groups is not None:
        pilot_from_profile, pilot_year = _take_pilots(ctx, groups, pilot_year, errors, defaults, notes)
    if pilot_year is not None and years is not None and pilot_year in years:
        taken = f"（试点年份取自《{ctx.title}》）" if "pilot_year" in defaults else ""
        errors.add(
            "input.pilot_year",
            f"试点年份 {pilot_year}{taken or ' '}不能同时是推进年份：试点名额先单独安排，其余人数再按比例分到 "
            f"{'、'.join(years)} 年。",
        )

    if errors:
        return {"ok": False, "errors": errors.items}
    assert years is not None and shares is not None

    notes.extend(notes_of(ctx, pilot_year, base_reading))
    if mode == "plan":
        assert groups is not None
        result = plan(ctx, groups, years, shares, pilot_year, base_reading, pilot_from_profile)
    else:
        assert table is not None
        result = check(ctx, table, years, shares, pilot_year, base_reading, tolerance, "table" in defaults)
    result["notes"] = notes + result.get("notes", [])
    result["defaults_from_profile"] = defaults
    if ctx.schools:  # counted in schools, not teachers: said before anything else, with the document's words
        basis = in_force(ctx.section, "basis") or {}
        said = (f"《{ctx.title}》按学校推进（“{(basis.get('source') or {}).get('quote', '')}”）：名单和名额表中的数是"
                f"各单位的学校数（所），不是教师人数。")
        result["summary"] = said + str(result.get("summary") or "")
        result["notes"].insert(0, {"rule": "rollout.basis", "message": said, "source": cite(basis),
                                   "inherited_from": basis.get("inherited_from")})
    return result


def _read_check_table(data: dict[str, Any], ctx: Ctx, errors: Errors, defaults: list[str], years: list[str] | None,
                      pilot_year: str | None) -> tuple[list[dict[str, Any]] | None, str | None]:
    """The table to check (the profile's own when none is given) and the pilot year, which the profile gives when
    its table has a pilot column."""
    raw_table = data.get("table")
    from_profile = blank(raw_table)
    if from_profile:
        raw_table = ctx.table()
        if raw_table is None:
            errors.add("input.table", "请填写要核对的任务表（每行写名称、教师人数和各年名额）。")
    uses_pilot_column = isinstance(raw_table, list) and any(
        isinstance(r, dict) and isinstance(r.get("by_year"), dict)
        and any(read_year(k) == ctx.pilot_year for k in r["by_year"])
        for r in raw_table
    )
    if pilot_year is None and ctx.pilot_year and (from_profile or uses_pilot_column) and ctx.pilot_year not in (
        years or []
    ):
        pilot_year = ctx.pilot_year
        defaults.append("pilot_year")
    if raw_table is None:
        return None, pilot_year
    if from_profile:
        defaults.append("table")
    return read_table(raw_table, ctx, errors, years, pilot_year, "input.table"), pilot_year


def _take_pilots(ctx: Ctx, groups: list[dict[str, Any]], pilot_year: str | None, errors: Errors,
                 defaults: list[str], notes: list[dict[str, Any]]) -> tuple[bool, str | None]:
    """Pilot quotas the profile names group by group, taken first when the request gives none; and their year."""
    pilot_from_profile = False
    given = any("pilot" in g for g in groups)
    if not given and ctx.pilot_groups:
        matched = [
            g for g in groups if g["name"] in ctx.pilot_groups or g.get("name_simplified") in ctx.pilot_groups
        ]
        for g in matched:
            key = g["name"] if g["name"] in ctx.pilot_groups else g["name_simplified"]
            g["pilot"] = min(ctx.pilot_groups[key], g["teachers"])
        if matched:
            pilot_from_profile = True
            defaults.append("pilot")
        else:
            notes.append(
                {
                    "rule": "rollout.pilot",
                    "message": f"《{ctx.title}》的试点单位（{'、'.join(ctx.pilot_names)}）不在你填写的名单中，"
                    "没有自动扣除试点名额；如有试点，请在各单位填写 pilot。",
                    "source": cite(ctx.section["pilot"]),
                }
            )
    if any(g.get("pilot") for g in groups) and pilot_year is None:
        if ctx.pilot_year:
            pilot_year = ctx.pilot_year
            defaults.append("pilot_year")
        else:
            errors.add("input.pilot_year", "填写了试点名额，请同时填写试点年份。")
    return pilot_from_profile, pilot_year
