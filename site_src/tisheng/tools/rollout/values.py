"""The small values a rollout request is made of: a year, a whole number of people, a name, a blank."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from ...core import vocabulary
from ...core.inputs import Errors, number
from ...core.model import fmt


MODES = {"plan": "排名额", "check": "核对任务表"}
BASES = vocabulary.Words(lambda v: {w: v.value_words[w] for w in ("after_pilot", "all_teachers")})
MAX_GROUPS = 2000
MAX_YEARS = 20
MAX_TEACHERS = 1_000_000
MAX_TOLERANCE = 1_000_000.0
SHARE_SLACK = Fraction(1, 10**9)
YEAR_MIN, YEAR_MAX = 1990, 2100
SHARE_RULE = "比例可以写小数（0.3）、百分数（30）或带百分号（“30%”）：带 % 的按百分数；不带 % 的数只要有一个大于 1 就都按百分数，否则都按小数。"
PILOT_KINDS = vocabulary.Words(lambda v: {k: v.value_keys[k] for k in ("demonstration_schools", "weak_schools", "schools",
                                                                       "teachers")})
_YEAR_RE = re.compile(r"^(\d{4})\s*年?$")
_DECIMAL_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+|\d+/[1-9]\d*)$")  # 0.3, 30, .5, 1/3


def blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "") or (isinstance(raw, (list, dict)) and not raw)


def show(raw: Any) -> str:
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


def whole(
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


def name_of(raw: Any) -> str | None:
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


def a_list(raw: Any, field: str, errors: Errors, not_list: str, most: int, too_many: str) -> bool:
    """Is ``raw`` a list of at most ``most`` items? If not, the error (``too_many`` names the count as ``{n}``)."""
    if not isinstance(raw, list):
        errors.add(field, not_list)
        return False
    if len(raw) > most:
        errors.add(field, too_many.format(n=len(raw)))
        return False
    return True
