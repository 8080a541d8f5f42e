"""名额分配: split a programme's teachers (or schools) over its years by the shares a plan states, or check a
published quota table against those shares.

Two modes share one input:
- ``plan``: groups (districts or schools) with their teacher counts, the years and the shares, optional pilot
  quotas taken first. The answer is a quota table whose every row adds up to the group's teachers and whose every
  year adds up to the largest-remainder rounding of that year's share — see :func:`controlled_rounding`.
- ``check``: a published table (or, for a profile that has one, the document's own table) against the shares it
  claims; a year fails when it is more than ``tolerance`` people (default 1) away from its share, a row fails when
  its years do not add up to its teachers.

Shares may be fractions (0.3), percents (30) or text ("30%"): text ending in % is a percent; plain numbers are
read as percents when any of them is above 1, and as fractions otherwise. They must add up to 100%.
"""

from __future__ import annotations

import heapq
import re
from fractions import Fraction
from math import lcm
from typing import Any

from .. import snapshot
from ..inputs import Errors, number
from ..model import Finding, cite, finding, fmt, in_force, pct

MODES = {"plan": "排名额", "check": "核对任务表"}
BASES = {"after_pilot": "以试点后剩余人数为基数", "all_teachers": "以全部人数为基数"}
MAX_GROUPS = 2000
MAX_YEARS = 20
MAX_TEACHERS = 1_000_000
MAX_TOLERANCE = 1_000_000.0
SHARE_SLACK = Fraction(1, 10**9)
YEAR_MIN, YEAR_MAX = 1990, 2100
SHARE_RULE = "比例可以写小数（0.3）、百分数（30）或带百分号（“30%”）：带 % 的按百分数；不带 % 的数只要有一个大于 1 就都按百分数，否则都按小数。"
PILOT_KINDS = {"demonstration_schools": "示范校", "weak_schools": "薄弱学校", "schools": "学校", "teachers": "教师"}
_YEAR_RE = re.compile(r"^(\d{4})\s*年?$")
_DECIMAL_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+|\d+/[1-9]\d*)$")  # 0.3, 30, .5, 1/3


# ---------------------------------------------------------------------------------------------------------------
# Rounding (pure integer arithmetic; no input checks here)


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Split the whole number ``total`` in proportion to non-negative integer ``weights`` (sum > 0).

    Every part gets the floor of its exact value; the people left over (fewer than the number of parts) go one each
    to the largest remainders, earlier parts first on equal remainders. The parts add up to ``total`` exactly and
    each is the floor or the ceiling of its exact value.
    """
    q = sum(weights)
    floors = [total * w // q for w in weights]
    rems = [total * w % q for w in weights]
    extra = total - sum(floors)
    for j in sorted(range(len(weights)), key=lambda j: (-rems[j], j))[:extra]:
        floors[j] += 1
    return floors


def controlled_rounding(rows: list[int], weights: list[int]) -> list[list[int]]:
    """A whole-number table ``x`` for the exact table ``a[i][j] = rows[i] * weights[j] / sum(weights)``.

    Guarantees, for any non-negative whole ``rows`` and non-negative integer ``weights`` with a positive sum:
    - every row adds up exactly: ``sum(x[i]) == rows[i]``;
    - every column adds up exactly to ``largest_remainder(sum(rows), weights)[j]``;
    - every cell is a whole number ≥ 0, and a cell whose weight is 0 stays 0;
    - every cell is the floor or the ceiling of its exact value whenever any table with these sums allows it.

    Method. 1) Each row is rounded on its own: floors first, then its leftover people to the cells whose column is
    furthest behind its exact running total (earlier rows and years first on ties), so row sums are exact from the
    start and column sums are already close. 2) Column sums are repaired by augmenting paths: a unit is moved, inside
    one row, from a column that is over its total to another column, and onwards until it reaches a column that is
    under. Each move keeps every row sum, and each path lowers the total excess by exactly one, so the repair ends.
    Paths first use only moves that keep every cell at its floor or ceiling; that search is Ford–Fulkerson on the
    transportation network "row → cell (capacity 1) → column", so when it finds no path, no table of that kind
    exists (max-flow/min-cut). Only then may a move leave that band (fewest such cells per path, by Dijkstra): from an
    over column some row has a positive cell, and any under column has a positive weight, so such a path always exists.
    The result is fully determined by the input order: rows, then years, first on every tie.
    """
    n_cols = len(weights)
    q = sum(weights)
    exact = [[r * w for w in weights] for r in rows]  # a[i][j] × q
    floor = [[v // q for v in row] for row in exact]
    rem = [[v % q for v in row] for row in exact]
    x: list[list[int]] = []
    behind = [0] * n_cols  # (exact running total − rounded running total) × q, per column
    for i, r in enumerate(rows):
        cells = list(floor[i])
        left = r - sum(cells)
        order = sorted((j for j in range(n_cols) if rem[i][j]), key=lambda j: (-(behind[j] + rem[i][j]), j))
        for j in order[:left]:
            cells[j] += 1
        for j in range(n_cols):
            behind[j] += exact[i][j] - cells[j] * q
        x.append(cells)

    want = largest_remainder(sum(rows), weights)
    have = [sum(x[i][j] for i in range(len(rows))) for j in range(n_cols)]
    excess = [have[j] - want[j] for j in range(n_cols)]
    while any(e > 0 for e in excess):
        path = _path(x, floor, rem, exact, q, weights, excess, strict=True)
        if path is None:
            path = _path(x, floor, rem, exact, q, weights, excess, strict=False)
        assert path is not None  # proved in the docstring; never reached
        for i, j, k in path:
            x[i][j] -= 1
            x[i][k] += 1
        excess[path[0][1]] -= 1
        excess[path[-1][2]] += 1
    return x


def _path(
    x: list[list[int]],
    floor: list[list[int]],
    rem: list[list[int]],
    exact: list[list[int]],
    q: int,
    weights: list[int],
    excess: list[int],
    *,
    strict: bool,
) -> list[tuple[int, int, int]] | None:
    """Shortest chain of in-row moves (row, from column, to column) from an over column to an under column."""
    n_cols = len(weights)
    # best[j][k] = (cost, l1_change, row): the cheapest row in which one person can move from year j to year k.
    best: list[list[tuple[int, int, int] | None]] = [[None] * n_cols for _ in range(n_cols)]
    for i, cells in enumerate(x):
        if strict:
            downs = [j for j in range(n_cols) if cells[j] > floor[i][j]]
            ups = [k for k in range(n_cols) if cells[k] < floor[i][k] + (1 if rem[i][k] else 0)]
        else:
            downs = [j for j in range(n_cols) if cells[j] > 0]
            ups = [k for k in range(n_cols) if weights[k] > 0]
        if not downs or not ups:
            continue
        for j in downs:
            d_cost = 1 if cells[j] - 1 < floor[i][j] else 0
            d_l1 = abs((cells[j] - 1) * q - exact[i][j]) - abs(cells[j] * q - exact[i][j])
            for k in ups:
                if k == j:
                    continue
                u_cost = 1 if cells[k] + 1 > floor[i][k] + (1 if rem[i][k] else 0) else 0
                u_l1 = abs((cells[k] + 1) * q - exact[i][k]) - abs(cells[k] * q - exact[i][k])
                cand = (d_cost + u_cost, d_l1 + u_l1, i)
                cur = best[j][k]
                if cur is None or cand < cur:
                    best[j][k] = cand
    # Dijkstra over at most MAX_YEARS columns (edge cost 0, 1 or 2 = cells pushed out of their band).
    dist: list[int | None] = [None] * n_cols
    parent: list[tuple[int, int] | None] = [None] * n_cols  # (previous column, row)
    heap: list[tuple[int, int]] = []
    for j in range(n_cols):
        if excess[j] > 0:
            dist[j] = 0
            heap.append((0, j))
    heapq.heapify(heap)
    done = [False] * n_cols
    while heap:
        d, j = heapq.heappop(heap)
        if done[j]:
            continue
        done[j] = True
        if excess[j] < 0:
            moves: list[tuple[int, int, int]] = []
            k = j
            while (step := parent[k]) is not None:
                prev, row = step
                moves.append((row, prev, k))
                k = prev
            moves.reverse()
            return moves
        for k in range(n_cols):
            edge = best[j][k]
            if edge is None or done[k]:
                continue
            nd = d + edge[0]
            old = dist[k]
            if old is None or nd < old:
                dist[k] = nd
                parent[k] = (j, edge[2])
                heapq.heappush(heap, (nd, k))
    return None


def within_rounding(x: list[list[int]], rows: list[int], weights: list[int]) -> bool:
    """Is every cell the floor or the ceiling of its exact proportional value?"""
    q = sum(weights)
    return all(r * w // q <= v <= -(-r * w // q) for r, row in zip(rows, x) for w, v in zip(weights, row))


# ---------------------------------------------------------------------------------------------------------------
# Input reading: every problem collected, in Chinese, never raised


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "") or (isinstance(raw, (list, dict)) and not raw)


def _show(raw: Any) -> str:
    """A short, safe echo of what was typed, for messages."""
    if isinstance(raw, str):
        return raw[:20]
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**15:
        return "（过大的数）"
    try:
        return str(raw)[:20]
    except (ValueError, TypeError, OverflowError):
        return "（无法显示）"


def read_year(raw: Any) -> str | None:
    """2015, "2015", " 2015年 " → "2015"; anything else → None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        return str(raw) if YEAR_MIN <= raw <= YEAR_MAX else None
    text = raw.strip() if isinstance(raw, str) else ""
    m = _YEAR_RE.match(text)
    if not m or not YEAR_MIN <= int(m.group(1)) <= YEAR_MAX:
        return None
    return m.group(1)


