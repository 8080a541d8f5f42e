"""能力点选择: a teacher's micro-ability points, or a school's range of points, checked against a profile's rules.

Teacher mode checks how many points she chose (or, where a plan sets it by age, how many her age needs), how many
dimensions they cover, whether they lie in the school's range and whether the school has classrooms for their
environments; an invalid choice comes with the smallest changes that make it valid. School mode checks (or, when no
range is given, builds) the school's range: its size, its environments and dimensions, whether teachers can make a
valid choice from it, and which points need classrooms the school does not have.

A verdict that relied on a point whose name or dimension the catalog has not confirmed says so
(``relies_on_unconfirmed``); a point whose dimension is unknown never counts towards a dimension rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import snapshot
from ..catalogs import CONFIRMED, dimension_id, dimension_label, env_id, env_label, norm_code, profile_catalog
from ..catalogs import read_catalog
from ..catalogs import text as cell_text
from ..inputs import Errors
from ..model import Finding, cite, finding, in_force

RULE_KEYS = (
    "teacher_count_min", "teacher_count_max", "teacher_dimensions_min", "school_range_size",
    "school_envs_min", "school_dimensions_min", "school_range", "age_rules",
)
MODES = {"teacher": "教师选点", "school": "学校范围"}
ROOMS = {"multimedia": "多媒体教学环境", "mixed": "混合学习环境", "smart": "智慧学习环境", "none": "无信息化学习环境"}
NO_IT_ROOM = {"none", "无", "无信息化", "无信息化环境", "无信息化学习环境", "无信息化教室"}
ENV_IDS = ("multimedia", "mixed", "smart")
DIMENSION_IDS = ("analysis", "design", "guidance", "assessment")
SPLIT = re.compile(r"[,，、;；\s]+")
MAX_CODES = 60
MAX_ROOMS = 2000
AGE_RANGE = (16, 80)
MAX_ALTERNATIVES = 3


# ---------------------------------------------------------------- the catalog in use


@dataclass
class Catalog:
    id: str
    title: str
    uploaded: bool
    points: dict[str, dict[str, Any]]
    order: dict[str, int]
    envs: dict[str, dict[str, Any]]

    def env(self, code: str) -> str | None:
        env: str | None = self.points[code].get("env")
        return env

    def dim(self, code: str) -> str | None:
        dim: str | None = self.points[code].get("dimension")
        return dim

    def known(self, code: str, part: str) -> bool:
        """Is the point's name (part="name") or dimension confirmed, not just recalled or unknown?"""
        point = self.points[code]
        status = (point.get("status") or {}).get(part)
        return point.get(part) is not None and status in CONFIRMED

    def sort(self, codes: Iterable[str]) -> list[str]:
        return sorted(set(codes), key=lambda c: self.order.get(c, 10**6))


def _catalog(raw: dict[str, Any], uploaded: bool) -> Catalog:
    points: dict[str, dict[str, Any]] = {}
    for p in raw.get("points") or []:
        if isinstance(p, dict) and p.get("code"):
            points.setdefault(norm_code(p["code"]), p)
    envs = {e["id"]: e for e in raw.get("environments") or [] if isinstance(e, dict) and e.get("id")}
    return Catalog(
        id=str(raw.get("id") or "uploaded"),
        title=str(raw.get("title") or "能力点目录"),
        uploaded=uploaded,
        points=points,
        order={c: i for i, c in enumerate(points)},
        envs=envs,
    )


def _name(cat: Catalog, code: str) -> str:
    point = cat.points[code]
    name = point.get("name")
    if name is None:
        return f"{code}（名称未知）"
    return f"{code} {name}" + ("" if cat.known(code, "name") else "（名称待核对）")


def _names(cat: Catalog, codes: Iterable[str]) -> str:
    return "、".join(_name(cat, c) for c in codes)


def _codes_text(codes: Iterable[str]) -> str:
    return "、".join(codes) or "无"


def _dims_text(dims: Iterable[str]) -> str:
    return "、".join(dimension_label(d) for d in dims) or "无"


def _item_of(ctx: Ctx, code: str) -> str | None:
    return next((item for item, codes in ctx.items or [] if code in codes), None)


def _units(ctx: Ctx, codes: Iterable[str]) -> tuple[list[str], list[str]]:
    """What a count rule counts: the document's items chosen in whole (plus codes outside its list, one each), and
    the items only partly chosen. Without an item list, every national code is one."""
    have = list(codes)
    if not ctx.items:
        return have, []
    whole, partial = [], []
    any_code = (in_force(ctx.rules, "item_counting") or {}).get("value") == "any"  # a reading: see item_counting
    for item, its in ctx.items:
        got = [c for c in its if c in have]
        if got and (any_code or len(got) == len(its)):
            whole.append(item)
        elif got:
            partial.append(item)
    listed = {c for _, its in ctx.items for c in its}
    return whole + [c for c in have if c not in listed], partial


def _n(ctx: Ctx, codes: Iterable[str]) -> int:
    return len(_units(ctx, codes)[0])


def _unit_word(ctx: Ctx, first: bool = False) -> str:
    """How a count is written: in the document's items ("项"), or national codes ("个能力点" first, then "个")."""
    return "项" if ctx.items else ("个能力点" if first else "个")


def _units_text(ctx: Ctx, codes: Iterable[str]) -> str:
    """"2 项（河南省能力点编号 1-2〔A2、A3〕、1-4〔A5〕）" beside the national codes; "" without an item list."""
    if not ctx.items:
        return ""
    whole, partial = _units(ctx, codes)
    by_item = dict(ctx.items)
    title = (ctx.item_rule or {}).get("list_title") or "文件的编号"
    shown = "、".join(f"{u}〔{_codes_text(by_item[u])}〕" if u in by_item else u for u in whole) or "无"
    return f"（按{title}计：{shown}）"


def _partial_text(ctx: Ctx, codes: Iterable[str]) -> str:
    """Items only partly chosen, each in a sentence of its own."""
    if not ctx.items:
        return ""
    have = list(codes)
    by_item = dict(ctx.items)
    text = ""
    for item in _units(ctx, have)[1]:
        got = [c for c in by_item[item] if c in have]
        miss = [c for c in by_item[item] if c not in have]
        text += f"{item} 包括 {_codes_text(by_item[item])}，只选了 {_codes_text(got)}（还缺 {_codes_text(miss)}），不计为一项。"
    return text


