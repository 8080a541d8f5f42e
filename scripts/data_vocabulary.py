"""Validate ``data/vocabulary.yaml`` (the site's names for environments, dimensions, rooms, statuses, hour kinds,
bands, levels, conflict kinds and rules) and check the other data files against it.

Every problem is ``data/vocabulary.yaml: <key path>: <what is wrong>``, like the rest of build_data's messages.
"""

from __future__ import annotations

from typing import Any, Callable

RULE_TYPES = ("number", "fraction", "date", "windows", "boolean", "text", "word", "range", "list", "mapping", "file")
ADMONITIONS = ("warning", "info")
# list name → (the key that names an item, the texts every item needs)
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "levels": ("id", ("label", "short")),
    "environments": ("id", ("code", "label")),
    "dimensions": ("id", ("label",)),
    "rooms": ("id", ()),
    "statuses": ("id", ("label", "word")),
    "hour_kinds": ("id", ("label",)),
    "bands": ("id", ("label",)),
    "audiences": ("id", ("label",)),
    "conflict_kinds": ("id", ("admonition", "label", "advice")),
    "sections": ("id", ("title",)),
    "findings": ("id", ("label",)),
    "value_keys": ("key", ()),
    "value_words": ("word", ("label",)),
    "tools": ("id", ("label",)),
}

Err = Callable[[str, str], None]


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _items(raw: dict[str, Any], name: str, err: Err) -> list[dict[str, Any]]:
    """The list ``name`` with its items checked for their naming key (unique) and required texts."""
    ident, needs = LISTS[name]
    items = raw.get(name)
    if not isinstance(items, list) or not items:
        err(name, "必须是非空列表")
        return []
    seen: set[str] = set()
    good = []
    for i, item in enumerate(items):
        where = f"{name}[{i}]"
        if not isinstance(item, dict) or not _text(item.get(ident)):
            err(where, f"缺少 {ident}")
            continue
        if item[ident] in seen:
            err(f"{where}.{ident}", f"重复的 {ident} “{item[ident]}”")
        seen.add(item[ident])
        for key in needs:
            if not _text(item.get(key)) and not (key == "label" and isinstance(item.get(key), str)):
                err(f"{where}.{key}", "缺少或为空")
        aliases = item.get("aliases")
        if aliases is not None and not (isinstance(aliases, list) and all(_text(a) for a in aliases)):
            err(f"{where}.aliases", "必须是文字的列表")
        good.append(item)
    return good


def _check_sections(sections: list[dict[str, Any]], audiences: set[str], err: Err) -> None:
    for i, sec in enumerate(sections):
        where = f"sections[{i}]"
        if sec.get("audience") is not None and sec["audience"] not in audiences:
            err(f"{where}.audience", f"“{sec['audience']}”不在 audiences 中")
        rules = sec.get("rules")
        if not isinstance(rules, list) or not rules:
            err(f"{where}.rules", "必须是非空列表")
            continue
        keys: set[str] = set()
        for j, rule in enumerate(rules):
            at = f"{where}.rules[{j}]"
            if not isinstance(rule, dict) or not _text(rule.get("key")) or not _text(rule.get("label")):
                err(at, "每条规则须有 key 和 label")
                continue
            if rule["key"] in keys:
                err(f"{at}.key", f"重复的规则 “{rule['key']}”")
            keys.add(rule["key"])
            if rule.get("type") not in RULE_TYPES:
                err(f"{at}.type", f"必须是 {', '.join(RULE_TYPES)} 之一")
            if rule.get("audience") is not None and rule["audience"] not in audiences:
                err(f"{at}.audience", f"“{rule['audience']}”不在 audiences 中")
            for key in ("unit", "suffix", "finding"):
                if key in rule and not _text(rule[key]):
                    err(f"{at}.{key}", "不能为空")


