"""What the rules page can enter, and the checks of a typed-in file beyond the build's own (``profilecheck``).

Messages are Chinese and begin with the rule's name as the page labels it; ``field`` is the rule's path
(``hours.total_min.value``, ``hours.total_min.source.quote``), which the page puts beside that input.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ..core import registry, snapshot, vocabulary
from ..core.checks import DATE_RE, Checker, num, pct
from .validate import check_section

FORMAT_VERSION = 1
HEADER = ("format_version", "id", "title", "issuer", "doc_no", "date", "level", "region", "extends")
LEVELS = {"province": "省级", "city": "市级", "county": "县级", "school": "学校"}
QUOTE_MAX = 200  # a quote is the one sentence that states the rule; the build finds it in the text
SECTION_MAX = 40
TEXT_MAX = {"title": 100, "issuer": 60, "doc_no": 40, "region": 40}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
CODE_RE = re.compile(r"^[A-C][0-9]{1,2}$")
PART_ID_RE = re.compile(r"^[a-z_][a-z0-9_]{0,31}$")



@functools.lru_cache(maxsize=4)
def _rules(version: str) -> dict[str, dict[str, tuple[str, str, str]]]:
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    for kind in registry.kinds(having="ASK"):
        ask = kind.word.get("ask") or {}
        out.setdefault(kind.section, {})[kind.key] = (str(ask.get("label") or kind.word.get("label") or kind.key),
                                                      kind.ASK, str(ask.get("unit") or ""))
    return out


def rules() -> dict[str, dict[str, tuple[str, str, str]]]:
    """What the rules page can enter: section → key → (its question, how it is asked, its unit), in the vocabulary's
    order, from every kind of rule that says how the page asks it (``ASK``) and its vocabulary entry (``ask``)."""
    return _rules(str(snapshot.load().get("version")))


def section_label(section: str) -> str:
    return str((vocabulary.get().raw.get("rules_page") or {}).get("sections", {}).get(section)
               or vocabulary.get().section_title(section))


RULE_KEYS = {"value", "unit", "source", "note"}


def rule_label(section: str, key: str) -> str:
    return rules().get(section, {}).get(key, (section_label(section) + "规则", "", ""))[0]


def _label_of(field: str) -> str:
    parts = field.split(".")
    if len(parts) >= 2 and parts[0] in rules():
        return rule_label(parts[0], re.sub(r"\[\d+\]$", "", parts[1]))
    return ""


def check(obj: Any, profiles: dict[str, Any]) -> list[dict[str, str]]:
    if not isinstance(obj, dict):
        return [{"field": "file", "message": "文件里不是一份政策文件（应是“名称: 值”的列表）。"}]
    errors: list[dict[str, str]] = []
    _check_version(obj.get("format_version"), errors)
    _check_header(obj, profiles, errors)
    for key in obj:
        if key not in HEADER and key not in rules() and key != "doc":
            errors.append({"field": str(key), "message": f"文件中有本页不能录入的内容（“{key}”），请删去后再导入。"})
    c = Checker(None)
    for name in rules():
        section = obj.get(name)
        if section is None:
            continue
        if not isinstance(section, dict):
            errors.append({"field": name, "message": f"{section_label(name)}部分的写法不对。"})
            continue
        _check_section(name, section, errors)
        check_section(c, name, {k: v for k, v in section.items() if isinstance(v, dict)})
    for p in c.problems:
        label = _label_of(p.key)
        errors.append({"field": p.key, "message": (f"{label}：" if label else "") + p.what + "。"})
    if not errors:
        _check_catalog_free(obj, errors)
        _check_codes(obj, profiles, errors)
    return errors


def _check_codes(obj: dict[str, Any], profiles: dict[str, Any], errors: list[dict[str, str]]) -> None:
    """The school's points are in the catalog the parent uses."""
    codes = ((obj.get("points") or {}).get("school_range") or {}).get("value")
    parent = profiles.get(str(obj.get("extends"))) or {}
    cat = (snapshot.load().get("catalogs") or {}).get(str(parent.get("catalog")))
    if not isinstance(codes, list) or not cat:
        return
    known = {p.get("code") for p in cat.get("points") or [] if isinstance(p, dict)}
    missing = [c for c in codes if c not in known]
    if missing:
        errors.append({"field": "points.school_range.value",
                       "message": f"学校选定的能力点：{'、'.join(missing)} 不在能力点目录中。"})