def _point_info(ctx: Ctx, code: str) -> dict[str, Any]:
    cat = ctx.cat
    point = cat.points[code]
    env = point.get("env")
    return {
        "code": code,
        "item": _item_of(ctx, code),
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


# ---------------------------------------------------------------- rules and readings


def _has_point_rules(profile: dict[str, Any]) -> bool:
    section = profile.get("points") or {}
    return any(in_force(section, key) for key in RULE_KEYS)


def _profiles_with_rules() -> list[str]:
    found = []
    for pid, prof in snapshot.load()["profiles"].items():
        if _has_point_rules(prof):
            found.append(str(prof.get("short_title") or prof.get("title") or pid))
    return found


@dataclass
class Value:
    """A rule's value under the reading in use, and every reading for display."""

    value: Any
    reading: str | None
    readings: list[dict[str, Any]]


def _value(rule: dict[str, Any], chosen: list[str]) -> Value:
    readings = [r for r in rule.get("readings") or [] if isinstance(r, dict)]
    for r in readings:
        if r.get("id") in chosen:
            return Value(r.get("value"), r["id"], readings)
    return Value(rule.get("value"), rule.get("reading"), readings)


def _reading_ids(section: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for key in RULE_KEYS:
        rule = in_force(section, key)
        for r in (rule or {}).get("readings") or []:
            if isinstance(r, dict) and isinstance(r.get("id"), str) and r["id"] not in ids:
                ids.append(r["id"])
    return ids


def _conflict(profile_id: str, rule_id: str, kind: str | None = None) -> dict[str, Any] | None:
    """The first conflicts.yaml entry that names this rule (its `rules`) for this profile (and, if given, `kind`)."""
    for conf in snapshot.load().get("conflicts") or []:
        if (rule_id in (conf.get("rules") or []) and profile_id in (conf.get("profiles") or [])
                and (kind is None or conf.get("kind") == kind)):
            found: dict[str, Any] = conf
            return found
    return None


# ---------------------------------------------------------------- input


@dataclass
class Ctx:
    profile: dict[str, Any]
    rules: dict[str, Any]
    cat: Catalog
    mode: str = "teacher"
    selected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    range: list[str] | None = None
    range_source: str | None = None
    rooms: dict[str, int | None] | None = None
    rooms_source: str | None = None
    available: set[str] | None = None
    age: int | None = None
    pri_codes: list[str] = field(default_factory=list)
    pri_dims: list[str] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    items: list[tuple[str, list[str]]] | None = None  # the document's own item list: (item, national codes)
    item_rule: dict[str, Any] | None = None

    @property
    def pid(self) -> str:
        return str(self.profile.get("id"))

    @property
    def title(self) -> str:
        return str(self.profile.get("short_title") or self.profile.get("title") or self.pid)

    def note(self, rule_id: str, message: str, rule: dict[str, Any] | None = None) -> None:
        item: dict[str, Any] = {"rule": rule_id, "message": message}
        if rule is not None:
            item["source"] = cite(rule)
            item["inherited_from"] = rule.get("inherited_from")
        self.notes.append(item)


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


def _catalog_hint(cat: Catalog) -> str:
    codes = list(cat.points)
    shown = "、".join(codes[:40]) + ("等" if len(codes) > 40 else "")
    return f"《{cat.title}》中的编号有：{shown}（共 {len(codes)} 项）"


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
        errors.add(f"input.{name}", f"{label}中的编号 {_codes_text(unknown)} 不在目录中。{_catalog_hint(cat)}。")
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
    valid = _reading_ids(section)
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
        return _catalog(catalog, True) if catalog else None
    found = profile_catalog(profile)
    if found is None:
        errors.add("input.catalog", "该方案没有指定能力点目录，请上传本省的能力点清单。")
        return None
    return _catalog(found, False)


def read_input(profile: dict[str, Any], data: dict[str, Any], errors: Errors) -> Ctx | None:
    section: dict[str, Any] = profile.get("points") or {}
    if not _has_point_rules(profile):
        title = profile.get("short_title") or profile.get("title") or profile.get("id")
        errors.add("profile", f"《{title}》没有规定能力点的选择要求（应选几个、覆盖几个维度或学校范围），无法检查。"
                   f"有能力点规则的方案：{'、'.join(_profiles_with_rules())}。")
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
    return in_force(section, "age_rules") is not None and in_force(section, "teacher_count_min") is None


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
        ctx.note("points.school_range", f"方案中的学校范围（{_codes_text(codes)}）使用的编号 {_codes_text(missing)} 不在当前目录"
                 f"《{ctx.cat.title}》中，本次未使用；如需检查学校范围，请按当前目录的编号填写。", rule)
        return
    ctx.range, ctx.range_source = codes, "profile"
    ctx.note("points.school_range", f"学校范围取自方案原文：{_codes_text(codes)}。" + (rule.get("note") or ""), rule)


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


# ---------------------------------------------------------------- requirements


@dataclass
class Need:
    count_min: int | None = None
    count_max: int | None = None
    count_rule: str | None = None  # "points.teacher_count_min" or "points.age_rules"
    dims_min: int | None = None
    size: int | None = None
    envs_min: int | None = None
    school_dims_min: int | None = None
    extras: bool = False
    age_counts: list[int] = field(default_factory=list)  # every age group's minimum (school feasibility)


def _age_count(groups: Any, age: int) -> int | None:
    for g in groups or []:
        low, high = g.get("age_min"), g.get("age_max")
        if (low is None or age >= low) and (high is None or age <= high):
            return int(g["count_min"])
    return None


def _needs(ctx: Ctx) -> Need:
    r = ctx.rules
    need = Need()
    if rule := in_force(r, "teacher_count_min"):
        need.count_min, need.count_rule = int(_value(rule, ctx.readings).value), "points.teacher_count_min"
    if rule := in_force(r, "teacher_count_max"):
        need.count_max = int(_value(rule, ctx.readings).value)
    if rule := in_force(r, "age_rules"):
        groups = _value(rule, ctx.readings).value
        need.age_counts = [int(g["count_min"]) for g in groups]
        if need.count_min is None and ctx.age is not None:
            need.count_min, need.count_rule = _age_count(groups, ctx.age), "points.age_rules"
    if rule := in_force(r, "teacher_dimensions_min"):
        need.dims_min = int(_value(rule, ctx.readings).value)
    if rule := in_force(r, "school_range_size"):
        need.size = int(_value(rule, ctx.readings).value)
    if rule := in_force(r, "school_envs_min"):
        need.envs_min = int(_value(rule, ctx.readings).value)
    if rule := in_force(r, "school_dimensions_min"):
        need.school_dims_min = int(_value(rule, ctx.readings).value)
    need.extras = bool((in_force(r, "extra_points_allowed") or {}).get("value"))
    return need


# ---------------------------------------------------------------- set measures


def _dims(cat: Catalog, codes: Iterable[str]) -> list[str]:
    found = {cat.dim(c) for c in codes}
    return [d for d in DIMENSION_IDS if d in found]


def _envs(cat: Catalog, codes: Iterable[str]) -> list[str]:
    found = {cat.env(c) for c in codes}
    return [e for e in ENV_IDS if e in found]


def _counted(ctx: Ctx, need: Need, codes: list[str]) -> list[str]:
    """The points a teacher's count rules look at: with extras allowed, only those inside the school's range."""
    if need.extras and ctx.range is not None:
        return [c for c in codes if c in ctx.range]
    return list(codes)


def _unavailable(ctx: Ctx, codes: Iterable[str]) -> list[str]:
    if ctx.available is None:
        return []
    return [c for c in codes if ctx.cat.env(c) not in ctx.available]


def _unconfirmed(cat: Catalog, codes: Iterable[str], part: str) -> list[str]:
    return [c for c in codes if not cat.known(c, part)]


def _rank(ctx: Ctx, code: str) -> tuple[int, ...]:
    """Preference for suggesting a point: a classroom for it, asked for, a known name and dimension, catalog order."""
    cat = ctx.cat
    return (
        int(bool(_unavailable(ctx, [code]))),
        int(code not in ctx.pri_codes),
        int(cat.dim(code) not in ctx.pri_dims),
        int(cat.points[code].get("name") is None),
        int(cat.dim(code) is None),
        cat.order[code],
    )


# ---------------------------------------------------------------- findings


def _relies(cat: Catalog, codes: Iterable[str], part: str) -> tuple[list[str], str]:
    codes = cat.sort(codes)
    unknown = [c for c in codes if cat.points[c].get(part) is None]
    unsure = [c for c in _unconfirmed(cat, codes, part) if c not in unknown]
    what = "名称" if part == "name" else "维度"
    parts = []
    if unsure:
        parts.append(f"{_codes_text(unsure)} 的{what}在目录中待核对")
    if unknown:
        tail = "，未计入维度" if part == "dimension" else ""
        parts.append(f"{_codes_text(unknown)} 的{what}未知{tail}")
    if not parts:
        return [], ""
    return cat.sort(unsure + unknown), "其中 " + "；".join(parts) + "，这一结论依赖这些条目，请以本省官方清单为准。"


def _with_conflict(ctx: Ctx, rule_id: str, message: str) -> tuple[str, dict[str, Any]]:
    """The message, and the id of the conflicts.yaml entry about this rule when there is one for the profile."""
    conf = _conflict(ctx.pid, rule_id)
    return message, ({"conflict": conf["id"]} if conf else {})


def _count_finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule = in_force(ctx.rules, "teacher_count_min")
    if rule is None or need.count_min is None:
        return None
    counted = _counted(ctx, need, codes)
    n, want, unit = _n(ctx, counted), need.count_min, _unit_word(ctx)
    if scope == "school":
        met = n >= want
        msg = (f"学校范围有 {n} {_unit_word(ctx, True)}{_units_text(ctx, counted)}，教师须选 {want} {unit}，"
               + ("可以选够。" if met else f"不够选，至少还要 {want - n} {unit}。") + _partial_text(ctx, counted))
        return finding("points.teacher_count_min", rule, met, msg, scope=scope, required=want, actual=n,
                       relies_on_unconfirmed=[])
    met = n >= want and (need.count_max is None or n <= need.count_max)
    said = (rule.get("source") or {}).get("quote") or ""
    first, units = _unit_word(ctx, True), _units_text(ctx, counted)
    if n < want:
        msg = f"已选 {n} {first}{units}，要求 {want} {unit}，还差 {want - n} {unit}。"
    elif need.count_max is not None and n > need.count_max:
        msg = (f"已选 {n} {first}{units}，按“恰好 {need.count_max} {unit}”的读法最多 {need.count_max} {unit}，"
               f"多了 {n - need.count_max} {unit}（文件原文：“{said}”）。")
    else:
        msg = f"已选 {n} {first}{units}，达到 {want} {unit}的要求。"
        if n > want and need.count_max is None:
            msg += f"文件原文是“{said}”，未说明能否多选；本次按至少 {want} {unit}检查，多选不判为不符合。"
    msg += _partial_text(ctx, counted)
    relies, why = _relies(ctx.cat, counted, "name")
    conf = _conflict(ctx.pid, "points.teacher_count_min") if n > want or need.count_max is not None else None
    extra = {"conflict": conf["id"]} if conf else {}
    return finding("points.teacher_count_min", rule, met, msg + why, scope=scope, required=want, actual=n,
                   shortfall=max(0, want - n), relies_on_unconfirmed=relies, **extra)


def _age_readings(rule: dict[str, Any], chosen: Value, age: int, n: int) -> list[dict[str, Any]]:
    out = []
    for r in chosen.readings or [{"id": rule.get("reading"), "label": "", "value": rule["value"]}]:
        want = _age_count(r.get("value"), age)
        out.append({"id": r.get("id"), "label": r.get("label"), "count_min": want,
                    "met": want is not None and n >= want, "used": r.get("id") == chosen.reading,
                    "default": r.get("id") == rule.get("reading"), "source": cite(r) if r.get("source") else None})
    return out


def _age_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "age_rules")
    if rule is None or ctx.age is None or need.count_rule != "points.age_rules" or need.count_min is None:
        return None
    chosen = _value(rule, ctx.readings)
    counted = _counted(ctx, need, codes)
    n, want, age, unit = _n(ctx, counted), need.count_min, ctx.age, _unit_word(ctx)
    readings = _age_readings(rule, chosen, age, n)
    used = next((r for r in readings if r["used"]), readings[0])
    msg = f"{age} 岁，按{used['label'] or '方案规定'}，应至少选 {want} {_unit_word(ctx, True)}；已选 {n} {unit}"
    msg += "（只计学校范围内的）" if len(counted) != len(codes) else ""
    msg += _units_text(ctx, counted)
    msg += "，符合。" if n >= want else f"，还差 {want - n} {unit}。"
    msg += _partial_text(ctx, counted)
    for other in (r for r in readings if not r["used"]):
        if other["met"]:
            verdict = "同样符合" if n >= want else "则符合"
        else:
            verdict = ("则不符合" if n >= want else "同样不符合") + f"（还差 {(other['count_min'] or 0) - n} {unit}）"
        msg += f"另一读法（{other['label']}）应至少 {other['count_min']} {unit}，{verdict}。"
    msg += _boundary_note(chosen.value, age, n, unit)
    msg += _all_items_note(ctx, want)
    relies, why = _relies(ctx.cat, counted, "name")
    msg, extra = _with_conflict(ctx, "points.age_rules", msg + why)
    return finding("points.age_rules", rule, n >= want, msg, scope="teacher", reading=chosen.reading, age=age,
                   required=want, actual=n, shortfall=max(0, want - n), readings=readings,
                   relies_on_unconfirmed=relies, **extra)


def _all_items_note(ctx: Ctx, want: int, who: str = "") -> str:
    """When a count takes the school's whole range, every point in it is required, classroom or not."""
    if ctx.range is None or want < _n(ctx, ctx.range):
        return ""
    missing = _unavailable(ctx, ctx.range)
    if not missing:
        return ""
    parts = [f"{_item_of(ctx, c) or c}（{c}，{env_label(ctx.cat.env(c))}）" for c in missing]
    have = "、".join(env_label(e) for e in ENV_IDS if e in (ctx.available or set())) or "任何信息化环境"
    conf = _conflict(ctx.pid, "points.age_rules", "knock-on")
    tail = f"这是文件本身的矛盾（{conf['title']}），请与学校管理团队确认。" if conf else "请与学校管理团队确认。"
    return (f"注意：{who}应选的 {want} {_unit_word(ctx)}就是学校范围的全部，所以必须包括 {'、'.join(parts)}，"
            f"而学校只有{have}的教室。{tail}")


def _boundary_note(groups: Any, age: int, n: int, unit: str = "个") -> str:
    """At exactly 40, "40岁以上" and "40岁以下" may both include her; show the other group's number too."""
    bounds = {g.get("age_min") for g in groups or []} - {None}
    if age not in bounds:
        return ""
    below = _age_count(groups, age - 1)
    if below is None:
        return ""
    verdict = "也符合" if n >= below else f"则还差 {below - n} {unit}"
    return f"原文“{age}岁以上”“{age}岁以下”都可能包含 {age} 岁，本站按“以上”计；若按“以下”计应至少 {below} {unit}，{verdict}。"


def _dims_finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule = in_force(ctx.rules, "teacher_dimensions_min")
    if rule is None or need.dims_min is None:
        return None
    counted = _counted(ctx, need, codes)
    dims = _dims(ctx.cat, counted)
    want = need.dims_min
    if scope == "school":
        msg = f"学校范围覆盖 {len(dims)} 个维度（{_dims_text(dims)}），教师须覆盖至少 {want} 个维度，"
        msg += "能从范围中选出。" if len(dims) >= want else "无法从范围中选出。"
    else:
        msg = f"所选能力点覆盖 {len(dims)} 个维度（{_dims_text(dims)}），要求至少 {want} 个"
        msg += "，符合。" if len(dims) >= want else f"，还差 {want - len(dims)} 个维度。"
    relies, why = _relies(ctx.cat, counted, "dimension")
    conf = _conflict(ctx.pid, "points.teacher_dimensions_min")
    extra: dict[str, Any] = {}
    if conf is not None:
        own = (rule.get("source") or {}).get("doc")
        others = [r["label"] for r in conf.get("readings") or [] if (r.get("source") or {}).get("doc") != own]
        msg += f"其他方案要求不同：{'；'.join(others)}。" if others else ""
        extra["conflict"] = conf["id"]
    return finding("points.teacher_dimensions_min", rule, len(dims) >= want, msg + why, scope=scope,
                   required=want, actual=len(dims), dimensions=dims, shortfall=max(0, want - len(dims)),
                   relies_on_unconfirmed=relies, **extra)


def _range_rule(ctx: Ctx) -> dict[str, Any]:
    if ctx.range_source == "profile" and (own := in_force(ctx.rules, "school_range")):
        return own
    for key in ("school_range_size", "school_envs_min", "teacher_count_min", "age_rules"):
        if rule := in_force(ctx.rules, key):
            return rule
    return next(r for r in ctx.rules.values() if isinstance(r, dict) and r.get("value") is not None)


def _range_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    if ctx.range is None:
        return None
    outside = [c for c in codes if c not in ctx.range]
    where = "方案原文所列" if ctx.range_source == "profile" else "你填写的"
    if not outside:
        msg = f"所选能力点都在学校范围（{where}：{_codes_text(ctx.range)}）内。"
        met = True
    elif need.extras:
        msg = (f"{_names(ctx.cat, outside)} 不在学校范围（{where}：{_codes_text(ctx.range)}）内；方案允许教师按需求和兴趣额外选择，"
               f"但额外选择的不计入应选个数。")
        met = True
    else:
        msg = (f"{_names(ctx.cat, outside)} 不在学校范围（{where}：{_codes_text(ctx.range)}）内，"
               f"应从学校选定的范围中选择。")
        met = False
    rule = in_force(ctx.rules, "extra_points_allowed") if need.extras and outside else _range_rule(ctx)
    assert rule is not None
    return finding("points.school_range", rule, met, msg, scope="teacher", outside=outside,
                   school_range=list(ctx.range), relies_on_unconfirmed=[])


def _env_rule(ctx: Ctx, env: str | None) -> dict[str, Any]:
    """Cite the school's own classroom count when it came from the plan, else the environment's definition."""
    school: dict[str, Any] = ctx.profile.get("school") or {}
    if ctx.rooms_source == "profile" and (rule := in_force(school, "classrooms")):
        return rule
    for catalog in (ctx.cat.envs, _profile_envs(ctx.profile)):
        found = catalog.get(env or "")
        if found and found.get("source"):
            return {"source": found["source"], "inherited_from": None}
    return _range_rule(ctx)


def _profile_envs(profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The environments of the profile's own catalog (an uploaded list may not cite its environments)."""
    cat = profile_catalog(profile) or {}
    return {e["id"]: e for e in cat.get("environments") or [] if isinstance(e, dict) and e.get("id")}


def _env_finding(ctx: Ctx, codes: list[str], scope: str) -> Finding | None:
    if ctx.available is None or not codes:
        return None
    missing = _unavailable(ctx, codes)
    have = "、".join(env_label(e) for e in ENV_IDS if e in ctx.available) or "任何信息化环境"
    who = "所选能力点" if scope == "teacher" else "学校范围内能力点"
    conf = _conflict(ctx.pid, "points.school_range", "self-contradiction") if missing else None
    if not missing:
        msg = f"{who}的环境学校都有教室（学校有：{have}）。"
    else:
        by_env: dict[str | None, list[str]] = {}
        for c in missing:
            by_env.setdefault(ctx.cat.env(c), []).append(c)
        parts = [f"{_codes_text(cs)} 属{env_label(e)}" for e, cs in by_env.items()]
        msg = (f"提醒：{'；'.join(parts)}，学校没有这类教室（学校有：{have}），难以在真实课堂中实施和考核。"
               f"这一条只作提醒，不判为不符合。")
        if conf is not None and not ctx.cat.uploaded:
            msg += "按全国编号判断环境；本省列表的编号和环境划分可能不同，可上传本省清单核对。"
    rule = _env_rule(ctx, ctx.cat.env(missing[0]) if missing else None)
    extra = {"conflict": conf["id"]} if conf else {}
    return finding("points.environment_available", rule, not missing, msg, scope=scope, advisory=True,
                   unavailable=missing, environments_available=sorted(ctx.available), relies_on_unconfirmed=[],
                   **extra)


def _size_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "school_range_size")
    if rule is None or need.size is None:
        return None
    chosen = _value(rule, ctx.readings)
    n, want, unit = _n(ctx, codes), need.size, _unit_word(ctx)
    msg = f"学校范围有 {n} {_unit_word(ctx, True)}{_units_text(ctx, codes)}，方案规定选取 {want} {unit}"
    msg += "，符合。" if n == want else (f"，还差 {want - n} {unit}。" if n < want else f"，多了 {n - want} {unit}。")
    for r in chosen.readings:
        if r.get("id") != chosen.reading:
            msg += f"另一读法：{r.get('label')}。"
    msg, extra = _with_conflict(ctx, "points.school_range_size", msg)
    return finding("points.school_range_size", rule, n == want, msg, scope="school", reading=chosen.reading,
                   required=want, actual=n, relies_on_unconfirmed=[], **extra)


def _school_envs_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "school_envs_min")
    if rule is None or need.envs_min is None:
        return None
    envs = _envs(ctx.cat, codes)
    want = need.envs_min
    names = "、".join(env_label(e) for e in envs) or "无"
    msg = f"学校范围覆盖 {len(envs)} 个环境（{names}），要求至少 {want} 个"
    msg += "，符合。" if len(envs) >= want else f"，还差 {want - len(envs)} 个环境。"
    if ctx.available is not None and len(ctx.available) < want:
        msg += f"学校只有 {len(ctx.available)} 类环境的教室，按教室情况无法真正覆盖 {want} 个环境。"
    return finding("points.school_envs_min", rule, len(envs) >= want, msg, scope="school", required=want,
                   actual=len(envs), environments=envs, relies_on_unconfirmed=[])


