"""What the findings of both checks share: what a verdict relies on, the conflict that names a rule, the note when a
count takes the whole range, the environments with classrooms, and the rule a range's finding cites."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...core.catalogs import env_label
from ...core.model import Finding, finding, in_force
from .catalog import ENV_IDS, Catalog, codes_text, dims_of, dims_text, profile_envs, unconfirmed
from .context import Ctx, unavailable
from .counting import count_units, item_of, partial_text, unit_word, units_text
from .readings import conflict_for
from .requirements import Need, counted_points


def relies_on(cat: Catalog, codes: Iterable[str], part: str) -> tuple[list[str], str]:
    codes = cat.sort(codes)
    unknown = [c for c in codes if cat.points[c].get(part) is None]
    unsure = [c for c in unconfirmed(cat, codes, part) if c not in unknown]
    what = "名称" if part == "name" else "维度"
    parts = []
    if unsure:
        parts.append(f"{codes_text(unsure)} 的{what}在目录中待核对")
    if unknown:
        tail = "，未计入维度" if part == "dimension" else ""
        parts.append(f"{codes_text(unknown)} 的{what}未知{tail}")
    if not parts:
        return [], ""
    return cat.sort(unsure + unknown), "其中 " + "；".join(parts) + "，这一结论依赖这些条目，请以本省官方清单为准。"


def with_conflict(ctx: Ctx, rule_id: str, message: str) -> tuple[str, dict[str, Any]]:
    """The message, and the id of the conflicts.yaml entry about this rule when there is one for the profile."""
    conf = conflict_for(ctx.pid, rule_id)
    return message, ({"conflict": conf["id"]} if conf else {})


def all_items_note(ctx: Ctx, want: int, who: str = "") -> str:
    """When a count takes the school's whole range, every point in it is required, classroom or not."""
    if ctx.range is None or want < count_units(ctx, ctx.range):
        return ""
    missing = unavailable(ctx, ctx.range)
    if not missing:
        return ""
    parts = [f"{item_of(ctx, c) or c}（{c}，{env_label(ctx.cat.env(c))}）" for c in missing]
    have = "、".join(env_label(e) for e in ENV_IDS if e in (ctx.available or set())) or "任何信息化环境"
    conf = conflict_for(ctx.pid, "points.age_rules", "knock-on")
    tail = f"这是文件本身的矛盾（{conf['title']}），请与学校管理团队确认。" if conf else "请与学校管理团队确认。"
    return (f"注意：{who}应选的 {want} {unit_word(ctx)}就是学校范围的全部，所以必须包括 {'、'.join(parts)}，"
            f"而学校只有{have}的教室。{tail}")


def range_rule(ctx: Ctx) -> dict[str, Any]:
    if ctx.range_source == "profile" and (own := in_force(ctx.rules, "school_range")):
        return own
    for key in ("school_range_size", "school_envs_min", "teacher_count_min", "age_rules"):
        if rule := in_force(ctx.rules, key):
            return rule
    return next(r for r in ctx.rules.values() if isinstance(r, dict) and r.get("value") is not None)


def _env_rule(ctx: Ctx, env: str | None) -> dict[str, Any]:
    """Cite the school's own classroom count when it came from the plan, else the environment's definition."""
    school: dict[str, Any] = ctx.profile.get("school") or {}
    if ctx.rooms_source == "profile" and (rule := in_force(school, "classrooms")):
        return rule
    for catalog in (ctx.cat.envs, profile_envs(ctx.profile)):
        found = catalog.get(env or "")
        if found and found.get("source"):
            return {"source": found["source"], "inherited_from": None}
    return range_rule(ctx)


def env_finding(ctx: Ctx, codes: list[str], scope: str) -> Finding | None:
    if ctx.available is None or not codes:
        return None
    missing = unavailable(ctx, codes)
    have = "、".join(env_label(e) for e in ENV_IDS if e in ctx.available) or "任何信息化环境"
    who = "所选能力点" if scope == "teacher" else "学校范围内能力点"
    conf = conflict_for(ctx.pid, "points.school_range", "self-contradiction") if missing else None
    if not missing:
        msg = f"{who}的环境学校都有教室（学校有：{have}）。"
    else:
        by_env: dict[str | None, list[str]] = {}
        for c in missing:
            by_env.setdefault(ctx.cat.env(c), []).append(c)
        parts = [f"{codes_text(cs)} 属{env_label(e)}" for e, cs in by_env.items()]
        msg = (f"提醒：{'；'.join(parts)}，学校没有这类教室（学校有：{have}），难以在真实课堂中实施和考核。"
               f"这一条只作提醒，不判为不符合。")
        if conf is not None and not ctx.cat.uploaded:
            msg += "按全国编号判断环境；本省列表的编号和环境划分可能不同，可上传本省清单核对。"
    rule = _env_rule(ctx, ctx.cat.env(missing[0]) if missing else None)
    extra = {"conflict": conf["id"]} if conf else {}
    return finding("points.environment_available", rule, not missing, msg, scope=scope, advisory=True,
                   unavailable=missing, environments_available=sorted(ctx.available), relies_on_unconfirmed=[],
                   **extra)


def passes(findings: list[Finding]) -> bool:
    return all(f["met"] for f in findings if not f.get("advisory"))
