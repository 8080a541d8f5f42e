"""Reading the request: component scores, the weights a document leaves open, deductions, the five-area standard."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...core.inputs import Errors, number, whole_number
from ...core.model import fmt
from .modes import rule_value
from .scores import D


YES = {"true", "yes", "y", "1", "是", "有", "包含", "on"}
NO = {"false", "no", "n", "0", "否", "无", "没有", "不包含", "off"}
COMPOSITION_FIELDS = {"peer": "w_peer", "leader": "w_leader"}


def read_count(raw_holder: dict[str, Any], key: str, label: str, errors: Errors, prefix: str) -> int | None:
    return whole_number(raw_holder, key, label, errors, prefix=prefix, unit=" 次", what="（次数）")


def yes_no(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)):
        return bool(raw)
    if isinstance(raw, str):
        t = raw.strip().lower()
        if t in YES:
            return True
        if t in NO:
            return False
    return None


def values_holder(data: dict[str, Any], key: str, known: set[str], shape: str, noun: str,
            errors: Errors) -> tuple[dict[str, Any], str] | None:
    """Values come flat (`online: 85`) or under `key` (`components: {online: 85}`); nested ids must be known."""
    nested = data.get(key)
    if nested is None:
        return data, "input"
    if not isinstance(nested, dict):
        errors.add(f"input.{key}", f"{key} 必须是“{shape}”的映射。")
        return None
    for k in nested:
        if k not in known:
            errors.add(f"input.{key}.{k}", f"本文件没有“{k}”这一{noun}，请只填本文件列出的{noun}。")
    return nested, f"input.{key}"


def read_components(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> dict[str, Decimal]:
    found = values_holder(data, "components", {c["id"] for c in section["components"]["value"]}, "环节 id: 分数", "考核环节",
                    errors)
    if found is None:
        return {}
    holder, prefix = found
    out: dict[str, Decimal] = {}
    for comp in section["components"]["value"]:
        v = number(holder, comp["id"], f"{comp['label']}得分", errors, prefix=prefix, maximum=100, unit=" 分")
        if v is not None:
            out[comp["id"]] = D(v)
    return out


def read_weights(data: dict[str, Any], parts: list[dict[str, Any]], errors: Errors) -> dict[str, Decimal] | None:
    """The weights the document leaves open: `weights: {peer, leader}` or flat `w_peer`/`w_leader`.

    Fractions (0.4, 0.6) or percentages (40, 60); either way they must add up to the whole."""
    flat = any(COMPOSITION_FIELDS.get(p["id"], "") in data for p in parts)
    raw: dict[str, Any] = {}
    if flat:
        holder, prefix, names = data, "input", {p["id"]: COMPOSITION_FIELDS.get(p["id"], f"w_{p['id']}") for p in parts}
    else:
        nested = data.get("weights")
        if nested is None:
            labels = "、".join(p["label"] for p in parts)
            errors.add("input.weights", f"文件没有规定{labels}各占多少，请填写两部分的权重（合计 100%），例如各 50%。")
            return None
        if not isinstance(nested, dict):
            errors.add("input.weights", "weights 必须写成 {\"peer\": 权重, \"leader\": 权重}。")
            return None
        holder, prefix, names = nested, "input.weights", {p["id"]: p["id"] for p in parts}
    got: dict[str, Decimal] = {}
    for p in parts:
        key = names[p["id"]]
        text = holder.get(key)
        if isinstance(text, str):
            text = text.strip().removesuffix("%").removesuffix("％").strip()
        raw[key] = text
        label = f"{p['label']}的权重"
        v = number({key: text}, key, label, errors, prefix=prefix, maximum=100)
        if v is not None:
            got[p["id"]] = D(v)
    if len(got) != len(parts):
        return None
    total = sum(got.values(), Decimal(0))
    if all(w <= 1 for w in got.values()) and total == 1:
        return got
    if total == 100:
        return {k: w / 100 for k, w in got.items()}
    where = "input.weights" if not flat else f"input.{names[parts[0]['id']]}"
    shown = " + ".join(fmt(float(w)) for w in got.values())
    errors.add(where, f"两部分权重之和必须是 100%（或 1），现在是 {shown} = {fmt(float(total))}。")
    return None


def read_deductions(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> dict[str, int]:
    items = rule_value(section, "deductions") or []
    found = values_holder(data, "deductions", {d["id"] for d in items}, "扣分项 id: 次数", "扣分项", errors)
    if found is None:
        return {}
    holder, prefix = found
    out: dict[str, int] = {}
    for d in items:
        n = read_count(holder, d["id"], f"{d['label']}的次数", errors, prefix)
        if n:
            out[d["id"]] = n
    return out


def area_items(section: dict[str, Any]) -> dict[str, tuple[dict[str, Any], int]]:
    """Item ids as the form and the URL write them: <area id><1-based number>, e.g. prep1, teaching3."""
    out: dict[str, tuple[dict[str, Any], int]] = {}
    for area in rule_value(section, "standard_areas") or []:
        for i, _ in enumerate(area.get("items") or [], start=1):
            out[f"{area['id']}{i}"] = (area, i)
    return out


def read_areas(section: dict[str, Any], data: dict[str, Any], errors: Errors) -> dict[str, list[int]] | None:
    raw = data.get("areas")
    if raw is None or raw == "":
        return None
    areas = rule_value(section, "standard_areas")
    if not areas:
        errors.add("input.areas", "本文件没有五方面考核标准，不能填写 areas。")
        return None
    by_id = {a["id"]: a for a in areas}
    items = area_items(section)
    present: dict[str, list[int]] = {a["id"]: [] for a in areas}
    bad: list[str] = []
    if isinstance(raw, str):
        raw = [t for t in raw.replace("，", ",").replace(";", ",").replace(" ", ",").split(",") if t]
    if isinstance(raw, list):
        for token in raw:
            hit = items.get(str(token).strip())
            if hit is None:
                bad.append(str(token)[:20])
            elif hit[1] not in present[hit[0]["id"]]:
                present[hit[0]["id"]].append(hit[1])
    elif isinstance(raw, dict):
        for key, v in raw.items():
            area = by_id.get(key)
            if area is None:
                bad.append(str(key)[:20])
                continue
            size = len(area.get("items") or [])
            if isinstance(v, bool):
                present[key] = [1] if v else []
            elif isinstance(v, int) and 0 <= v <= size:
                present[key] = list(range(1, v + 1))
            elif isinstance(v, list) and all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= size
                                             for i in v):
                present[key] = sorted(set(v))
            else:
                errors.add(f"input.areas.{key}", f"{area['label']}应填写包含的项目序号（1–{size}）或项目数。")
    else:
        errors.add("input.areas", "areas 应是项目编号的列表，例如 [\"prep1\", \"teaching2\"]。")
        return None
    if bad:
        errors.add("input.areas", f"不认识这些考核项目：{'、'.join(bad)}。项目编号如 {', '.join(list(items)[:3])}。")
        return None
    return present