def _whole(
    data: dict[str, Any],
    key: str,
    label: str,
    errors: Errors,
    *,
    prefix: str,
    unit: str,
    required: bool = True,
    maximum: int = MAX_TEACHERS,
) -> int | None:
    value = number(data, key, label, errors, prefix=prefix, required=required, maximum=maximum, unit=f" {unit}")
    if value is None:
        return None
    if not value.is_integer():
        errors.add(f"{prefix}.{key}", f"{label}必须是整数（现在是 {fmt(value)}）。")
        return None
    return int(value)


def _share_text(raw: Any) -> tuple[Fraction, bool] | None:
    """One share as (number, written with %); None when it is not a number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Fraction(raw), False
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None
        return Fraction(repr(raw)), False
    if not isinstance(raw, str):
        return None
    text = raw.strip().replace("，", ".").replace("．", ".")
    is_pct = text.endswith(("%", "％"))
    if is_pct:
        text = text[:-1].strip()
    if len(text) > 40 or not _DECIMAL_RE.match(text):
        return None
    return Fraction(text), is_pct


def read_shares(raw: list[Any], errors: Errors, field_name: str = "input.shares") -> list[Fraction] | None:
    """Shares as exact fractions of 1, checked to add up to 100% (± 1e-9) and scaled to add up to exactly 1."""
    parsed: list[tuple[Fraction, bool] | None] = []
    bad = False
    for j, item in enumerate(raw):
        got = _share_text(item)
        if got is None:
            errors.add(f"{field_name}[{j}]", f"第 {j + 1} 个比例“{_show(item)}”不是数字。{SHARE_RULE}")
            bad = True
        elif got[0] < 0:
            errors.add(f"{field_name}[{j}]", f"第 {j + 1} 个比例不能是负数。")
            bad = True
        elif got[0] > 100:
            errors.add(f"{field_name}[{j}]", f"第 {j + 1} 个比例“{_show(item)}”超过了 100%。")
            bad = True
        parsed.append(got)
    if bad:
        return None
    pairs = [g for g in parsed if g is not None]
    plain_as_pct = any(not is_pct and v > 1 for v, is_pct in pairs)
    values = [v / 100 if (is_pct or plain_as_pct) else v for v, is_pct in pairs]
    total = sum(values, Fraction(0))
    if abs(total - 1) > SHARE_SLACK:
        read_as = "、".join(pct(float(v)) for v in values)
        errors.add(
            field_name,
            f"各年比例之和必须是 100%，现在按 {read_as} 理解，合计 {pct(float(total))}。{SHARE_RULE}",
        )
        return None
    return [v / total for v in values]


def _name(raw: Any) -> str | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int) and abs(raw) < 10**15:
        raw = str(raw)
    elif isinstance(raw, float) and abs(raw) < 1e15:
        raw = fmt(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    return text or None


# ---------------------------------------------------------------------------------------------------------------
# The tool


class _Ctx:
    """What the profile says about rollout, read once."""

    def __init__(self, profile: dict[str, Any]) -> None:
        self.profile = profile
        self.section: dict[str, Any] = profile.get("rollout") or {}
        self.title = str(profile.get("short_title") or profile.get("title") or profile.get("id"))
        basis = in_force(self.section, "basis")
        self.schools = bool(basis and basis["value"] == "schools")
        self.noun = "学校" if self.schools else "教师"
        self.unit = "所" if self.schools else "人"
        shares = in_force(self.section, "shares")
        self.shares: dict[str, Any] = {}
        if shares and isinstance(shares["value"], dict):
            self.shares = {str(k): v for k, v in shares["value"].items()}
        pilot = in_force(self.section, "pilot")
        self.pilot_year: str | None = None
        self.pilot_groups: dict[str, int] = {}
        self.pilot_names: list[str] = []
        if pilot and isinstance(pilot["value"], dict):
            # Only a pilot given group by group (广安: 华蓥市 and 武胜县) is taken first; counts of pilot schools
            # (江苏) say nothing about which group they belong to and are shown as a note instead.
            for g in pilot["value"].get("groups") or []:
                if isinstance(g, dict) and isinstance(g.get("teachers"), int):
                    self.pilot_names.append(str(g.get("name_simplified") or g.get("name")))
                    for key in ("name", "name_simplified"):
                        if g.get(key):
                            self.pilot_groups[str(g[key])] = int(g["teachers"])
            if self.pilot_groups:
                self.pilot_year = read_year(pilot["value"].get("year"))
        base = in_force(self.section, "share_base")
        self.base_reading = str(base.get("reading")) if base and base.get("reading") in BASES else None

    def table(self) -> list[dict[str, Any]] | None:
        rule = in_force(self.section, "table")
        if not rule:
            return None
        stem = str(rule["value"]).rsplit(".", 1)[0]
        found = snapshot.load().get("tables", {}).get(stem)
        if not isinstance(found, dict):
            return None
        rows: list[dict[str, Any]] = []
        for row in found.get("rows") or []:
            years = {k: v for k, v in row.items() if read_year(k) is not None}
            rows.append(
                {
                    "name": row.get("name"),
                    "name_simplified": row.get("name_simplified"),
                    "teachers": row.get("teachers"),
                    "by_year": years,
                }
            )
        return rows


def _parse_years(raw: Any, errors: Errors) -> list[str] | None:
    if _blank(raw):
        errors.add("input.years", "请填写推进年份，例如 2015、2016、2017。")
        return None
    if not isinstance(raw, list):
        errors.add("input.years", "推进年份必须是一个列表，例如 [2015, 2016, 2017]。")
        return None
    if len(raw) > MAX_YEARS:
        errors.add("input.years", f"推进年份最多 {MAX_YEARS} 个，现在有 {len(raw)} 个。")
        return None
    years: list[str] = []
    ok = True
    for j, item in enumerate(raw):
        y = read_year(item)
        if y is None:
            errors.add(f"input.years[{j}]", f"第 {j + 1} 个年份“{_show(item)}”不是 {YEAR_MIN}—{YEAR_MAX} 之间的四位年份。")
            ok = False
        elif y in years:
            errors.add(f"input.years[{j}]", f"年份 {y} 重复了，每个年份只能出现一次。")
            ok = False
        else:
            years.append(y)
    return years if ok else None


def _read_years_shares(
    data: dict[str, Any], ctx: _Ctx, errors: Errors, defaults: list[str]
) -> tuple[list[str] | None, list[Fraction] | None]:
    raw_years = data.get("years")
    raw_shares = data.get("shares")
    share_map: dict[str, Any] | None = None
    if isinstance(raw_shares, dict) and raw_shares:
        share_map = {}
        for key, value in raw_shares.items():
            y = read_year(key)
            if y is None or y in share_map:
                errors.add(
                    f"input.shares.{key}",
                    f"按年份填写比例时，每个键必须是不重复的年份，例如 {{\"2015\": 0.3}}；“{_show(key)}”不行。",
                )
                return _parse_years(raw_years, errors) if not _blank(raw_years) else None, None
            share_map[y] = value
        if len(share_map) > MAX_YEARS:
            errors.add("input.shares", f"比例最多 {MAX_YEARS} 个，现在有 {len(share_map)} 个。")
            return None, None

    if _blank(raw_years) and _blank(raw_shares) and ctx.shares:
        raw_years, raw_shares = list(ctx.shares), list(ctx.shares.values())
        defaults.extend(["years", "shares"])
    elif _blank(raw_years) and share_map is not None:
        raw_years = list(share_map)
    elif _blank(raw_years) and isinstance(raw_shares, list) and ctx.shares and len(raw_shares) == len(ctx.shares):
        raw_years = list(ctx.shares)
        defaults.append("years")
    years = _parse_years(raw_years, errors)

    if _blank(raw_shares) and years is not None and ctx.shares:
        if set(years) == set(ctx.shares):
            raw_shares = [ctx.shares[y] for y in years]
            defaults.append("shares")
        else:
            errors.add(
                "input.shares",
                f"请填写各年比例（《{ctx.title}》的比例只写到 {'、'.join(ctx.shares)} 年，与所填年份不同）。{SHARE_RULE}",
            )
            return years, None
    if share_map is not None:
        if years is None:
            return None, None
        if set(share_map) != set(years):
            missing = [y for y in years if y not in share_map]
            extra = [y for y in share_map if y not in years]
            errors.add(
                "input.shares",
                "比例的年份与推进年份不一致"
                + (f"：缺少 {'、'.join(missing)} 年" if missing else "")
                + (f"；多出 {'、'.join(extra)} 年" if extra else "")
                + "。",
            )
            return years, None
        raw_shares = [share_map[y] for y in years]

    if _blank(raw_shares):
        errors.add("input.shares", f"请填写各年比例，例如 30%、35%、35%。{SHARE_RULE}")
        return years, None
    if not isinstance(raw_shares, list):
        errors.add("input.shares", f"各年比例必须是一个列表，例如 [0.3, 0.35, 0.35]。{SHARE_RULE}")
        return years, None
    if len(raw_shares) > MAX_YEARS:
        errors.add("input.shares", f"比例最多 {MAX_YEARS} 个，现在有 {len(raw_shares)} 个。")
        return years, None
    shares = read_shares(raw_shares, errors)
    if isinstance(raw_years, list) and len(raw_years) != len(raw_shares):
        errors.add(
            "input.shares",
            f"比例的个数（{len(raw_shares)}）必须与年份的个数（{len(raw_years)}）相同：每年一个比例。",
        )
        return years, None
    return years, shares


def _read_common(
    data: dict[str, Any], ctx: _Ctx, errors: Errors, defaults: list[str]
) -> tuple[str, str | None, str, float]:
    raw_mode = data.get("mode")
    mode = "plan"
    if not _blank(raw_mode):
        mode = str(raw_mode).strip().lower() if isinstance(raw_mode, str) else ""
        if mode not in MODES:
            errors.add("input.mode", "模式只能是 plan（按比例排名额）或 check（核对已公布的任务表）。")
            mode = "plan"

    pilot_year: str | None = None
    raw_py = data.get("pilot_year")
    if not _blank(raw_py):
        pilot_year = read_year(raw_py)
        if pilot_year is None:
            errors.add("input.pilot_year", f"试点年份“{_show(raw_py)}”不是 {YEAR_MIN}—{YEAR_MAX} 之间的四位年份。")

    raw_base = data.get("share_base")
    if _blank(raw_base):
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


def _read_groups(
    data: dict[str, Any], ctx: _Ctx, errors: Errors, defaults: list[str]
) -> list[dict[str, Any]] | None:
    raw = data.get("groups")
    if _blank(raw):
        table = ctx.table()
        if table:
            defaults.append("groups")
            return [
                {"name": r["name"], "name_simplified": r.get("name_simplified"), "teachers": int(r["teachers"])}
                for r in table
            ]
        errors.add("input.groups", f"请填写参加推进的区县或学校及其{ctx.noun}数。")
        return None
    if not isinstance(raw, list):
        errors.add("input.groups", "groups 必须是一个列表，每项写 name（名称）和 teachers（人数）。")
        return None
    if len(raw) > MAX_GROUPS:
        errors.add("input.groups", f"最多 {MAX_GROUPS} 个单位，现在有 {len(raw)} 个；请分批计算。")
        return None
    groups: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    ok = True
    for i, item in enumerate(raw):
        prefix = f"input.groups[{i}]"
        if not isinstance(item, dict):
            errors.add(prefix, f"第 {i + 1} 个单位必须写成 {{name, teachers}}。")
            ok = False
            continue
        who = f"第 {i + 1} 个单位"
        name = _unique_name(item, i, seen, errors, prefix, who, "个单位")
        ok = ok and name is not None
        who = f"“{name}”" if name else who
        teachers = _whole(item, "teachers", f"{who}的{ctx.noun}数", errors, prefix=prefix, unit=ctx.unit)
        pilot = _whole(
            item, "pilot", f"{who}的试点名额", errors, prefix=prefix, unit=ctx.unit, required=False
        )
        if teachers is not None and pilot is not None and pilot > teachers:
            errors.add(f"{prefix}.pilot", f"{who}的试点名额 {pilot} 不能多于其{ctx.noun}数 {teachers}。")
            ok = False
        if teachers is None or (item.get("pilot") not in (None, "") and pilot is None):
            ok = False
            continue
        group: dict[str, Any] = {"name": name, "teachers": teachers}
        if "pilot" in item:
            group["pilot"] = pilot or 0
        groups.append(group)
    return groups if ok else None


def _unique_name(item: dict[str, Any], i: int, seen: dict[str, int], errors: Errors, prefix: str, who: str,
                 unit: str) -> str | None:
    """A row's name: present and not used by an earlier row (``seen`` maps names to their row index)."""
    name = _name(item.get("name"))
    if name is None:
        errors.add(f"{prefix}.name", f"请填写{who}的名称。")
    elif name in seen:
        errors.add(f"{prefix}.name", f"“{name}”与第 {seen[name] + 1} {unit}重复，名称不能重复。")
        return None
    else:
        seen[name] = i
    return name


