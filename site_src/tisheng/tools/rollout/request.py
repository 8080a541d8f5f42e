"""Reading the rest of the request: mode, pilot year, base, tolerance, the groups (plan) or the table (check)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...core.inputs import Errors, number
from .context import Ctx
from .values import BASES, MAX_GROUPS, MAX_TOLERANCE, MODES, YEAR_MAX, YEAR_MIN, a_list, blank, name_of
from .values import read_year, show, whole


def read_common(
    data: dict[str, Any], ctx: Ctx, errors: Errors, defaults: list[str]
) -> tuple[str, str | None, str, float]:
    raw_mode = data.get("mode")
    mode = "plan"
    if not blank(raw_mode):
        mode = str(raw_mode).strip().lower() if isinstance(raw_mode, str) else ""
        if mode not in MODES:
            errors.add("input.mode", "模式只能是 plan（按比例排名额）或 check（核对已公布的任务表）。")
            mode = "plan"

    pilot_year: str | None = None
    raw_py = data.get("pilot_year")
    if not blank(raw_py):
        pilot_year = read_year(raw_py)
        if pilot_year is None:
            errors.add("input.pilot_year", f"试点年份“{show(raw_py)}”不是 {YEAR_MIN}—{YEAR_MAX} 之间的四位年份。")

    raw_base = data.get("share_base")
    if blank(raw_base):
        base = ctx.base_reading or "after_pilot"
        if ctx.base_reading:
            defaults.append("share_base")
    else:
        base = str(raw_base).strip() if isinstance(raw_base, str) else ""
        if base not in BASES:
            errors.add(
                "input.share_base",
                "比例基数只能是“以试点后剩余人数为基数”或“以全部人数为基数”。",
            )
            base = "after_pilot"

    tolerance = number(data, "tolerance", "允许误差", errors, required=False, maximum=MAX_TOLERANCE, unit=f" {ctx.unit}")
    return mode, pilot_year, base, 1.0 if tolerance is None else tolerance


def read_groups(
    data: dict[str, Any], ctx: Ctx, errors: Errors, defaults: list[str]
) -> list[dict[str, Any]] | None:
    raw = data.get("groups")
    if blank(raw):
        table = ctx.table()
        if table:
            defaults.append("groups")
            return [
                {"name": r["name"], "name_simplified": r.get("name_simplified"), "teachers": int(r["teachers"])}
                for r in table
            ]
        errors.add("input.groups", f"请填写参加推进的区县或学校及其{ctx.noun}数。")
        return None
    if not a_list(raw, "input.groups", errors, "groups 必须是一个列表，每项写 name（名称）和 teachers（人数）。",
                  MAX_GROUPS, f"最多 {MAX_GROUPS} 个单位，现在有 {{n}} 个；请分批计算。"):
        return None
    groups: list[dict[str, Any]] = []
    bad: list[int] = []
    for row in _rows(raw, "input.groups", "第 {} 个单位", "个单位", "{name, teachers}", ctx, errors, bad):
        item, who, teachers = row.item, row.who, row.teachers
        pilot = whole(item, "pilot", f"{who}的试点名额", errors, prefix=row.field, unit=ctx.unit, required=False)
        if teachers is not None and pilot is not None and pilot > teachers:
            errors.add(f"{row.field}.pilot", f"{who}的试点名额 {pilot} 不能多于其{ctx.noun}数 {teachers}。")
            bad.append(row.index)
        if teachers is None or (item.get("pilot") not in (None, "") and pilot is None):
            bad.append(row.index)
            continue
        group: dict[str, Any] = {"name": row.name, "teachers": teachers}
        if "pilot" in item:
            group["pilot"] = pilot or 0
        groups.append(group)
    return None if bad else groups


@dataclass
class _Row:
    index: int
    field: str
    item: dict[str, Any]
    name: str | None
    who: str  # how messages call the row: its name, or its place
    teachers: int | None


def _rows(raw: list[Any], field: str, place: str, unit: str, shape: str, ctx: Ctx, errors: Errors,
          bad: list[int]) -> Iterator[_Row]:
    """Each row that is a mapping, with its unique name and head count, in order (so errors come row by row); the
    index of every row that is not a mapping or has no usable name goes into ``bad``."""
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        p, who = f"{field}[{i}]", place.format(i + 1)
        if not isinstance(item, dict):
            errors.add(p, f"{who}必须写成 {shape}。")
            bad.append(i)
            continue
        name = _unique_name(item, i, seen, errors, p, who, unit)
        if name is None:
            bad.append(i)
        who = f"“{name}”" if name else who
        teachers = whole(item, "teachers", f"{who}的{ctx.noun}数", errors, prefix=p, unit=ctx.unit)
        yield _Row(i, p, item, name, who, teachers)


def _unique_name(item: dict[str, Any], i: int, seen: dict[str, int], errors: Errors, prefix: str, who: str,
                 unit: str) -> str | None:
    """A row's name: present and not used by an earlier row (``seen`` maps names to their row index)."""
    name = name_of(item.get("name"))
    if name is None:
        errors.add(f"{prefix}.name", f"请填写{who}的名称。")
    elif name in seen:
        errors.add(f"{prefix}.name", f"“{name}”与第 {seen[name] + 1} {unit}重复，名称不能重复。")
        return None
    else:
        seen[name] = i
    return name


