"""Reading the request: codes, classrooms, age, priorities, readings, mode and catalog, every problem in Chinese."""

from __future__ import annotations

import re
from typing import Any

from ...core.catalogs import dimension_id, env_id, norm_code, profile_catalog
from ...core.catalogs import read_catalog
from ...core.catalogs import text as cell_text
from ...core.inputs import Errors
from ...core.model import in_force
from .catalog import ENV_IDS, NO_IT_ROOM, ROOMS, Catalog, build_catalog, catalog_hint, codes_text
from .context import Ctx
from .readings import has_point_rules, profiles_with_rules, reading_ids
from .rules import age_rules


MODES = {"teacher": "教师选点", "school": "学校范围"}
SPLIT = re.compile(r"[,，、;；\s]+")
MAX_CODES = 60
MAX_ROOMS = 2000
AGE_RANGE = (16, 80)


def _tokens(raw: Any, name: str, errors: Errors) -> list[str] | None:
    """A list, or the URL's comma-separated text, as a list of non-empty strings."""
    if raw is None:
        return None
    if isinstance(raw, str):
        items = [t for t in SPLIT.split(cell_text(raw)) if t]
    elif isinstance(raw, list) and all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in raw):
        items = [t for x in raw for t in SPLIT.split(cell_text(x)) if t]
    else:
        errors.add(f"input.{name}", "应为编号列表或用逗号分隔的文字，例如 A1,A3,B2。")
        return None
    if len(items) > MAX_CODES:
        errors.add(f"input.{name}", f"最多填写 {MAX_CODES} 项，现在有 {len(items)} 项。")
        return None
    return items


def _read_codes(
    raw: Any, name: str, label: str, cat: Catalog | None, errors: Errors
) -> tuple[list[str], list[str]] | None:
    """Codes in her order without repeats, and the repeated ones; None when absent or wrong."""
    items = _tokens(raw, name, errors)
    if items is None:
        return None
    codes = [norm_code(t) for t in items]
    if cat is None:
        return codes, []
    unknown = [c for c in dict.fromkeys(codes) if c not in cat.points]
    if unknown:
        errors.add(f"input.{name}", f"{label}中的编号 {codes_text(unknown)} 不在目录中。{catalog_hint(cat)}。")
        return None
    dups = [c for c in dict.fromkeys(codes) if codes.count(c) > 1]
    return list(dict.fromkeys(codes)), dups


def _read_rooms(raw: Any, errors: Errors) -> dict[str, int | None] | None:
    """{"multimedia": 9, ...} or the URL's "multimedia:9,mixed:0,smart:0,none:3" (Chinese labels also accepted)."""
    name = "input.classrooms"
    pairs: list[tuple[str, Any]] = []
    if isinstance(raw, dict):
        pairs = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, str):
        for part in (p for p in SPLIT.split(cell_text(raw)) if p):
            key, sep, value = part.replace("：", ":").replace("=", ":").partition(":")
            if not sep:
                errors.add(name, f"教室数“{part[:20]}”应写成 类型:间数，例如 multimedia:9,mixed:0,smart:0,none:3。")
                return None
            pairs.append((key, value))
    else:
        errors.add(name, "教室情况应为各类教室的间数，例如 multimedia:9,mixed:0,smart:0,none:3。")
        return None
    rooms: dict[str, int | None] = {k: None for k in ROOMS}
    bad = False
    for key, value in pairs:
        kind = "none" if cell_text(key).lower() in NO_IT_ROOM else env_id(key)
        count = _room_count(value)
        if kind is None:
            errors.add(name, f"未知的教室类型“{key[:20]}”，应为 multimedia（多媒体）、mixed（混合）、smart（智慧）、none（无信息化）。")
            bad = True
        elif count is False:
            errors.add(name, f"{ROOMS[kind]}的教室数“{cell_text(value)[:20]}”应为 0 到 {MAX_ROOMS} 之间的整数（不知道可留空）。")
            bad = True
        else:
            rooms[kind] = count if isinstance(count, int) else None
    return None if bad else rooms


