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
from ..io.text import BIDI, HIDDEN, INVISIBLE, SHOW_BIDI, SHOW_INVISIBLE, SHOWN, ZERO_WIDTH  # noqa: F401


def visible(text: str) -> str:
    """A user's text as a message may quote it: every invisible character shown as a mark."""
    return text.translate(SHOW_INVISIBLE)


def marked(value: Any) -> Any:
    """A request's input with every bidirectional control shown as a mark, so no answer can echo one raw."""
    if isinstance(value, str):
        return value.translate(SHOW_BIDI) if HIDDEN.search(value) else value
    if isinstance(value, dict):
        return {k: marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v) for v in value]
    return value


def has_zero_width(value: Any) -> bool:
    if isinstance(value, str):
        return any(c in value for c in ZERO_WIDTH)
    if isinstance(value, dict):
        return any(has_zero_width(v) for v in value.values())
    if isinstance(value, list):
        return any(has_zero_width(v) for v in value)
    return False


ZERO_WIDTH_NOTE = "填写的内容里有看不见的字符（零宽空格等，常见于从网页或微信复制的文字），计算时已去掉。"


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
            shown = visible(raw[:20])
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
    match = DATE_RE.match(raw.translate(INVISIBLE)) if isinstance(raw, str) else None
    if not match:
        errors.add(name, f"{label}应写成 2024-06-30 这样的日期。")
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        errors.add(name, f"{label}“{visible(raw)}”不是有效的日期。")
        return None


def today(data: dict[str, Any], errors: Errors, *, key: str = "today", label: str = "今天的日期") -> dt.date:
    """The day a request is judged on: the one it carries, or else this machine's today.

    The only place the engine reads the clock, and only when the caller gave no day: the pages always send the
    reader's own date, tests and the golden answers pin one, and the command line takes --today."""
    return date(data, key, label, errors, required=False) or dt.date.today()