def _school_dims_finding(ctx: Ctx, need: Need, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "school_dimensions_min")
    if rule is None or need.school_dims_min is None:
        return None
    dims = _dims(ctx.cat, codes)
    want = need.school_dims_min
    msg = f"学校范围覆盖 {len(dims)} 个维度（{_dims_text(dims)}），要求至少 {want} 个"
    msg += "，符合。" if len(dims) >= want else f"，还缺 {want - len(dims)} 个维度。"
    relies, why = _relies(ctx.cat, codes, "dimension")
    return finding("points.school_dimensions_min", rule, len(dims) >= want, msg + why, scope="school",
                   required=want, actual=len(dims), dimensions=dims, relies_on_unconfirmed=relies)


def _age_feasible_finding(ctx: Ctx, codes: list[str]) -> Finding | None:
    rule = in_force(ctx.rules, "age_rules")
    if rule is None:
        return None
    chosen = _value(rule, ctx.readings)
    n, unit = _n(ctx, codes), _unit_word(ctx)
    readings: list[dict[str, Any]] = []
    for r in chosen.readings or [{"id": chosen.reading, "label": "", "value": chosen.value}]:
        most = max(int(g["count_min"]) for g in r["value"])
        readings.append({"id": r.get("id"), "label": r.get("label"), "count_min": most, "met": n >= most,
                         "used": r.get("id") == chosen.reading})
    used = next((r for r in readings if r["used"]), readings[0])
    want: int = used["count_min"]
    msg = f"学校范围有 {n} {_unit_word(ctx, True)}{_units_text(ctx, codes)}；按{used['label'] or '方案规定'}，教师最多须选 {want} {unit}，"
    msg += "可以选够。" if n >= want else f"不够选，至少还要 {want - n} {unit}。"
    for other in (r for r in readings if not r["used"]):
        if other["met"]:
            verdict = "同样够选" if n >= want else "则够选"
        else:
            verdict = "则不够选" if n >= want else "同样不够选"
        msg += f"另一读法（{other['label']}）最多须选 {other['count_min']} {unit}，{verdict}。"
    groups = chosen.value or []
    top = next((g for g in groups if int(g["count_min"]) == want), None)
    who = ""
    if top is not None:
        who = (f"{top['age_min']}岁以上的教师" if top.get("age_min") is not None and top.get("age_max") is None
               else f"{top['age_max'] + 1}岁以下的教师" if top.get("age_max") is not None and top.get("age_min") is None
               else "")
    msg += _all_items_note(ctx, want, who)
    msg, extra = _with_conflict(ctx, "points.age_rules", msg)
    return finding("points.age_rules", rule, n >= want, msg, scope="school", reading=chosen.reading,
                   required=want, actual=n, readings=readings, relies_on_unconfirmed=[], **extra)