def _check_version(v: Any, errors: list[dict[str, str]]) -> None:
    field = "format_version"
    if v is None:
        errors.append({"field": field, "message": "文件没有写明格式版本，不像是本站“录入本地文件”页导出的文件。"})
    elif not (isinstance(v, int) and not isinstance(v, bool)):
        errors.append({"field": field, "message": f"格式版本应是整数，现在是“{v}”。"})
    elif v < FORMAT_VERSION:
        errors.append({"field": field, "message": f"这份文件是旧版格式（第 {v} 版），本站现在读第 {FORMAT_VERSION} 版：请核对各项后重新导出。"})
    elif v > FORMAT_VERSION:
        errors.append({"field": field, "message": f"这份文件来自更新版本的网站（格式第 {v} 版），本站只能读到第 {FORMAT_VERSION} 版："
                                                  "请让发送文件的同事在本站重新导出，或等本站更新。"})


def _check_header(obj: dict[str, Any], profiles: dict[str, Any], errors: list[dict[str, str]]) -> None:
    names = {"title": "文件标题", "issuer": "发文单位", "doc_no": "文号", "region": "适用地区"}
    for key, limit in TEXT_MAX.items():
        v = obj.get(key)
        if v is None or v == "":
            if key == "title":
                errors.append({"field": key, "message": "请填写文件标题。"})
        elif not isinstance(v, str):
            errors.append({"field": key, "message": f"{names[key]}应是文字。"})
        elif len(v) > limit:
            errors.append({"field": key, "message": f"{names[key]}有 {len(v)} 个字，超过 {limit} 个字的上限。"})
    if obj.get("id") is not None and not (isinstance(obj["id"], str) and ID_RE.match(obj["id"])):
        errors.append({"field": "id", "message": "文件编号只能用小写字母、数字和连字符。"})
    date = obj.get("date")
    if date not in (None, "") and not _real_date(date):
        errors.append({"field": "date", "message": "印发日期写成 年-月-日，例如 2022-03-01。"})
    if obj.get("level") not in (None, "", *LEVELS):
        errors.append({"field": "level", "message": "文件级别须是省级、市级、县级或学校之一。"})
    parent = obj.get("extends")
    if parent in (None, ""):
        errors.append({"field": "extends", "message": "请选择这份文件依据的上级文件（没写的规定从它沿用）。"})
    elif not isinstance(parent, str) or parent not in profiles:
        known = "、".join(str(p.get("short_title") or p.get("title")) for p in profiles.values())
        errors.append({"field": "extends", "message": f"文件所依据的上级文件不是本站收录的文件（文件中写的是“{parent}”）。"
                                                      f"请从本站收录的文件中选择：{known}。"})


def _real_date(v: Any) -> bool:
    if not isinstance(v, str) or not DATE_RE.match(v) or len(v) != 10:
        return False
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _check_section(name: str, section: dict[str, Any], errors: list[dict[str, str]]) -> None:
    for key, rule in section.items():
        field = f"{name}.{key}"
        if key not in rules()[name]:
            errors.append({"field": field, "message": f"{section_label(name)}部分有一条本页不能录入的规则（“{key}”），请删去后再导入。"})
            continue
        label, kind, _ = rules()[name][key]
        if not isinstance(rule, dict) or rule.get("value") is None:
            errors.append({"field": f"{field}.value", "message": f"{label}：缺少规定的值（不规定这一条时整条删去，就会沿用上级文件）。"})
            continue
        extra = [k for k in rule if k not in RULE_KEYS]
        if extra:
            errors.append({"field": field, "message": f"{label}：有本页不能录入的内容（{'、'.join(map(str, extra))}）。"})
        for k in ("unit", "note"):
            if rule.get(k) is not None and not isinstance(rule[k], str):
                errors.append({"field": f"{field}.{k}", "message": f"{label}：说明应是文字。"})
        _check_source(field, label, rule.get("source"), errors)
        _check_kind(field, label, kind, rule["value"], errors)