def _read_table(
    raw: Any, ctx: _Ctx, errors: Errors, years: list[str] | None, pilot_year: str | None, prefix: str
) -> list[dict[str, Any]] | None:
    if not isinstance(raw, list) or not raw:
        errors.add(prefix, "任务表至少要有一行，每行写名称、教师人数和各年名额。")
        return None
    if len(raw) > MAX_GROUPS:
        errors.add(prefix, f"任务表最多 {MAX_GROUPS} 行，现在有 {len(raw)} 行。")
        return None
    allowed = set(years or []) | ({pilot_year} if pilot_year else set())
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    ok = True
    for i, item in enumerate(raw):
        p = f"{prefix}[{i}]"
        if not isinstance(item, dict):
            errors.add(p, f"任务表第 {i + 1} 行必须写成 {{name, teachers, by_year}}。")
            ok = False
            continue
        who = f"任务表第 {i + 1} 行"
        name = _unique_name(item, i, seen, errors, p, who, "行")
        ok = ok and name is not None
        who = f"“{name}”" if name else who
        teachers = _whole(item, "teachers", f"{who}的{ctx.noun}数", errors, prefix=p, unit=ctx.unit)
        by_year = item.get("by_year")
        cells: dict[str, int] = {}
        if not isinstance(by_year, dict):
            errors.add(f"{p}.by_year", f"请填写{who}各年的名额（by_year），例如 {{\"2015\": 600}}。")
            ok = False
        else:
            for key, value in by_year.items():
                y = read_year(key)
                field_name = f"{p}.by_year.{key}"
                if y is None:
                    errors.add(field_name, f"{who}的列“{_show(key)}”不是年份。")
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
                if _blank(value):
                    cells[y] = 0
                    continue
                got = _whole({str(key): value}, str(key), f"{who}{y}年的名额", errors, prefix=f"{p}.by_year", unit=ctx.unit)
                if got is None:
                    ok = False
                else:
                    cells[y] = got
        if teachers is None:
            ok = False
        row: dict[str, Any] = {"name": name, "teachers": teachers, "cells": cells}
        if _name(item.get("name_simplified")):
            row["name_simplified"] = _name(item.get("name_simplified"))
        rows.append(row)
    return rows if ok else None


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    ctx = _Ctx(profile)
    defaults: list[str] = []
    notes: list[dict[str, Any]] = []
    mode, pilot_year, base_reading, tolerance = _read_common(data, ctx, errors, defaults)
    years, shares = _read_years_shares(data, ctx, errors, defaults)

    if mode == "plan":
        groups = _read_groups(data, ctx, errors, defaults)
        table: list[dict[str, Any]] | None = None
    else:
        groups = None
        raw_table = data.get("table")
        from_profile = _blank(raw_table)
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
        table = None
        if raw_table is not None:
            if from_profile:
                defaults.append("table")
            table = _read_table(raw_table, ctx, errors, years, pilot_year, "input.table")

    pilot_from_profile = False
    if groups is not None:
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

    notes.extend(_notes(ctx, pilot_year, base_reading))
    if mode == "plan":
        assert groups is not None
        result = _plan(ctx, groups, years, shares, pilot_year, base_reading, pilot_from_profile)
    else:
        assert table is not None
        result = _check(ctx, table, years, shares, pilot_year, base_reading, tolerance, "table" in defaults)
    result["notes"] = notes + result.get("notes", [])
    result["defaults_from_profile"] = defaults
    return result