def _room_count(value: Any) -> int | None | bool:
    """A classroom count, None for a blank box, or False when it is not a whole number in range."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return False
    text = cell_text(value)
    if not re.fullmatch(r"\d{1,6}(\.0+)?", text):
        return False
    count = int(float(text))
    return count if count <= MAX_ROOMS else False


def _read_age(raw: Any, errors: Errors) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = cell_text(raw) if not isinstance(raw, bool) else ""
    if isinstance(raw, (dict, list)) or not re.fullmatch(r"\d{1,6}(\.0+)?", text):
        errors.add("input.age", f"年龄应为整数周岁，例如 38；现在填的是“{str(raw)[:20]}”。")
        return None
    age = int(float(text))
    low, high = AGE_RANGE
    if not low <= age <= high:
        errors.add("input.age", f"年龄应在 {low} 到 {high} 周岁之间，请检查。")
        return None
    return age


def _read_priorities(raw: Any, cat: Catalog | None, errors: Errors) -> tuple[list[str], list[str]]:
    items = _tokens(raw, "priorities", errors)
    if not items:
        return [], []
    codes: list[str] = []
    dims: list[str] = []
    unknown: list[str] = []
    for item in items:
        code = norm_code(item)
        if cat is not None and code in cat.points:
            codes.append(code)
        elif (dim := dimension_id(item)) is not None:
            dims.append(dim)
        elif cat is not None:
            unknown.append(item)
    if unknown:
        errors.add("input.priorities", f"无法识别的优先项：{'、'.join(u[:20] for u in unknown)}。优先项应为目录中的能力点编号"
                   f"（如 A1）或维度（学情分析、教学设计、学法指导、学业评价）。")
    return list(dict.fromkeys(codes)), list(dict.fromkeys(dims))


def _read_readings(raw: Any, section: dict[str, Any], errors: Errors) -> list[str]:
    items = _tokens(raw, "reading", errors)
    if not items:
        return []
    valid = reading_ids(section)
    bad = [i for i in items if i not in valid]
    if bad:
        if valid:
            errors.add("input.reading", f"该方案没有读法“{'、'.join(b[:30] for b in bad)}”。可选：{'、'.join(valid)}。")
        else:
            errors.add("input.reading", "该方案的能力点规则没有不同读法，不必选择读法。")
    return [i for i in items if i in valid]


def _read_mode(raw: Any, errors: Errors) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "teacher"
    mode = cell_text(raw).lower() if isinstance(raw, str) else ""
    aliases = {"teacher": "teacher", "教师": "teacher", "school": "school", "学校": "school"}
    if mode not in aliases:
        errors.add("input.mode", "模式应为 teacher（教师选点）或 school（学校范围）。")
        return "teacher"
    return aliases[mode]


def _read_catalog(profile: dict[str, Any], data: dict[str, Any], errors: Errors) -> Catalog | None:
    raw = data.get("catalog")
    if raw is not None and raw != "":
        catalog, problems = read_catalog(raw)
        for p in problems:
            errors.add(p["field"], p["message"])
        return build_catalog(catalog, True) if catalog else None
    found = profile_catalog(profile)
    if found is None:
        errors.add("input.catalog", "该方案没有指定能力点目录，请上传本省的能力点清单。")
        return None
    return build_catalog(found, False)


def read_input(profile: dict[str, Any], data: dict[str, Any], errors: Errors) -> Ctx | None:
    section: dict[str, Any] = profile.get("points") or {}
    if not has_point_rules(profile):
        title = profile.get("short_title") or profile.get("title") or profile.get("id")
        errors.add("profile", f"《{title}》没有规定能力点的选择要求（应选几个、覆盖几个维度或学校范围），无法检查。"
                   f"有能力点规则的方案：{'、'.join(profiles_with_rules())}。")
    cat = _read_catalog(profile, data, errors)
    mode = _read_mode(data.get("mode"), errors)
    items_rule = in_force(section, "items")
    items = ([(str(i["item"]), [norm_code(c) for c in i["codes"]]) for i in items_rule["value"]]
             if items_rule and cat is not None and not cat.uploaded else None)
    selected = _read_codes(_expand_items(data.get("selected"), items, cat), "selected", "所选能力点", cat, errors)
    rng = _read_codes(data.get("school_range"), "school_range", "学校范围", cat, errors)
    rooms = _read_rooms(data["classrooms"], errors) if _given(data.get("classrooms")) else None
    age = _read_age(data.get("age"), errors)
    pri_codes, pri_dims = _read_priorities(data.get("priorities"), cat, errors)
    readings = _read_readings(data.get("reading"), section, errors)
    if mode == "teacher":
        _require_teacher_fields(profile, bool(selected and selected[0]), age is not None, errors)
    if errors or cat is None:
        return None
    ctx = Ctx(profile=profile, rules=section, cat=cat, mode=mode, age=age,
              pri_codes=pri_codes, pri_dims=pri_dims, readings=readings, items=items, item_rule=items_rule)
    if selected:
        ctx.selected, ctx.duplicates = selected
    _set_range(ctx, rng[0] if rng else None)
    _set_rooms(ctx, rooms)
    return ctx


def _expand_items(raw: Any, items: list[tuple[str, list[str]]] | None, cat: Catalog | None) -> Any:
    """A teacher may write the document's own item numbers (1-2) as well as national codes (A2, A3), unless the
    catalog in use (an uploaded provincial list) has codes of that form itself."""
    if not items or cat is None or not isinstance(raw, (str, list)):
        return raw
    toks = [t for x in (raw if isinstance(raw, list) else [raw]) for t in SPLIT.split(cell_text(x)) if t]
    by_item = dict(items)
    out: list[Any] = []
    for t in toks:
        out += [t] if t.strip() in cat.points else by_item.get(t.strip(), [t])
    return out


def _require_teacher_fields(profile: dict[str, Any], has_selected: bool, has_age: bool, errors: Errors) -> None:
    """A teacher's check needs her points, and her age where the plan sets the count by age (unless already wrong)."""
    reported = {e["field"] for e in errors.items}
    if not has_selected and "input.selected" not in reported:
        errors.add("input.selected", "请填写已选的能力点编号，例如 A1,A3,B2（用逗号分隔）。")
    if not has_age and _needs_age(profile.get("points") or {}) and "input.age" not in reported:
        title = profile.get("short_title") or profile.get("id")
        errors.add("input.age", f"《{title}》按年龄规定应选的能力点数，请填写年龄（整数周岁）。")