def _check_source(field: str, label: str, src: Any, errors: list[dict[str, str]]) -> None:
    if src is None:
        return
    if not isinstance(src, dict):
        errors.append({"field": f"{field}.source", "message": f"{label}：依据应写明条款和原文。"})
        return
    for part, limit, name in (("quote", QUOTE_MAX, "原文摘录"), ("section", SECTION_MAX, "条款")):
        v = src.get(part)
        if v is None:
            continue
        if not isinstance(v, str):
            errors.append({"field": f"{field}.source.{part}", "message": f"{label}：{name}应是文字。"})
        elif len(v) > limit:
            why = ("摘录只需规定这一条的那一句，本站用它在原文中核对；太长也放不进分享链接" if part == "quote"
                   else "条款写编号即可，例如“四(四)”")
            errors.append({"field": f"{field}.source.{part}", "message":
                           f"{label}：{name}有 {len(v)} 个字，超过 {limit} 个字的上限（{why}）。"})


def _check_kind(field: str, label: str, kind: str, value: Any, errors: list[dict[str, str]]) -> None:
    """Shapes the build's checks take for granted: labels and the ids the grade tool's inputs are named by."""
    def err(what: str, where: str = ".value") -> None:
        errors.append({"field": field + where, "message": f"{label}：{what}"})

    if kind in ("components", "composition", "deductions"):
        if not isinstance(value, list):
            err("写法不对，应是逐项列出。")
            return
        for i, item in enumerate(value):
            if not isinstance(item, dict) or not isinstance(item.get("label"), str) or not item["label"].strip():
                err(f"第 {i + 1} 项缺少名称。")
            elif not isinstance(item.get("id"), str) or not PART_ID_RE.match(item["id"]):
                err(f"第 {i + 1} 项的内部编号不对，请在本页重新保存。")
        if kind == "composition" and [x.get("id") for x in value if isinstance(x, dict)] != ["peer", "leader"]:
            err("须依次是教师互评和考核领导评价两部分。")
    elif kind == "date":
        if isinstance(value, str) and DATE_RE.match(value) and not _real_date(value):
            err("日期须写全年、月、日，例如 2024-06-30。" if len(value) != 10 else f"没有 {value} 这一天。")
    elif kind == "codes":
        if not isinstance(value, list) or not value or not all(isinstance(x, str) and CODE_RE.match(x) for x in value):
            err("写能力点的编号，例如 A1、B2、C3，用逗号分隔。")
        elif len(set(value)) != len(value):
            err("有重复的能力点编号。")
    elif kind == "bands" and isinstance(value, list):
        if not all(isinstance(b, dict) and isinstance(b.get("label"), str) and b["label"] for b in value):
            err("每个等次须有名称，例如“优秀”。")


def _check_catalog_free(obj: dict[str, Any], errors: list[dict[str, str]]) -> None:
    """Two rules that only make sense together: a teacher's minimum within the school's range."""
    pts = obj.get("points") or {}
    lo = (pts.get("teacher_count_min") or {}).get("value")
    size = (pts.get("school_range_size") or {}).get("value")
    if num(lo) and num(size) and size and lo > size:
        errors.append({"field": "points.teacher_count_min.value",
                       "message": f"每位教师至少选几个能力点：{lo} 个多于学校学习范围的 {size} 个。"})