# ---------------------------------------------------------------------------------------------------------------
# Computing and wording


def _weights(shares: list[Fraction]) -> list[int]:
    q = lcm(*(s.denominator for s in shares))
    return [int(s * q) for s in shares]


def _points(pp: float) -> str:
    """Percentage points as a reader wants them: "−1.63 个百分点", or "不到 0.01 个百分点" for a rounding gap."""
    if abs(pp) < 0.005:
        return "不到 0.01 个百分点"
    return f"{'+' if pp > 0 else '−'}{abs(pp):.2f} 个百分点"


def _people(x: float | Fraction, unit: str) -> str:
    return f"{fmt(float(x))} {unit}"


def _share_rule(ctx: _Ctx, years: list[str], shares: list[Fraction]) -> dict[str, Any]:
    """The profile's shares rule when the shares used are the profile's own; otherwise nothing to cite."""
    rule = in_force(ctx.section, "shares")
    if not rule or list(ctx.shares) != years:
        return {}
    try:
        mine = [Fraction(repr(v)) if isinstance(v, float) else Fraction(v) for v in ctx.shares.values()]
    except (TypeError, ValueError):
        return {}
    total = sum(mine, Fraction(0))
    return rule if total and [m / total for m in mine] == shares else {}


def _deviations(
    years: list[str], shares: list[Fraction], totals: dict[str, int], base: int
) -> tuple[dict[str, float], dict[str, dict[str, Any]]]:
    targets: dict[str, float] = {}
    devs: dict[str, dict[str, Any]] = {}
    rounded = largest_remainder(base, _weights(shares)) if base > 0 else [0] * len(years)
    for y, s, r in zip(years, shares, rounded):
        target = s * base
        diff = totals[y] - target
        actual = Fraction(totals[y], base) if base else Fraction(0)
        targets[y] = float(target)
        devs[y] = {
            "total": totals[y],
            "share": float(s),
            "target": float(target),
            "target_rounded": r,
            "difference": float(diff),
            "actual_share": round(float(actual), 6),
            "percentage_points": round(float((actual - s) * 100), 2),
        }
    return targets, devs