def _given(raw: Any) -> bool:
    return raw is not None and not (isinstance(raw, str) and not raw.strip()) and raw != {}


def _needs_age(section: dict[str, Any]) -> bool:
    return age_rules.decides_count(section)


def _set_range(ctx: Ctx, given: list[str] | None) -> None:
    if given:
        ctx.range, ctx.range_source = given, "input"
        return
    rule = in_force(ctx.rules, "school_range")
    if rule is None:
        return
    codes = [norm_code(c) for c in rule["value"]]
    missing = [c for c in codes if c not in ctx.cat.points]
    if missing:
        ctx.note("points.school_range", f"方案中的学校范围（{codes_text(codes)}）使用的编号 {codes_text(missing)} 不在当前目录"
                 f"《{ctx.cat.title}》中，本次未使用；如需检查学校范围，请按当前目录的编号填写。", rule)
        return
    ctx.range, ctx.range_source = codes, "profile"
    ctx.note("points.school_range", f"学校范围取自方案原文：{codes_text(codes)}。" + (rule.get("note") or ""), rule)


def _set_rooms(ctx: Ctx, rooms: dict[str, int | None] | None) -> None:
    school: dict[str, Any] = ctx.profile.get("school") or {}
    rule = in_force(school, "classrooms")
    if rooms is None and rule is not None:
        rooms = {k: rule["value"].get(k) for k in ROOMS}
        ctx.rooms_source = "profile"
        ctx.note("school.classrooms", "教室情况取自方案原文（可修改）。" + (rule.get("note") or ""), rule)
    elif rooms is not None:
        ctx.rooms_source = "input"
    if rooms is None:
        ctx.note("school.classrooms", "未填写学校的教室情况，无法判断学校能在哪些环境中开展考核；填写后会标出学校没有教室的环境。")
        return
    ctx.rooms = rooms
    ctx.available = {k for k in ENV_IDS if (rooms.get(k) or 0) > 0}
    blank = [ROOMS[k] for k in ENV_IDS if rooms.get(k) is None]
    if blank:
        where = "方案的基本信息表中" if ctx.rooms_source == "profile" else ""
        ctx.note("school.classrooms", f"{where}{'、'.join(blank)}的教室数未填，按没有此类教室计。",
                 rule if ctx.rooms_source == "profile" else None)
