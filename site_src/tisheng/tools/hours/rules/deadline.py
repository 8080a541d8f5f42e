"""The day the hours are due (hours.deadline): records after it are not counted, and the answer says how the day she
asks about stands against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ....core.checks import DATE_RE, Checker, value_in
from ....core.model import cite
from ..dates import last_day

SECTION, KEY = "hours", "deadline"
VALUE = "date"
ASK = "date"


def window_end(rule: dict[str, Any]) -> dt.date | None:
    return last_day(rule.get("value"))


def deadline(rule: dict[str, Any]) -> dt.date | None:
    return last_day(rule.get("value"))


def note(rule: dict[str, Any]) -> dict[str, Any]:
    return {"rule": f"{SECTION}.{KEY}", "background": True, "message": f"截止日期：{rule['value']}。",
            "source": cite(rule), "inherited_from": rule.get("inherited_from")}


def validate(c: Checker, key: str, end: Any, section: dict[str, Any]) -> None:
    start = value_in(section, "period_start")
    if isinstance(start, str) and isinstance(end, str) and DATE_RE.match(start) and DATE_RE.match(end) and end < start:
        c.err(key, f"完成期限 {end} 早于起始日期 {start}")