def _year_finding(
    ctx: _Ctx, y: str, dev: dict[str, Any], base: int, base_label: str, rule: dict[str, Any], met: bool, limit: str
) -> Finding:
    diff = dev["difference"]
    if diff == 0:
        gap = "正好相等"
    else:
        gap = f"{'多' if diff > 0 else '少'} {_people(abs(diff), ctx.unit)}（{_points(dev['percentage_points'])}）"
    msg = (
        f"{y}年合计 {_people(dev['total'], ctx.unit)}，目标为 {pct(dev['share'])} × {base}（{base_label}）"
        f"= {_people(dev['target'], ctx.unit)}，{gap}；{limit}"
    )
    return finding(
        f"rollout.shares.{y}", rule, met, msg,
        year=y, required=dev["target"], actual=dev["total"], difference=diff,
        percentage_points=dev["percentage_points"],
    )


def _base(reading: str, total: int, pilot_total: int) -> int:
    return total - pilot_total if reading == "after_pilot" else total


def _base_label(ctx: _Ctx, reading: str, pilot_total: int) -> str:
    if not pilot_total:
        return f"全部{ctx.noun}"
    return f"试点后剩余{ctx.noun}" if reading == "after_pilot" else f"全部{ctx.noun}（含试点）"


def _base_finding(
    ctx: _Ctx, reading: str, total: int, pilot_total: int, years_total: int, years: list[str], is_plan: bool
) -> Finding:
    base = _base(reading, total, pilot_total)
    rule = in_force(ctx.section, "share_base") or {}
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    remaining = total - pilot_total
    if is_plan:
        met = base == remaining
        if met:
            msg = f"试点 {_people(pilot_total, ctx.unit)}之后剩余 {_people(remaining, ctx.unit)}，按比例分到{span}，与所选基数一致。"
        else:
            msg = (
                f"以全部{ctx.noun} {base} {ctx.unit}为基数，{span}的目标合计 {base} {ctx.unit}，但试点之后只剩 {remaining} "
                f"{ctx.unit}可排：这一读法与先行试点不能同时成立，名额只能按剩余的 {remaining} {ctx.unit}分配，"
                f"各年与目标的差见下。"
            )
    else:
        met = years_total == base
        rel = "等于" if met else ("多于" if years_total > base else "少于")
        msg = (
            f"表中{span}合计 {_people(years_total, ctx.unit)}，{rel}所选基数（{_base_label(ctx, reading, pilot_total)}）"
            f"{_people(base, ctx.unit)}。"
        )
    actual = remaining if is_plan else years_total
    return finding("rollout.share_base", rule, met, msg, required=base, actual=actual)