def _teacher_findings(ctx: Ctx, need: Need, codes: list[str]) -> list[Finding]:
    found = [
        _count_finding(ctx, need, codes, "teacher"),
        _age_finding(ctx, need, codes),
        _dims_finding(ctx, need, codes, "teacher"),
        _range_finding(ctx, need, codes),
        _env_finding(ctx, codes, "teacher"),
    ]
    return [f for f in found if f is not None]


def _school_findings(ctx: Ctx, need: Need, codes: list[str]) -> list[Finding]:
    found = [
        _size_finding(ctx, need, codes),
        _school_envs_finding(ctx, need, codes),
        _school_dims_finding(ctx, need, codes),
        _count_finding(ctx, need, codes, "school"),
        _dims_finding(ctx, need, codes, "school"),
        _age_feasible_finding(ctx, codes),
        _env_finding(ctx, codes, "school"),
    ]
    return [f for f in found if f is not None]


def _passes(findings: list[Finding]) -> bool:
    return all(f["met"] for f in findings if not f.get("advisory"))


# ---------------------------------------------------------------- suggestions: a teacher's choice (exact search)


Check = Callable[[list[str]], bool]


def _teacher_ok(ctx: Ctx, need: Need, strict: bool) -> Check:
    def ok(codes: list[str]) -> bool:
        counted = _counted(ctx, need, codes)
        if need.count_min is not None and _n(ctx, counted) < need.count_min:
            return False
        if need.count_max is not None and _n(ctx, counted) > need.count_max:
            return False
        if need.dims_min is not None and len(_dims(ctx.cat, counted)) < need.dims_min:
            return False
        if ctx.range is not None and not need.extras and any(c not in ctx.range for c in codes):
            return False
        return not (strict and _unavailable(ctx, codes))

    return ok


