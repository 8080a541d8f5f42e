"""The period the hours must be done in (hours.period_years): records older than it, counted back from the day the
records are counted to, are not counted; the answer restates it beside the verdict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ....core.model import cite, fmt
from ..dates import years_before

SECTION, KEY = "hours", "period_years"
VALUE = "number"
ASK = "number"


def window_start(rule: dict[str, Any], as_of: dt.date) -> dt.date | None:
    return years_before(as_of, int(rule["value"]))


def note(rule: dict[str, Any]) -> dict[str, Any]:
    caveat = rule.get("caveat")
    return {
        "rule": f"{SECTION}.{KEY}",
        "background": True,  # a rule restated, not a finding about her hours: pages may fold it
        "message": f"以上学时须在 {fmt(rule['value'])} 年周期内完成"
                   + (f"（沿用上级规定；{caveat}）" if rule.get("inherited_from") and caveat
                      else f"（{caveat}）" if caveat else "") + "。",
        "source": cite(rule),
        "inherited_from": rule.get("inherited_from"),
    }