def _plan(
    ctx: _Ctx,
    groups: list[dict[str, Any]],
    years: list[str],
    shares: list[Fraction],
    pilot_year: str | None,
    reading: str,
    pilot_from_profile: bool,
) -> dict[str, Any]:
    pilots = [int(g.get("pilot") or 0) for g in groups]
    rows = [int(g["teachers"]) - p for g, p in zip(groups, pilots)]
    weights = _weights(shares)
    x = controlled_rounding(rows, weights)
    total, pilot_total = sum(int(g["teachers"]) for g in groups), sum(pilots)
    base = _base(reading, total, pilot_total)

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
    year_totals = _column_totals(quotas, years, pilot_year)
    targets, devs = _deviations(years, shares, year_totals, base)

    findings: list[Finding] = []
    if pilot_year and pilot_total:
        rule = (in_force(ctx.section, "pilot") or {}) if pilot_from_profile else {}
        who = "、".join(f"{g.get('name_simplified') or g['name']} {p} {ctx.unit}" for g, p in zip(groups, pilots) if p)
        findings.append(
            finding(
                "rollout.pilot", rule, True,
                f"{pilot_year}年先安排试点：{who}，共 {_people(pilot_total, ctx.unit)}；其余 "
                f"{_people(total - pilot_total, ctx.unit)}按比例分到各年。",
                actual=pilot_total,
            )
        )
    bad_rows = [q["name"] for q in quotas if sum(q["by_year"].values()) != q["teachers"]]
    findings.append(
        finding(
            "rollout.rows", _rows_rule(ctx), not bad_rows,
            f"{len(quotas)} 个单位中，每一个的各年名额之和都等于其{ctx.noun}数。" if not bad_rows
            else f"{'、'.join(bad_rows)} 的各年名额之和不等于{ctx.noun}数。",
        )
    )
    if pilot_total:
        findings.append(_base_finding(ctx, reading, total, pilot_total, sum(rows), years, True))
    share_rule = _share_rule(ctx, years, shares)
    label = _base_label(ctx, reading, pilot_total)
    for y in years:
        met = abs(devs[y]["difference"]) < 1
        limit = "已是整数名额能做到的最接近。" if met else "差额来自所选基数，见上。"
        findings.append(_year_finding(ctx, y, devs[y], base, label, share_rule, met, limit))

    status = "pass" if all(f["met"] for f in findings) else "fail"
    split = "、".join(pct(float(s)) for s in shares)
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    if status == "pass":
        summary = (
            f"已按{span} {split} 的比例为 {len(groups)} 个单位排出名额：每个单位各年之和等于其{ctx.noun}数，"
            f"每年合计与目标相差不到 1 {ctx.unit}。"
        )
    else:
        summary = (
            f"按{BASES[reading]}，{span} {split} 的目标合计 {base} {ctx.unit}，多于试点后可排的 "
            f"{total - pilot_total} {ctx.unit}；下表按剩余人数分配，各年与目标的差见各条结果。"
        )
    notes: list[dict[str, Any]] = []
    if not within_rounding(x, rows, weights):
        notes.append(
            {
                "rule": "rollout.rounding",
                "message": "个别单位某年的名额与其按比例的精确值相差 1 人以上：在这组人数下，这是让每个单位各年之和"
                "等于其人数、同时每年合计恰好等于比例目标的唯一办法。",
            }
        )
    return {
        "ok": True,
        "status": status,
        "mode": "plan",
        "notes": notes,
        "summary": summary,
        "findings": findings,
        "quotas": quotas,
        "year_totals": year_totals,
        "targets": targets,
        "deviations": devs,
        "base": _base_info(ctx, reading, total, pilot_total),
        "pilot_year": pilot_year,
        "within_rounding": within_rounding(x, rows, weights),
    }


def _rows_rule(ctx: _Ctx) -> dict[str, Any]:
    return in_force(ctx.section, "table") or in_force(ctx.section, "basis") or {}


def _column_totals(quotas: list[dict[str, Any]], years: list[str], pilot_year: str | None) -> dict[str, int]:
    cols = ([pilot_year] if pilot_year else []) + years
    return {y: sum(int(q["by_year"].get(y, 0)) for q in quotas) for y in cols}


def _base_info(ctx: _Ctx, reading: str, total: int, pilot_total: int) -> dict[str, Any]:
    return {
        "reading": reading,
        "label": BASES[reading],
        "total": total,
        "pilot": pilot_total,
        "value": _base(reading, total, pilot_total),
        "unit": ctx.unit,
    }


