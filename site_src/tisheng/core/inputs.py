"""Input reading with every problem collected and reported in Chinese, never raised as a traceback."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Errors:
    items: list[dict[str, str]] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.items.append({"field": field_name, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)


MAX_HOURS = 10000.0
# Zero-width characters a copy from a web page or chat leaves behind: dropped before a number is read.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
SHOW_INVISIBLE = {ord(c): "（不可见字符）" for c in "\u200b\u200c\u200d\u2060\ufeff"}


def number(
    data: dict[str, Any],
    key: str,
    label: str,
    errors: Errors,
    *,
    prefix: str = "input",
    required: bool = True,
    minimum: float = 0.0,
    maximum: float = MAX_HOURS,
    unit: str = "",
) -> float | None:
    """Read a number given as a JSON number or as text such as "12.5" (the form and the URL send text)."""
    name = f"{prefix}.{key}"
    raw = data.get(key)
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if required:
            errors.add(name, f"请填写{label}。")
        return None
    if isinstance(raw, bool):
        errors.add(name, f"{label}必须是数字。")
        return None
    value: float
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.translate(INVISIBLE).strip().replace("，", ".").replace("．", ".")
        try:
            if "_" in text or len(text) > 64:  # float() reads "2_5" as 25; no hours figure has 64 digits
                raise ValueError(text)
            value = float(text)
        except ValueError:
            shown = raw[:20].translate(SHOW_INVISIBLE)
            errors.add(name, f"{label}必须是数字，例如 25 或 12.5；现在填的是“{shown}”。")
            return None
    else:
        errors.add(name, f"{label}必须是数字。")
        return None
    if math.isnan(value) or math.isinf(value):
        errors.add(name, f"{label}必须是有限的数字。")
        return None
    if value < minimum:
        errors.add(name, f"{label}不能小于 {minimum:g}{unit}。")
        return None
    if value > maximum:
        errors.add(name, f"{label}不能大于 {maximum:g}{unit}，请检查是否多输了位数。")
        return None
    return value


MAX_COUNT = 1000


def whole_number(data: dict[str, Any], key: str, label: str, errors: Errors, *, prefix: str = "input",
                 unit: str = "", what: str = "") -> int | None:
    """A count (reviews, absences, pieces) read like `number`, which must then be whole; `what` says what is counted
    in the message, e.g. "（次数）". The entry is shown as given: 2.04 is not "2"."""
    value = number(data, key, label, errors, prefix=prefix, required=False, maximum=MAX_COUNT, unit=unit)
    if value is None:
        return None
    if value != int(value):
        errors.add(f"{prefix}.{key}", f"{label}应是整数{what}，现在是 {value:g}。")
        return None
    return int(value)


DATE_RE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")


def date(
    data: dict[str, Any], key: str, label: str, errors: Errors, *, prefix: str = "input", required: bool = True
) -> dt.date | None:
    """A calendar date written as 2024-06-30, 2024/6/30 or 2024年6月30日."""
    name = f"{prefix}.{key}"
    raw = data.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors.add(name, f"请填写{label}。")
        return None
    match = DATE_RE.match(raw) if isinstance(raw, str) else None
    if not match:
        errors.add(name, f"{label}应写成 2024-06-30 这样的日期。")
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        errors.add(name, f"{label}“{raw}”不是有效的日期。")
        return None


def today(data: dict[str, Any], errors: Errors, *, key: str = "today", label: str = "今天的日期") -> dt.date:
    """The day a request is judged on: the one it carries, or else this machine's today.

    The only place the engine reads the clock, and only when the caller gave no day: the pages always send the
    reader's own date, tests and the golden answers pin one, and the command line takes --today."""
    return date(data, key, label, errors, required=False) or dt.date.today()