def _pool(ctx: Ctx, within: list[str] | None, exclude: Iterable[str], strict: bool) -> list[str]:
    """Points a suggestion may add, best first: those ``within`` a school's range, or any catalog point whose name
    is known (a point nobody can name is never suggested)."""
    taken = set(exclude)
    base = list(within) if within is not None else [
        c for c in ctx.cat.points if ctx.cat.points[c].get("name") is not None
    ]
    pool = [c for c in base if c not in taken and not (strict and _unavailable(ctx, [c]))]
    return sorted(pool, key=lambda c: _rank(ctx, c))


def _prune(ctx: Ctx, pool: list[str], k: int) -> list[str]:
    """For validity only a point's dimension matters, so the best k of each dimension are enough."""
    kept: list[str] = []
    per: dict[str | None, int] = {}
    for c in pool:
        d = ctx.cat.dim(c)
        if per.get(d, 0) < k:
            kept.append(c)
            per[d] = per.get(d, 0) + 1
    return kept


@dataclass
class Option:
    final: list[str]
    removed: list[str]
    added: list[str]
    key: tuple[Any, ...]


def _option_key(ctx: Ctx, need: Need, start: list[str], removed: list[str], added: list[str], final: list[str],
                pool_rank: dict[str, int]) -> tuple[Any, ...]:
    """Fewest changes; then no point without a classroom; then what she asked for; then the least work (fewest
    counted points, so a swap beats an addition); then keep what she chose; then the best-ranked additions."""
    cost = max(len(removed), len(added))
    pri = sum(1 for c in final if c in ctx.pri_codes)
    pri_dims = sum(1 for c in final if ctx.cat.dim(c) in ctx.pri_dims)
    return (
        cost,
        len(_unavailable(ctx, final)),
        -pri,
        -pri_dims,
        len(_counted(ctx, need, final)),
        len(removed),
        tuple(sorted(pool_rank[c] for c in added)),
        tuple(sorted(-start.index(c) for c in removed)),
        tuple(ctx.cat.order[c] for c in ctx.cat.sort(final)),
    )


def _search(ctx: Ctx, need: Need, start: list[str], mandatory: list[str], pool: list[str], ok: Check) -> list[Option]:
    """Smallest changes that make ``start`` pass ``ok``; the best few, ranked by _option_key.

    Cost is max(removed, added): a removal and an addition pair up as one swap. The points that must go
    (``mandatory``) fix the least cost; more additions than the larger of the count and dimension minimums never
    help, so the search is bounded. Within one dimension points are interchangeable for validity, so only the best
    few of each are tried. With additions to make, as many of her other points may be swapped out at no extra cost;
    those are tried greedily (removing a point never makes a choice valid unless a maximum applies).
    """
    m = len(mandatory)
    removable = sorted((c for c in start if c not in mandatory), key=lambda c: _drop_rank(ctx, start, c))
    add_cap = max(need.count_min or 0, need.dims_min or 0, 1) + sum(len(its) - 1 for _, its in ctx.items or [])
    top = max(m, add_cap) + (len(removable) if need.count_max is not None else 0)
    rank = {c: i for i, c in enumerate(pool)}
    for cost in range(m, top + 1):
        options: list[Option] = []
        for removed, added in _moves(ctx, need, removable, mandatory, pool, cost, add_cap):
            if not ok(_apply(start, removed, added)):
                continue
            for gone in _with_free_swaps(start, removed, removable, added, cost, ok):
                final = _apply(start, gone, added)
                options.append(Option(final, gone, added, _option_key(ctx, need, start, gone, added, final, rank)))
        if options:
            return _distinct(sorted(options, key=lambda o: o.key))
    return []


def _apply(start: list[str], removed: list[str], added: list[str]) -> list[str]:
    return [c for c in start if c not in removed] + added


def _drop_rank(ctx: Ctx, start: list[str], code: str) -> tuple[int, ...]:
    """Which of her points to give up first: no classroom for it, not asked for, unnamed, later in her list."""
    point = ctx.cat.points[code]
    return (
        int(not _unavailable(ctx, [code])),
        int(code in ctx.pri_codes or point.get("dimension") in ctx.pri_dims),
        int(point.get("name") is not None),
        int(point.get("dimension") is not None),
        -start.index(code),
    )


def _moves(ctx: Ctx, need: Need, removable: list[str], mandatory: list[str], pool: list[str], cost: int,
           add_cap: int) -> Iterable[tuple[list[str], list[str]]]:
    m = len(mandatory)
    sizes = range(0, min(m, add_cap) + 1) if cost == m else ([cost] if cost <= add_cap else [])
    for a in sizes:
        for added in itertools.combinations(_prune(ctx, pool, a), a):
            yield list(mandatory), list(added)
    if need.count_max is not None and m < cost <= m + len(removable):  # too many: the least wanted go
        drop = list(mandatory) + removable[: cost - m]
        for a in range(0, min(cost, add_cap) + 1):
            for added in itertools.combinations(_prune(ctx, pool, a), a):
                yield drop, list(added)


def _with_free_swaps(start: list[str], removed: list[str], removable: list[str], added: list[str], cost: int,
                     ok: Check) -> list[list[str]]:
    """The move as it is, and (when it differs) the move with her least wanted points swapped out for free."""
    more = list(removed)
    for code in removable:
        if max(len(more) + 1, len(added)) > cost:
            break
        if code not in more and ok(_apply(start, [*more, code], added)):
            more.append(code)
    return [removed] if more == removed else [removed, more]