def _check(
    ctx: _Ctx,
    table: list[dict[str, Any]],
    years: list[str],
    shares: list[Fraction],
    pilot_year: str | None,
    reading: str,
    tolerance: float,
    from_profile: bool,
) -> dict[str, Any]:
    quotas: list[dict[str, Any]] = []
    bad_rows: list[str] = []
    for row in table:
        by_year: dict[str, int] = {}
        if pilot_year:
            by_year[pilot_year] = row["cells"].get(pilot_year, 0)
        by_year.update({y: row["cells"].get(y, 0) for y in years})
        row_total = sum(by_year.values())
        q: dict[str, Any] = {
            "name": row["name"], "by_year": by_year, "teachers": row["teachers"], "row_total": row_total
        }
        if row.get("name_simplified"):
            q["name_simplified"] = row["name_simplified"]
        quotas.append(q)
        if row_total != row["teachers"]:
            d = row_total - row["teachers"]
            bad_rows.append(
                f"{row['name']}（{ctx.noun} {row['teachers']} {ctx.unit}，各年合计 {row_total} {ctx.unit}，"
                f"{'多' if d > 0 else '少'} {abs(d)} {ctx.unit}）"
            )
    year_totals = _column_totals(quotas, years, pilot_year)
    total = sum(int(r["teachers"]) for r in table)
    pilot_total = year_totals.get(pilot_year, 0) if pilot_year else 0
    base = _base(reading, total, pilot_total)
    targets, devs = _deviations(years, shares, year_totals, base)

    findings: list[Finding] = []
    rows_rule = _rows_rule(ctx) if from_profile else (in_force(ctx.section, "basis") or {})
    shown = "；".join(bad_rows[:10]) + ("等" if len(bad_rows) > 10 else "")
    findings.append(
        finding(
            "rollout.rows", rows_rule, not bad_rows,
            f"表中 {len(quotas)} 行，每一行的各年名额之和都等于其{ctx.noun}数。" if not bad_rows
            else f"有 {len(bad_rows)} 行的各年名额之和不等于{ctx.noun}数：{shown}。",
            actual=len(quotas) - len(bad_rows), required=len(quotas),
        )
    )
    if from_profile and (rule := in_force(ctx.section, "table_totals")) and isinstance(rule["value"], dict):
        stated = {str(k): v for k, v in rule["value"].items()}
        computed: dict[str, int] = {"teachers": total, **year_totals}
        wrong = [k for k, v in stated.items() if computed.get(k) != v]
        findings.append(
            finding(
                "rollout.table_totals", rule, not wrong,
                "表中各列相加与原文合计行一致（"
                + "，".join(f"{k if k != 'teachers' else ctx.noun} {v}" for k, v in stated.items()) + "）。"
                if not wrong else "以下各列相加与原文合计行不一致：" + "、".join(
                    f"{k}（相加 {computed.get(k)}，合计行 {stated[k]}）" for k in wrong) + "。",
                required=stated, actual=computed,
            )
        )
    if pilot_total:
        years_total = sum(year_totals[y] for y in years)
        findings.append(_base_finding(ctx, reading, total, pilot_total, years_total, years, False))
    share_rule = _share_rule(ctx, years, shares)
    label = _base_label(ctx, reading, pilot_total)
    failing: list[str] = []
    for y in years:
        dev = devs[y]
        met = abs(dev["difference"]) <= tolerance
        limit = (
            f"在允许的 {fmt(tolerance)} {ctx.unit}误差之内。" if met
            else f"超出允许的 {fmt(tolerance)} {ctx.unit}误差（整数取整最多造成不到 1 {ctx.unit}的差）。"
        )
        findings.append(_year_finding(ctx, y, dev, base, label, share_rule, met, limit))
        if not met:
            diff = dev["difference"]
            failing.append(
                f"{y}年 {dev['total']} {ctx.unit}，按 {pct(dev['share'])} 应为 {fmt(dev['target'])} {ctx.unit}，"
                f"{'多' if diff > 0 else '少'} {fmt(abs(diff))} {ctx.unit}（{_points(dev['percentage_points'])}）"
            )

    suggested: list[dict[str, Any]] | None = None
    suggested_totals: dict[str, int] | None = None
    if all(int(q["by_year"].get(pilot_year, 0) if pilot_year else 0) <= int(q["teachers"]) for q in quotas):
        pilots = [int(q["by_year"].get(pilot_year, 0)) if pilot_year else 0 for q in quotas]
        rows = [int(q["teachers"]) - p for q, p in zip(quotas, pilots)]
        x = controlled_rounding(rows, _weights(shares))
        suggested = []
        for q, p, cells in zip(quotas, pilots, x):
            by_year = ({pilot_year: p} if pilot_year else {}) | dict(zip(years, cells))
            suggested.append({"name": q["name"], "by_year": by_year})
        suggested_totals = _column_totals(suggested, years, pilot_year)

    status = "pass" if all(f["met"] for f in findings) else "fail"
    if status == "pass":
        summary = f"任务表与所述比例一致：每行相加等于{ctx.noun}数，每年合计与比例目标相差不超过 {fmt(tolerance)} {ctx.unit}。"
    else:
        parts: list[str] = []
        if failing:
            parts.append(f"各年合计与所述比例不符（以{label} {base} {ctx.unit}为基数）：" + "；".join(failing))
        if bad_rows:
            parts.append(
                f"有 {len(bad_rows)} 行的各年名额之和不等于{ctx.noun}数：" + "；".join(bad_rows[:3])
                + ("等" if len(bad_rows) > 3 else "")
            )
        other = [
            f["rule"] for f in findings if not f["met"] and f["rule"] in ("rollout.table_totals", "rollout.share_base")
        ]
        if other and not parts:
            parts.append("表中合计与所选基数不一致")
        summary = "任务表未通过核对：" + "。".join(parts) + "。"
    return {
        "ok": True,
        "status": status,
        "mode": "check",
        "summary": summary,
        "findings": findings,
        "quotas": quotas,
        "year_totals": year_totals,
        "targets": targets,
        "deviations": devs,
        "tolerance": tolerance,
        "base": _base_info(ctx, reading, total, pilot_total),
        "pilot_year": pilot_year,
        "suggested": suggested,
        "suggested_year_totals": suggested_totals,
    }