def read_table(
    raw: Any, ctx: Ctx, errors: Errors, years: list[str] | None, pilot_year: str | None, prefix: str
) -> list[dict[str, Any]] | None:
    if not isinstance(raw, list) or not raw:
        errors.add(prefix, "任务表至少要有一行，每行写名称、教师人数和各年名额。")
        return None
    if len(raw) > MAX_GROUPS:
        errors.add(prefix, f"任务表最多 {MAX_GROUPS} 行，现在有 {len(raw)} 行。")
        return None
    allowed = set(years or []) | ({pilot_year} if pilot_year else set())
    rows: list[dict[str, Any]] = []
    bad: list[int] = []
    for row in _rows(raw, prefix, "任务表第 {} 行", "行", "{name, teachers, by_year}", ctx, errors, bad):
        cells, cells_ok = _cells(row.item.get("by_year"), row.who, row.field, ctx, errors, years, allowed, pilot_year)
        if not cells_ok or row.teachers is None:
            bad.append(row.index)
        out: dict[str, Any] = {"name": row.name, "teachers": row.teachers, "cells": cells}
        if name_of(row.item.get("name_simplified")):
            out["name_simplified"] = name_of(row.item.get("name_simplified"))
        rows.append(out)
    return None if bad else rows


def _cells(by_year: Any, who: str, p: str, ctx: Ctx, errors: Errors, years: list[str] | None, allowed: set[str],
           pilot_year: str | None) -> tuple[dict[str, int], bool]:
    """A table row's quotas by year (a blank cell is 0), and whether every one was readable."""
    cells: dict[str, int] = {}
    if not isinstance(by_year, dict):
        errors.add(f"{p}.by_year", f"请填写{who}各年的名额（by_year），例如 {{\"2015\": 600}}。")
        return cells, False
    ok = True
    for key, value in by_year.items():
        y = read_year(key)
        field_name = f"{p}.by_year.{key}"
        if y is None:
            errors.add(field_name, f"{who}的列“{show(key)}”不是年份。")
            ok = False
            continue
        if years is not None and y not in allowed:
            hint = "；如果这是试点年份，请在“试点年份”中填写" if not pilot_year else ""
            errors.add(
                field_name,
                f"{who}的年份 {y} 既不是推进年份（{'、'.join(years)}）也不是试点年份{hint}。",
            )
            ok = False
            continue
        if blank(value):
            cells[y] = 0
            continue
        got = whole({str(key): value}, str(key), f"{who}{y}年的名额", errors, prefix=f"{p}.by_year", unit=ctx.unit)
        if got is None:
            ok = False
        else:
            cells[y] = got
    return cells, ok
