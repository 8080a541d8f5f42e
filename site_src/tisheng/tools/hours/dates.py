"""Dates as the documents write them: YYYY, YYYY-MM or YYYY-MM-DD; a start is its first day, an end its last."""

from __future__ import annotations

import datetime as dt
from typing import Any


def first_day(value: Any) -> dt.date | None:
    parts = _parts(value)
    return dt.date(parts[0], parts[1] or 1, parts[2] or 1) if parts else None


def last_day(value: Any) -> dt.date | None:
    parts = _parts(value)
    if not parts:
        return None
    year, month, day = parts
    if day:
        return dt.date(year, month or 12, day)
    last_month = month or 12
    return dt.date(year + (last_month == 12), last_month % 12 + 1, 1) - dt.timedelta(days=1)


def _parts(value: Any) -> tuple[int, int | None, int | None] | None:
    if not isinstance(value, str) or not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