def _notes(ctx: _Ctx, pilot_year: str | None, reading: str) -> list[dict[str, Any]]:
    """What the verdict is measured against, shown beside it: the base's readings, conflicts, pilots, deadline."""
    notes: list[dict[str, Any]] = []
    base = in_force(ctx.section, "share_base")
    if base and base.get("readings") and pilot_year:
        others = "；".join(
            str(r.get("label"))
            for r in base["readings"]
            if isinstance(r, dict) and r.get("id") != reading
        )
        notes.append(
            {
                "rule": "rollout.share_base",
                "message": f"比例的基数原文未写明。本次{BASES[reading]}；另一种读法是{others}。",
                "source": cite(base),
                "reading": reading,
            }
        )
    pilot = in_force(ctx.section, "pilot")
    if pilot and isinstance(pilot["value"], dict) and not pilot["value"].get("groups"):
        counts = "、".join(
            f"{PILOT_KINDS.get(k, k)} {v} {ctx.unit}"
            for k, v in pilot["value"].items()
            if k != "year" and isinstance(v, int)
        )
        notes.append(
            {
                "rule": "rollout.pilot",
                "message": f"文件另有 {pilot['value'].get('year')} 年的试点安排（{counts}），未说明是否计入当年比例，"
                "本工具不自动扣除。",
                "source": cite(pilot),
            }
        )
    for conflict in snapshot.load().get("conflicts") or []:
        if conflict.get("kind") == "table-mismatch" and ctx.profile.get("id") in (conflict.get("profiles") or []):
            notes.append(
                {
                    "rule": "conflict",
                    "conflict": conflict.get("id"),
                    "message": f"另见文件中的矛盾：{conflict.get('title')}。",
                }
            )
    if rule := in_force(ctx.section, "deadline"):
        notes.append(
            {
                "rule": "rollout.deadline",
                "message": f"推进须在 {rule['value']} 前完成。",
                "source": cite(rule),
                "inherited_from": rule.get("inherited_from"),
            }
        )
    return notes


# ---------------------------------------------------------------------------------------------------------------
# Download: the answer as an Excel workbook (the page's "下载 Excel" button; the CLI can call it too)


def _safe(value: Any) -> Any:
    """Text that starts like a formula gets an apostrophe, as in the batch tool's downloads."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        return "'" + value
    return value


def xlsx_rows(response: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The quota table as it is shown on the page: one row per group, then 合计, 比例目标 and 差额 rows."""
    noun = "学校数" if (response.get("base") or {}).get("unit") == "所" else "教师数"
    pilot_year = response.get("pilot_year")
    cols = list(response.get("year_totals") or {})
    header = ["名称", noun] + [f"{y}年（试点）" if y == pilot_year else f"{y}年" for y in cols] + ["各年合计"]
    rows: list[list[Any]] = []
    for q in response.get("quotas") or []:
        cells = [int(q["by_year"].get(y, 0)) for y in cols]
        rows.append([_safe(q["name"]), q["teachers"], *cells, sum(cells)])
    totals = [response["year_totals"][y] for y in cols]
    teachers = sum(int(q["teachers"]) for q in response.get("quotas") or [])
    rows.append(["合计", teachers, *totals, sum(totals)])
    devs = response.get("deviations") or {}
    rows.append(["比例目标", None, *[devs[y]["target"] if y in devs else None for y in cols], None])
    rows.append(["差额（合计−目标）", None, *[devs[y]["difference"] if y in devs else None for y in cols], None])
    rows.append(["偏差（百分点）", None, *[devs[y]["percentage_points"] if y in devs else None for y in cols], None])
    return header, rows


def to_xlsx(response: dict[str, Any]) -> bytes:
    """A successful rollout response as .xlsx: 名额表 (with totals, targets and differences), 核对结果, and, in check
    mode, 建议名额 (the same groups split exactly by the shares)."""
    from .. import xlsx

    header, rows = xlsx_rows(response)
    widths = [18, 10] + [11] * (len(header) - 3) + [10]
    title = "核对的任务表" if response.get("mode") == "check" else "名额表"
    sheets: list[tuple[str, list[str], list[list[Any]], list[int] | None]] = [(title, header, rows, widths)]
    findings = [
        ["符合" if f.get("met") else "未达到", f.get("message", ""), (f.get("source") or {}).get("title")
         or (f.get("source") or {}).get("doc", ""), (f.get("source") or {}).get("section", ""),
         (f.get("source") or {}).get("quote", "")]
        for f in response.get("findings") or []
    ]
    findings += [["说明", n.get("message", ""), (n.get("source") or {}).get("title") or "",
                  (n.get("source") or {}).get("section", ""), (n.get("source") or {}).get("quote", "")]
                 for n in response.get("notes") or []]
    verdict = "通过" if response.get("status") == "pass" else "未通过"
    findings += [[], ["结论", f"{verdict}：{response.get('summary', '')}"],
                 ["政策文件", response.get("profile_title") or response.get("profile") or ""]]
    sheets.append(("核对结果", ["结果", "说明", "文件", "条款", "原文"], findings, [8, 70, 30, 12, 40]))
    if response.get("mode") == "check" and response.get("suggested"):
        totals = response.get("suggested_year_totals") or {}
        base = (response.get("base") or {}).get("value") or 0
        devs = {}
        for y, d in (response.get("deviations") or {}).items():
            diff = float(totals.get(y, 0)) - float(d["target"])
            devs[y] = {**d, "difference": diff, "percentage_points": (round(diff / base * 100, 2) if base else 0.0) + 0.0}
        alt = dict(response, quotas=[
            {**s, "teachers": q["teachers"]} for s, q in zip(response["suggested"], response["quotas"])
        ], year_totals=totals, deviations=devs)
        h2, r2 = xlsx_rows(alt)
        sheets.append(("按比例重排的名额", h2, r2, widths))
    return xlsx.write(sheets)


def xlsx_json(arg: str) -> str:
    """The browser's download: a request (JSON, as for tisheng.api.evaluate) in; JSON out with the workbook as
    base64, or the engine's errors. ``{"ok": true, "filename", "base64"}`` | ``{"ok": false, "errors"}``."""
    import base64
    import json

    from .. import api

    try:
        request = json.loads(arg)
    except (ValueError, TypeError):
        return json.dumps({"ok": False, "errors": [{"field": "", "message": "请求不是有效的 JSON。"}]}, ensure_ascii=False)
    response = api.evaluate(request)
    if not response.get("ok") or response.get("tool") != "rollout":
        errors = response.get("errors") or [{"field": "tool", "message": "只能导出名额分配的结果。"}]
        return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
    years = [y for y in response.get("year_totals") or {}]
    span = f"{years[0]}-{years[-1]}" if years else ""
    name = ("名额核对" if response.get("mode") == "check" else "名额分配") + (f"-{span}" if span else "") + ".xlsx"
    data = base64.b64encode(to_xlsx(response)).decode("ascii")
    return json.dumps({"ok": True, "filename": name, "base64": data}, ensure_ascii=False)
