"""The tool: ``evaluate(profile, data)`` reads the request, checks the teacher's choice or the school's range, and
answers with findings, suggestions and the points it looked at."""

from __future__ import annotations

from typing import Any

from ...core.catalogs import dimension_label, env_label
from ...core.inputs import Errors
from ...core.model import in_force
from .catalog import ENV_IDS, codes_text
from .context import Ctx, unavailable
from .counting import item_of
from .findings import passes
from .headline import headline, summary_of
from .request import read_input
from .requirements import needs, requirements_of
from .school import school_findings, school_suggestions
from .school_range import school_fix, target_of
from .teacher import teacher_findings, teacher_suggestions


def point_info(ctx: Ctx, code: str) -> dict[str, Any]:
    cat = ctx.cat
    point = cat.points[code]
    env = point.get("env")
    return {
        "code": code,
        "item": item_of(ctx, code),
        "name": point.get("name"),
        "env": env,
        "env_label": env_label(env),
        "dimension": point.get("dimension"),
        "dimension_label": dimension_label(point.get("dimension")),
        "status": dict(point.get("status") or {}),
        "confirmed": {"name": cat.known(code, "name"), "dimension": cat.known(code, "dimension")},
        "env_available": None if ctx.available is None else env in ctx.available,
        "in_range": None if ctx.range is None else code in ctx.range,
        "priority": code in ctx.pri_codes or point.get("dimension") in ctx.pri_dims,
    }


def open_points(ctx: Ctx) -> list[dict[str, Any]]:
    if ctx.mode == "teacher" and ctx.range is not None:
        codes = ctx.cat.sort(ctx.range)
    else:
        codes = [c for c in ctx.cat.points if not unavailable(ctx, [c])]
    return [point_info(ctx, c) for c in codes]


def environments_of(ctx: Ctx) -> list[dict[str, Any]]:
    out = []
    for eid in ENV_IDS:
        if ctx.available is None or eid in ctx.available:
            info = ctx.cat.envs.get(eid) or {}
            out.append({"id": eid, "code": info.get("code"), "label": env_label(eid),
                        "classrooms": (ctx.rooms or {}).get(eid), "assumed": ctx.available is None})
    return out


def catalog_notes(ctx: Ctx) -> None:
    if ctx.cat.uploaded:
        ctx.note("catalog", f"本次使用上传的目录《{ctx.cat.title}》（{len(ctx.cat.points)} 项），代替方案默认的目录。")
    size = in_force(ctx.rules, "catalog_size")
    if ctx.cat.uploaded and size and size["value"] != len(ctx.cat.points):
        ctx.note("points.catalog_size", f"方案所说的能力点总数为 {size['value']} 个，上传的目录有 {len(ctx.cat.points)} 个。", size)
    school: dict[str, Any] = ctx.profile.get("school") or {}
    rule, envs = in_force(school, "env_point_count"), in_force(school, "environments")
    if rule and envs and len(envs["value"]) == 1:
        env = envs["value"][0]
        n = sum(1 for c in ctx.cat.points if ctx.cat.env(c) == env)
        if n != rule["value"]:
            ctx.note("school.env_point_count", f"方案说{env_label(env)}有 {rule['value']} 个能力点；当前目录《{ctx.cat.title}》中为 "
                     f"{n} 个，各省列表可能不同。", rule)
    if ctx.duplicates:
        ctx.note("input.selected", f"重复填写的编号只计一次：{codes_text(ctx.duplicates)}。")


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    ctx = read_input(profile, data, errors)
    if errors or ctx is None:
        return {"ok": False, "errors": errors.items}
    need = needs(ctx)
    catalog_notes(ctx)
    built = False
    if ctx.mode == "teacher":
        codes = ctx.selected
        findings = teacher_findings(ctx, need, codes)
        passed = passes(findings)
        suggestions = teacher_suggestions(ctx, need, passed)
    else:
        codes = list(ctx.range or [])
        if ctx.range is None:
            codes, _ = school_fix(ctx, target_of(need), [], strict=False, build=True)
            ctx.range, ctx.range_source, built = codes, "built", True
        findings = school_findings(ctx, need, codes)
        passed = passes(findings)
        suggestions = school_suggestions(ctx, need, codes, passed, built)
    summary = summary_of(ctx, findings, suggestions, passed, built)
    return {
        "ok": True,
        "status": "pass" if findings and passed else "fail",
        "headline": headline(ctx, suggestions, bool(findings) and passed, built, summary),
        "summary": summary,
        "mode": ctx.mode,
        "findings": findings,
        "suggestions": suggestions,
        "environments_available": environments_of(ctx),
        "open_points": open_points(ctx),
        "selected": ctx.cat.sort(ctx.selected) if ctx.mode == "teacher" else [],
        "selected_points": [point_info(ctx, c) for c in ctx.cat.sort(ctx.selected)] if ctx.mode == "teacher" else [],
        "school_range": ctx.cat.sort(ctx.range) if ctx.range is not None else None,
        "range_points": [point_info(ctx, c) for c in ctx.cat.sort(ctx.range)] if ctx.range is not None else [],
        "range_source": ctx.range_source,
        "classrooms": ctx.rooms,
        "classrooms_source": ctx.rooms_source,
        "requirements": requirements_of(need),
        "catalog": {"id": ctx.cat.id, "title": ctx.cat.title, "count": len(ctx.cat.points),
                    "uploaded": ctx.cat.uploaded},
        "notes": ctx.notes,
    }