def _distinct(options: list[Option]) -> list[Option]:
    """Alternatives that differ in what they add or in whether they swap (giving up A2 or A3 is one idea)."""
    out: list[Option] = []
    seen: set[tuple[Any, ...]] = set()
    for o in options:
        sig = (tuple(sorted(o.added)), len(o.removed) if o.added else tuple(sorted(o.removed)))
        if sig in seen:
            continue
        seen.add(sig)
        out.append(o)
        if len(out) == MAX_ALTERNATIVES:
            break
    return out


def _changes(ctx: Ctx, start: list[str], removed: list[str], added: list[str]) -> list[dict[str, str]]:
    outs = [c for c in start if c in removed]
    ins = sorted(added, key=lambda c: _rank(ctx, c))
    changes: list[dict[str, str]] = []
    for i in range(max(len(outs), len(ins))):
        if i < len(outs) and i < len(ins):
            changes.append({"action": "swap", "remove": outs[i], "add": ins[i]})
        elif i < len(outs):
            changes.append({"action": "remove", "remove": outs[i]})
        else:
            changes.append({"action": "add", "add": ins[i]})
    return changes


def _describe_point(ctx: Ctx, code: str) -> str:
    env = env_label(ctx.cat.env(code))
    dim = dimension_label(ctx.cat.dim(code))
    return f"{_name(ctx.cat, code)}（{env}·{dim}）"


def _describe(ctx: Ctx, changes: list[dict[str, str]]) -> str:
    parts = []
    for ch in changes:
        if ch["action"] == "swap":
            parts.append(f"把 {_name(ctx.cat, ch['remove'])} 换成 {_describe_point(ctx, ch['add'])}")
        elif ch["action"] == "remove":
            parts.append(f"去掉 {_name(ctx.cat, ch['remove'])}")
        else:
            parts.append(f"加上 {_describe_point(ctx, ch['add'])}")
    return "；".join(parts)


def _suggestion(ctx: Ctx, need: Need, start: list[str], final: list[str], kind: str, advisory: bool,
                lead: str = "", valid: bool = True) -> dict[str, Any]:
    removed = [c for c in start if c not in final]
    added = [c for c in final if c not in start]
    changes = _changes(ctx, start, removed, added)
    final_sorted = ctx.cat.sort(final)
    counted = _counted(ctx, need, final_sorted) if ctx.mode == "teacher" else final_sorted
    dims = _dims(ctx.cat, counted)
    relies, _ = _relies(ctx.cat, counted, "dimension")  # said once per page from `relies_on_unconfirmed`
    size = f"{len(final_sorted)} 个" + (f"，其中计入 {len(counted)} 个" if len(counted) != len(final_sorted) else "")
    if ctx.items:
        size = f"全国编号 {len(final_sorted)} 个，计 {_n(ctx, counted)} 项"
    summary = f"改后为 {_codes_text(final_sorted)}（{size}，覆盖 {_dims_text(dims)} {len(dims)} 个维度）。"
    body = _describe(ctx, changes) if kind == "change" else "建议的学校范围：" + "、".join(
        _describe_point(ctx, c) for c in final_sorted)
    message = lead + body + ("。" if body else "") + (summary if kind == "change" else "")
    return {
        "kind": kind,
        "advisory": advisory,
        "valid": valid,
        "changes": changes,
        "change_count": max(len(removed), len(added)),
        "result": final_sorted,
        "dimensions": dims,
        "environments": _envs(ctx.cat, final_sorted),
        "message": message,
        "relies_on_unconfirmed": relies,
    }


def _infeasible(message: str, advisory: bool) -> dict[str, Any]:
    return {"kind": "infeasible", "advisory": advisory, "valid": False, "changes": [], "change_count": 0, "result": [],
            "dimensions": [], "environments": [], "message": message, "relies_on_unconfirmed": []}


def _teacher_suggestions(ctx: Ctx, need: Need, passed: bool) -> list[dict[str, Any]]:
    start = list(ctx.selected)
    if not passed:
        mandatory = [c for c in start if ctx.range is not None and not need.extras and c not in ctx.range]
        pool = _pool(ctx, ctx.range, start, strict=False)
        options = _search(ctx, need, start, mandatory, pool, _teacher_ok(ctx, need, strict=False))
        if not options:
            return [_infeasible(_why_infeasible(ctx, need), advisory=False)]
        return [_suggestion(ctx, need, start, o.final, "change", False) for o in options]
    missing = _unavailable(ctx, start)
    if not missing:
        return []
    pool = _pool(ctx, ctx.range, start, strict=True)
    options = _search(ctx, need, start, missing, pool, _teacher_ok(ctx, need, strict=True))
    lead = f"若学校确实没有{'、'.join(dict.fromkeys(env_label(ctx.cat.env(c)) for c in missing))}的教室："
    if not options:
        return [_infeasible(lead + "在学校有教室的环境中选不出符合要求的组合，请与学校管理团队商量。", advisory=True)]
    return [_suggestion(ctx, need, start, options[0].final, "change", True, lead)]


def _why_infeasible(ctx: Ctx, need: Need) -> str:
    scope = f"学校范围（{_codes_text(ctx.range)}）" if ctx.range is not None else f"《{ctx.cat.title}》"
    dims = _dims(ctx.cat, ctx.range if ctx.range is not None else list(ctx.cat.points))
    size = len(ctx.range) if ctx.range is not None else len(ctx.cat.points)
    wants = [f"{need.count_min} 个能力点"] if need.count_min else []
    wants += [f"至少 {need.dims_min} 个维度"] if need.dims_min else []
    return (f"{scope}只有 {size} 个能力点、覆盖 {len(dims)} 个维度，选不出满足要求（{'、'.join(wants)}）的组合，"
            f"请学校调整范围或上传本省清单。")


# ---------------------------------------------------------------- suggestions: a school's range (greedy)


@dataclass
class Target:
    size: int | None
    size_min: int
    dims: int
    envs: int


def _target(need: Need) -> Target:
    return Target(
        size=need.size,
        size_min=max([need.count_min or 0, *need.age_counts]),
        dims=max(need.school_dims_min or 0, need.dims_min or 0),
        envs=need.envs_min or 0,
    )


def _deficit(ctx: Ctx, t: Target, codes: list[str]) -> tuple[int, int]:
    return max(0, t.dims - len(_dims(ctx.cat, codes))), max(0, t.envs - len(_envs(ctx.cat, codes)))


def _school_ok(ctx: Ctx, t: Target, strict: bool) -> Check:
    def ok(codes: list[str]) -> bool:
        if t.size is not None and _n(ctx, codes) != t.size:
            return False
        if _n(ctx, codes) < t.size_min or _deficit(ctx, t, codes) != (0, 0):
            return False
        return not (strict and _unavailable(ctx, codes))

    return ok


def _gain(ctx: Ctx, t: Target, codes: list[str], code: str) -> int:
    dims_short, envs_short = _deficit(ctx, t, codes)
    new_dim = dims_short > 0 and ctx.cat.dim(code) is not None and ctx.cat.dim(code) not in _dims(ctx.cat, codes)
    new_env = envs_short > 0 and ctx.cat.env(code) not in _envs(ctx.cat, codes)
    return int(new_dim) + int(new_env)


def _spare(ctx: Ctx, t: Target, codes: list[str], keep: Iterable[str]) -> str | None:
    """The least wanted point whose removal leaves the range's coverage as it is."""
    protected = set(keep)
    now = _deficit(ctx, t, codes)
    spare = [c for c in codes if c not in protected and _deficit(ctx, t, [x for x in codes if x != c]) == now]
    return max(spare, key=lambda c: _rank(ctx, c)) if spare else None