def check(raw: Any, err: Err) -> None:
    """All problems of the vocabulary go to ``err(key, message)``."""
    if not isinstance(raw, dict):
        err("", "必须是映射（levels、environments、dimensions 等）")
        return
    lists = {name: _items(raw, name, err) for name in LISTS}
    unknown = raw.get("unknown")
    for part in ("environment", "dimension"):
        if not isinstance(unknown, dict) or not _text(unknown.get(part)):
            err(f"unknown.{part}", "缺少：环境或维度未知时显示的文字")
    env_ids = {e["id"] for e in lists["environments"]}
    for i, room in enumerate(lists["rooms"]):
        if room["id"] not in env_ids and not _text(room.get("label")):
            err(f"rooms[{i}].label", "不是环境的教室类型须写 label")
    for i, kind in enumerate(lists["conflict_kinds"]):
        if kind.get("admonition") not in ADMONITIONS:
            err(f"conflict_kinds[{i}].admonition", f"必须是 {', '.join(ADMONITIONS)} 之一")
    for i, status in enumerate(lists["statuses"]):
        if not isinstance(status.get("confirmed"), bool):
            err(f"statuses[{i}].confirmed", "必须是 true 或 false")
    named = env_ids | {r["id"] for r in lists["rooms"]} | {b["id"] for b in lists["bands"]}
    for i, item in enumerate(lists["value_keys"]):
        if item["key"] not in named and not _text(item.get("label")):
            err(f"value_keys[{i}].label", "缺少（只有环境、教室类型和等次可以不写，用它们自己的名称）")
    _check_sections(lists["sections"], {a["id"] for a in lists["audiences"]}, err)
    section_ids = {s["id"] for s in lists["sections"]}
    for i, tool in enumerate(lists["tools"]):
        if not isinstance(tool.get("sections"), list) or not set(tool["sections"]) <= section_ids:
            err(f"tools[{i}].sections", f"必须是 sections 中的 id 的列表（{', '.join(section_ids)}）")


def rule_ids(raw: dict[str, Any]) -> set[str]:
    return {f"{s['id']}.{r['key']}" for s in raw.get("sections") or [] if isinstance(s, dict)
            for r in s.get("rules") or [] if isinstance(r, dict)}


def check_catalog(vocab: dict[str, Any], cat: dict[str, Any], err: Err) -> None:
    """A catalog's environments and dimensions are the vocabulary's; its points' statuses are known ones."""
    for name, known in (("environments", {e["id"]: e for e in vocab["environments"]}),
                        ("dimensions", {d["id"]: d for d in vocab["dimensions"]})):
        for i, item in enumerate(cat.get(name) or []):
            ident = item.get("id") if isinstance(item, dict) else None
            if ident not in known:
                err(f"{name}[{i}].id", f"“{ident}”不在 data/vocabulary.yaml 的 {name} 中（可用：{', '.join(known)}）")
            elif name == "environments" and item.get("code") != known[ident]["code"]:
                err(f"{name}[{i}].code", f"应为 {known[ident]['code']}（见 data/vocabulary.yaml）")
    statuses = [s["id"] for s in vocab["statuses"] if not s.get("uploaded_only")]
    for i, pt in enumerate(cat.get("points") or []):
        status = pt.get("status") if isinstance(pt, dict) else None
        for part in ("name", "dimension"):
            value = status.get(part) if isinstance(status, dict) else None
            if value not in statuses:
                err(f"points[{i}].status.{part}", f"必须是 {', '.join(statuses)} 之一")


def check_conflict(vocab: dict[str, Any], i: int, conf: dict[str, Any], err: Err) -> None:
    """A conflict's kind is a known kind, and every rule it names is a rule of the vocabulary."""
    kinds = [k["id"] for k in vocab["conflict_kinds"]]
    if conf.get("kind") not in kinds:
        err(f"conflicts[{i}].kind", f"必须是 {', '.join(kinds)} 之一（见 data/vocabulary.yaml）")
    known = rule_ids(vocab)
    for rule in conf.get("rules") or []:
        if rule not in known:
            err(f"conflicts[{i}].rules", f"“{rule}”不是 data/vocabulary.yaml 中的规则（写成 <section>.<key>）")
