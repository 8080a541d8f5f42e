"""The years and their shares: read from the request or the profile, checked to add up to 100%."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ...core.inputs import Errors
from ...core.model import pct
from .context import Ctx
from .values import MAX_YEARS, SHARE_RULE, SHARE_SLACK, YEAR_MAX, YEAR_MIN, _DECIMAL_RE, a_list, blank
from .values import read_year, show


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
    parsed = [_share_text(item) for item in raw]
    problems = [(j, _problem(j, item, got)) for j, (item, got) in enumerate(zip(raw, parsed))]
    for j, problem in problems:
        if problem:
            errors.add(f"{field_name}[{j}]", problem)
    bad = any(problem for _, problem in problems)
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


def _problem(j: int, item: Any, got: tuple[Fraction, bool] | None) -> str | None:
    if got is None:
        return f"第 {j + 1} 个比例“{show(item)}”不是数字。{SHARE_RULE}"
    if got[0] < 0:
        return f"第 {j + 1} 个比例不能是负数。"
    if got[0] > 100:
        return f"第 {j + 1} 个比例“{show(item)}”超过了 100%。"
    return None


def parse_years(raw: Any, errors: Errors) -> list[str] | None:
    if blank(raw):
        errors.add("input.years", "请填写推进年份，例如 2015、2016、2017。")
        return None
    if not a_list(raw, "input.years", errors, "推进年份必须是一个列表，例如 [2015, 2016, 2017]。",
                  MAX_YEARS, f"推进年份最多 {MAX_YEARS} 个，现在有 {{n}} 个。"):
        return None
    years: list[str] = []
    ok = True
    for j, item in enumerate(raw):
        y = read_year(item)
        if y is None:
            errors.add(f"input.years[{j}]", f"第 {j + 1} 个年份“{show(item)}”不是 {YEAR_MIN}—{YEAR_MAX} 之间的四位年份。")
            ok = False
        elif y in years:
            errors.add(f"input.years[{j}]", f"年份 {y} 重复了，每个年份只能出现一次。")
            ok = False
        else:
            years.append(y)
    return years if ok else None


def read_years_shares(
    data: dict[str, Any], ctx: Ctx, errors: Errors, defaults: list[str]
) -> tuple[list[str] | None, list[Fraction] | None]:
    """The years and their shares, as lists or as one {year: share} mapping; the profile's where none are given
    (each one taken is named in ``defaults``)."""
    raw_years, raw_shares = data.get("years"), data.get("shares")
    share_map: dict[str, Any] | None = None
    if isinstance(raw_shares, dict) and raw_shares:
        share_map = _share_map(raw_shares, errors)
        if share_map is None:
            return parse_years(raw_years, errors) if not blank(raw_years) else None, None
        if len(share_map) > MAX_YEARS:
            errors.add("input.shares", f"比例最多 {MAX_YEARS} 个，现在有 {len(share_map)} 个。")
            return None, None
    raw_years, raw_shares = _profile_years(ctx, raw_years, raw_shares, share_map, defaults)
    years = parse_years(raw_years, errors)
    matched, raw_shares = _shares_by_year(ctx, years, raw_shares, share_map, errors, defaults)
    if not matched:
        return years, None
    return years, _share_list(raw_years, raw_shares, errors)


def _share_map(raw: dict[Any, Any], errors: Errors) -> dict[str, Any] | None:
    """{"2015": 0.3, ...} keyed by year; None (with the error) at the first key that is not a new year."""
    share_map: dict[str, Any] = {}
    for key, value in raw.items():
        y = read_year(key)
        if y is None or y in share_map:
            errors.add(
                f"input.shares.{key}",
                f"按年份填写比例时，每个键必须是不重复的年份，例如 {{\"2015\": 0.3}}；“{show(key)}”不行。",
            )
            return None
        share_map[y] = value
    return share_map


def _profile_years(ctx: Ctx, raw_years: Any, raw_shares: Any, share_map: dict[str, Any] | None,
                   defaults: list[str]) -> tuple[Any, Any]:
    """Years not given: the profile's (with its shares when none are given either), or the mapping's keys."""
    if blank(raw_years) and blank(raw_shares) and ctx.shares:
        defaults.extend(["years", "shares"])
        return list(ctx.shares), list(ctx.shares.values())
    if blank(raw_years) and share_map is not None:
        return list(share_map), raw_shares
    if blank(raw_years) and isinstance(raw_shares, list) and ctx.shares and len(raw_shares) == len(ctx.shares):
        defaults.append("years")
        return list(ctx.shares), raw_shares
    return raw_years, raw_shares


def _shares_by_year(ctx: Ctx, years: list[str] | None, raw_shares: Any, share_map: dict[str, Any] | None,
                    errors: Errors, defaults: list[str]) -> tuple[bool, Any]:
    """The shares in the order of the years: the profile's when none are given, or the mapping's; (False, None) when
    they do not match the years."""
    if blank(raw_shares) and years is not None and ctx.shares:
        if set(years) != set(ctx.shares):
            errors.add(
                "input.shares",
                f"请填写各年比例（《{ctx.title}》的比例只写到 {'、'.join(ctx.shares)} 年，与所填年份不同）。{SHARE_RULE}",
            )
            return False, None
        raw_shares = [ctx.shares[y] for y in years]
        defaults.append("shares")
    if share_map is None:
        return True, raw_shares
    if years is None:
        return False, None
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
        return False, None
    return True, [share_map[y] for y in years]


def _share_list(raw_years: Any, raw_shares: Any, errors: Errors) -> list[Fraction] | None:
    if blank(raw_shares):
        errors.add("input.shares", f"请填写各年比例，例如 30%、35%、35%。{SHARE_RULE}")
        return None
    if not a_list(raw_shares, "input.shares", errors, f"各年比例必须是一个列表，例如 [0.3, 0.35, 0.35]。{SHARE_RULE}",
                  MAX_YEARS, f"比例最多 {MAX_YEARS} 个，现在有 {{n}} 个。"):
        return None
    shares = read_shares(raw_shares, errors)
    if isinstance(raw_years, list) and len(raw_years) != len(raw_shares):
        errors.add(
            "input.shares",
            f"比例的个数（{len(raw_shares)}）必须与年份的个数（{len(raw_years)}）相同：每年一个比例。",
        )
        return None
    return shares