def _school_fix(ctx: Ctx, t: Target, start: list[str], strict: bool, build: bool) -> tuple[list[str], bool]:
    """Repair (or build, from nothing) a range: cover the missing dimensions and environments with the point that
    covers most at once (a swap when the size is fixed and full), then meet the size. Priorities go first."""
    codes = [c for c in start if not (strict and _unavailable(ctx, [c]))]
    pool = _pool(ctx, None, codes, strict)
    if build:
        for code in ctx.pri_codes:
            if code not in codes and (not strict or not _unavailable(ctx, [code])) and _room(ctx, t, codes, code):
                codes.append(code)
    feasible = _cover(ctx, t, codes, pool, keep=ctx.pri_codes)
    feasible = _resize(ctx, t, codes, pool) and feasible
    return codes, feasible and _school_ok(ctx, t, strict)(codes)


def _room(ctx: Ctx, t: Target, codes: list[str], code: str) -> bool:
    if t.size is None:
        return True
    after = [*codes, code]
    return _n(ctx, after) + max(_deficit(ctx, t, after)) <= t.size


def _cover(ctx: Ctx, t: Target, codes: list[str], pool: list[str], keep: list[str]) -> bool:
    while max(_deficit(ctx, t, codes)) > 0:
        choices = [c for c in pool if c not in codes and _gain(ctx, t, codes, c) > 0]
        if not choices:
            return False
        best = min(choices, key=lambda c: (-_gain(ctx, t, codes, c), _rank(ctx, c)))
        if t.size is not None and _n(ctx, codes) >= t.size:
            out = _spare(ctx, t, codes, keep)
            if out is None:
                return False
            codes.remove(out)
        codes.append(best)
    return True


def _resize(ctx: Ctx, t: Target, codes: list[str], pool: list[str]) -> bool:
    while t.size is not None and _n(ctx, codes) > t.size:
        out = _spare(ctx, t, codes, ctx.pri_codes)
        if out is None:
            out = _spare(ctx, t, codes, [])
        if out is None:
            return False
        codes.remove(out)
    want = t.size if t.size is not None else t.size_min
    while _n(ctx, codes) < want:
        rest = [c for c in pool if c not in codes]
        if not rest:
            return False
        covered = set(_dims(ctx.cat, codes))  # spread the range over the dimensions, then the catalog order
        codes.append(min(rest, key=lambda c: _fill_rank(ctx, c, covered)))
    return True


def _fill_rank(ctx: Ctx, code: str, covered: set[str]) -> tuple[int, ...]:
    """Filling a range: a classroom for it, asked for, then a dimension not yet in the range, then the usual order."""
    r = _rank(ctx, code)
    dim = ctx.cat.dim(code)
    return (*r[:3], int(dim is None or dim in covered), *r[3:])


def _school_suggestions(ctx: Ctx, need: Need, start: list[str], passed: bool, built: bool) -> list[dict[str, Any]]:
    t = _target(need)
    out: list[dict[str, Any]] = []
    if built:
        out.append(_suggestion(ctx, need, [], start, "build", False, valid=passed))
        if not passed:
            out.append(_infeasible(_catalog_why(ctx, t), advisory=False))
    elif not passed:
        fixed, ok = _school_fix(ctx, t, start, strict=False, build=False)
        out.append(_suggestion(ctx, need, start, fixed, "change", False) if ok else _infeasible(
            _catalog_why(ctx, t), advisory=False))
    missing = _unavailable(ctx, out[0]["result"] if out and out[0]["result"] else start)
    if missing:
        base = out[0]["result"] if out and out[0]["result"] else start
        lead = f"若只用学校有教室的环境（{'、'.join(env_label(e) for e in sorted(ctx.available or []))}）："
        fixed, ok = _school_fix(ctx, t, base, strict=True, build=False)
        if ok:
            out.append(_suggestion(ctx, need, start, fixed, "change", True, lead))
        else:
            out.append(_infeasible(lead + _strict_why(ctx, t), advisory=True))
    return out


def _catalog_why(ctx: Ctx, t: Target) -> str:
    """Why no range in the catalog meets the rules."""
    named = [c for c in ctx.cat.points if ctx.cat.points[c].get("name") is not None]
    envs, dims = _envs(ctx.cat, named), _dims(ctx.cat, named)
    where = f"目录《{ctx.cat.title}》中有名称的能力点"
    if len(envs) < t.envs:
        return f"{where}只属于 {len(envs)} 个环境，达不到覆盖至少 {t.envs} 个环境的要求；请检查目录或上传完整的本省清单。"
    if len(dims) < t.dims:
        return f"{where}只覆盖 {len(dims)} 个维度，达不到至少 {t.dims} 个维度的要求；请检查目录或上传完整的本省清单。"
    if t.size is not None and t.size < max(t.dims, t.envs, t.size_min):
        return f"方案规定的范围大小 {t.size} 个不足以同时满足维度、环境和教师选点的要求。"
    return f"{where}不足以组成满足全部要求的范围；请检查目录或上传完整的本省清单。"


def _strict_why(ctx: Ctx, t: Target) -> str:
    have = len(ctx.available or [])
    if t.envs > have:
        return (f"方案要求学校范围覆盖至少 {t.envs} 个环境，学校只有 {have} 类环境的教室，做不到；"
                f"需要添置其他环境的教室，或向上级说明情况。")
    return "学校有教室的环境中的能力点不足以满足要求，请调整或上传本省清单。"


# ---------------------------------------------------------------- the tool


def _open_points(ctx: Ctx) -> list[dict[str, Any]]:
    if ctx.mode == "teacher" and ctx.range is not None:
        codes = ctx.cat.sort(ctx.range)
    else:
        codes = [c for c in ctx.cat.points if not _unavailable(ctx, [c])]
    return [_point_info(ctx, c) for c in codes]


def _environments(ctx: Ctx) -> list[dict[str, Any]]:
    out = []
    for eid in ENV_IDS:
        if ctx.available is None or eid in ctx.available:
            info = ctx.cat.envs.get(eid) or {}
            out.append({"id": eid, "code": info.get("code"), "label": env_label(eid),
                        "classrooms": (ctx.rooms or {}).get(eid), "assumed": ctx.available is None})
    return out


def _catalog_notes(ctx: Ctx) -> None:
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
        ctx.note("input.selected", f"重复填写的编号只计一次：{_codes_text(ctx.duplicates)}。")


def _who(ctx: Ctx, built: bool) -> str:
    return "所选能力点" if ctx.mode == "teacher" else ("建议的学校范围" if built else "学校范围")