def describe(section: str, key: str, value: Any) -> str:
    """A rule's value as the page and the messages say it."""
    _, kind, unit = rules()[section][key]
    if kind == "fraction" and num(value):
        return pct(value)
    if kind in ("number", "count") and num(value):
        prefix = "不超过 " if key.endswith("_max") else ("至少 " if key.endswith("_min") else "")
        return f"{prefix}{value:g} {unit}".strip() if isinstance(value, float) else f"{prefix}{value} {unit}".strip()
    if kind == "date" and isinstance(value, str) and len(value) == 10:
        y, m, d = value.split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日" + ("前" if key == "deadline" else "起")
    if kind == "shares" and isinstance(value, dict):
        return "、".join(f"{y} 年 {pct(s)}" for y, s in value.items() if num(s))
    if kind == "components" and isinstance(value, list):
        return "、".join(f"{c.get('label')} {pct(c['weight'])}" for c in value if isinstance(c, dict) and num(c.get("weight")))
    if kind == "bands" and isinstance(value, list):
        return "、".join(f"{b.get('label')} {_bound(b)}" for b in value if isinstance(b, dict))
    if kind == "age_rules" and isinstance(value, list):
        return "；".join(_age(r) for r in value if isinstance(r, dict))
    if kind == "codes" and isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, list):
        return "、".join(str(x.get("label") or "") for x in value if isinstance(x, dict))
    return str(value)


def _bound(b: dict[str, Any]) -> str:
    lo = "" if b.get("min") is None else f"{b['min']:g}{'' if b.get('min_inclusive') else '以上（不含）'}"
    hi = "" if b.get("max") is None else f"{b['max']:g}{'' if b.get('max_inclusive') else '（不含）'}"
    return f"{lo}–{hi} 分" if lo and hi else (f"{lo} 分及以上" if lo else f"{hi} 分以下")


def _age(r: dict[str, Any]) -> str:
    lo, hi = r.get("age_min"), r.get("age_max")
    ages = f"{lo}–{hi} 岁" if lo is not None and hi is not None else (f"{lo} 岁及以上" if lo is not None else f"{hi} 岁及以下")
    return f"{ages}至少 {r.get('count_min')} 个"


def compare(section: str, key: str, mine: Any, theirs: Any) -> tuple[str, str, str] | None:
    """("stricter" | "looser" | "differs", mine as text, theirs as text), or None when they agree."""
    if mine == theirs:
        return None
    texts = describe(section, key, mine), describe(section, key, theirs)
    kind = rules()[section][key][1]
    if kind in ("number", "fraction", "count") and num(mine) and num(theirs) and key != "school_range_size":
        higher_is_stricter = not key.endswith("_max") and key != "period_years"
        return ("stricter" if (mine > theirs) == higher_is_stricter else "looser", *texts)
    if key == "deadline" and isinstance(mine, str) and isinstance(theirs, str):
        return ("stricter" if mine < theirs else "looser", *texts)
    return ("differs", *texts)


def inherited(obj: Any, parent: dict[str, Any], profiles: dict[str, Any]) -> dict[str, str]:
    """For each rule the file leaves empty: where the value in force comes from, as the page shows it (also while
    the file still has problems, so the page can say it beside every empty field)."""
    out: dict[str, str] = {}
    obj = obj if isinstance(obj, dict) else {}
    for section, keys in rules().items():
        own = obj.get(section) if isinstance(obj.get(section), dict) else {}
        for key in keys:
            if key in own:
                continue
            rule = (parent.get(section) or {}).get(key)
            if key == "teacher_count_max" and "teacher_count_min" in own:
                out[f"{section}.{key}"] = "不填则不设上限（本文件规定了至少选几个，上级文件的上限不再沿用）。"
            elif not isinstance(rule, dict) or rule.get("value") is None:
                out[f"{section}.{key}"] = "上级文件没有规定这一条；不填就不检查。"
            else:
                doc = profiles.get(str(rule.get("inherited_from") or parent.get("id"))) or parent
                title = doc.get("short_title") or doc.get("title") or ""
                out[f"{section}.{key}"] = f"不填则沿用《{title}》：{describe(section, key, rule['value'])}。"
    return out