def _fix(suggestions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The suggestion an answer leads with: that nothing can pass, else the smallest change."""
    own = [s for s in suggestions if not s["advisory"]]
    return next((s for s in own if s["kind"] == "infeasible"), own[0] if own else None)


def _headline(ctx: Ctx, suggestions: list[dict[str, Any]], passed: bool, built: bool, summary: str) -> str:
    """The answer in one sentence: what is done, or the smallest change that passes."""
    who = _who(ctx, built)
    if passed:
        return f"{who}符合《{ctx.title}》的要求。"
    fix = _fix(suggestions)
    if fix and fix["kind"] == "change":
        return f"{_describe(ctx, fix['changes'])}，即可符合要求。"
    return summary


def _summary(ctx: Ctx, findings: list[Finding], suggestions: list[dict[str, Any]], passed: bool, built: bool) -> str:
    who = _who(ctx, built)
    warn = [f for f in findings if f.get("advisory") and not f["met"]]
    tail = f"另有提醒：{len(warn)} 条（不影响结论）。" if warn else ""
    if passed:
        return f"{who}符合《{ctx.title}》的要求。" + tail
    failed = [f for f in findings if not f["met"] and not f.get("advisory")]
    reasons = "；".join(f["message"].split("。")[0] for f in failed)
    fix = _fix(suggestions)
    how = ""
    if fix and fix["kind"] == "change":
        how = f"最少改动（{fix['change_count']} 处）：{_describe(ctx, fix['changes'])}。"
    elif fix:
        how = fix["message"]
    return f"{who}尚未符合《{ctx.title}》的要求：{reasons}。" + how + tail


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    ctx = read_input(profile, data, errors)
    if errors or ctx is None:
        return {"ok": False, "errors": errors.items}
    need = _needs(ctx)
    _catalog_notes(ctx)
    built = False
    if ctx.mode == "teacher":
        codes = ctx.selected
        findings = _teacher_findings(ctx, need, codes)
        passed = _passes(findings)
        suggestions = _teacher_suggestions(ctx, need, passed)
    else:
        codes = list(ctx.range or [])
        if ctx.range is None:
            codes, _ = _school_fix(ctx, _target(need), [], strict=False, build=True)
            ctx.range, ctx.range_source, built = codes, "built", True
        findings = _school_findings(ctx, need, codes)
        passed = _passes(findings)
        suggestions = _school_suggestions(ctx, need, codes, passed, built)
    summary = _summary(ctx, findings, suggestions, passed, built)
    return {
        "ok": True,
        "status": "pass" if findings and passed else "fail",
        "headline": _headline(ctx, suggestions, bool(findings) and passed, built, summary),
        "summary": summary,
        "mode": ctx.mode,
        "findings": findings,
        "suggestions": suggestions,
        "environments_available": _environments(ctx),
        "open_points": _open_points(ctx),
        "selected": ctx.cat.sort(ctx.selected) if ctx.mode == "teacher" else [],
        "selected_points": [_point_info(ctx, c) for c in ctx.cat.sort(ctx.selected)] if ctx.mode == "teacher" else [],
        "school_range": ctx.cat.sort(ctx.range) if ctx.range is not None else None,
        "range_points": [_point_info(ctx, c) for c in ctx.cat.sort(ctx.range)] if ctx.range is not None else [],
        "range_source": ctx.range_source,
        "classrooms": ctx.rooms,
        "classrooms_source": ctx.rooms_source,
        "requirements": _requirements(need),
        "catalog": {"id": ctx.cat.id, "title": ctx.cat.title, "count": len(ctx.cat.points),
                    "uploaded": ctx.cat.uploaded},
        "notes": ctx.notes,
    }


def _requirements(need: Need) -> dict[str, Any]:
    return {
        "teacher_count_min": need.count_min,
        "teacher_count_max": need.count_max,
        "teacher_dimensions_min": need.dims_min,
        "school_range_size": need.size,
        "school_envs_min": need.envs_min,
        "school_dimensions_min": need.school_dims_min,
        "extra_points_allowed": need.extras,
    }


# ---------------------------------------------------------------- the school's range as a workbook


EXPORT_WIDTHS = (6, 10, 30, 16, 12, 22, 16)
RULE_LABELS = {
    "points.teacher_count_min": "教师应选个数",
    "points.age_rules": "按年龄应选个数",
    "points.teacher_dimensions_min": "教师应覆盖的维度",
    "points.school_range": "在学校范围内",
    "points.environment_available": "学校有此环境的教室",
    "points.school_range_size": "学校范围的个数",
    "points.school_envs_min": "学校范围覆盖的环境",
    "points.school_dimensions_min": "学校范围覆盖的维度",
}


def _status_text(point: dict[str, Any]) -> str:
    parts = []
    if point["name"] is None:
        parts.append("名称未知")
    elif not point["confirmed"]["name"]:
        parts.append("名称待核对")
    if point["dimension"] is None:
        parts.append("维度未知")
    elif not point["confirmed"]["dimension"]:
        parts.append("维度待核对")
    return "、".join(parts) or "已确认"


def _room_text(point: dict[str, Any]) -> str:
    have = point.get("env_available")
    return "未填教室情况" if have is None else ("有" if have else "没有（需核对）")


def _source_text(source: dict[str, Any] | None) -> str:
    src = source or {}
    title = src.get("title") or src.get("doc") or ""
    out = f"《{title}》" if title else ""
    if src.get("section"):
        out += f" {src['section']}"
    if src.get("quote"):
        out += f"：“{src['quote']}”"
    return out


def export_range(request: dict[str, Any], school: str = "") -> tuple[bytes | None, dict[str, Any]]:
    """The school's range (given, or built) as an .xlsx: the range, the checks with their sources, the classrooms.

    The request is evaluated again here, so the workbook always says what the engine says."""
    from .. import xlsx
    from ..api import evaluate as api_evaluate

    req = dict(request) if isinstance(request, dict) else {}
    req["tool"] = "points"
    req["input"] = {**(req.get("input") or {}), "mode": "school"} if isinstance(req.get("input"), dict) else {
        "mode": "school"}
    res = api_evaluate(req)
    if not res.get("ok"):
        return None, res
    if not res.get("range_points"):
        return None, {"ok": False, "errors": [{"field": "input.school_range", "message": "没有可导出的学校范围。"}]}
    school = cell_text(school)[:60]
    head = [f"{school or '本校'}能力点范围（{res.get('profile_title') or res.get('profile')}）"]
    rows: list[list[Any]] = []
    for i, p in enumerate(res["range_points"], start=1):
        rows.append([i, p["code"], p["name"] or "（名称未知）", p["env_label"], p["dimension_label"], _status_text(p),
                     _room_text(p)])
    checks: list[list[Any]] = [["结论", "符合" if res["status"] == "pass" else "尚未符合", res.get("summary") or "", ""]]
    for f in res["findings"]:
        verdict = "符合" if f["met"] else ("提醒" if f.get("advisory") else "未达到")
        checks.append([RULE_LABELS.get(f["rule"], f["rule"]), verdict, f["message"], _source_text(f.get("source"))])
    for s in res.get("suggestions") or []:
        checks.append(["建议", "提醒" if s.get("advisory") else "建议", s.get("message") or "", ""])
    rooms = res.get("classrooms") or {}
    room_rows: list[list[Any]] = [[ROOMS[k], rooms.get(k)] for k in ROOMS] if rooms else [["未填写", None]]
    body = xlsx.write([
        ("学校范围", ["序号", "编号", "能力点名称", "环境", "维度", "核对情况", "学校有此环境的教室"], rows, EXPORT_WIDTHS),
        ("检查结果", ["规则", "结论", "说明", "依据"], checks, (28, 10, 80, 60)),
        ("教室情况", ["教室类型", "间数"], room_rows, (20, 8)),
    ])
    meta = {"ok": True, "title": head[0], "filename": f"学校能力点范围-{_short_title(res.get('profile'))}.xlsx",
            "catalog": res.get("catalog")}
    return body, meta


def export_range_json(arg: str) -> str:
    """JSON string in ({"request": {...}, "school": "..."}), JSON string out with the workbook as base64."""
    import base64
    import json

    try:
        req = json.loads(arg)
        request, school = req.get("request"), req.get("school") or ""
    except (ValueError, TypeError, AttributeError):
        return json.dumps({"ok": False, "errors": [{"field": "", "message": "导出请求无效，请刷新页面后重试。"}]},
                          ensure_ascii=False)
    body, meta = export_range(request, school if isinstance(school, str) else "")
    if body is None:
        return json.dumps({"ok": False, "errors": meta.get("errors") or []}, ensure_ascii=False)
    return json.dumps({**meta, "base64": base64.b64encode(body).decode("ascii")}, ensure_ascii=False)



def _short_title(profile_id: Any) -> str:
    """A download's name uses the document's short title, never its id."""
    prof = snapshot.profile(str(profile_id)) or {}
    return str(prof.get("short_title") or prof.get("title") or "本校")
